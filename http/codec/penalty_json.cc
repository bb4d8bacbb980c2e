#include "http/codec/penalty_json.h"

namespace hoyo::http {

namespace json = boost::json;
using base::Error;

json::object penalty_rules_json(const domain::PenaltyRules& r) {
  return {{"enabled", r.enabled},
          {"lateDays", r.late_days},
          {"lateCancellationDays", r.late_cancellation_days},
          {"noShowDays", r.no_show_days}};
}

json::object penalty_overrides_json(const domain::PenaltyRulesPatch& p) {
  json::object o;
  if (p.enabled) o["enabled"] = *p.enabled;
  if (p.late_days) o["lateDays"] = *p.late_days;
  if (p.late_cancellation_days) o["lateCancellationDays"] = *p.late_cancellation_days;
  if (p.no_show_days) o["noShowDays"] = *p.no_show_days;
  return o;
}

base::Result<domain::PenaltyRulesPatch> penalty_patch_of(const json::value& v,
                                                         const std::string& prefix) {
  const json::object* o = v.if_object();
  if (!o) {
    const std::string field = prefix.empty() ? "penalties" : prefix.substr(0, prefix.size() - 1);
    return Error::validation(field, "type", base::MessageId::kRulesObject);
  }
  domain::PenaltyRulesPatch p;
  Error e = Error::invalid_fields({});
  if (const json::value* x = o->if_contains("enabled"); x && !x->is_null()) {
    if (x->is_bool()) {
      p.enabled = x->as_bool();
    } else {
      e.fields.push_back({prefix + "enabled",
                          "type",
                          base::MessageId::kFieldBool,
                          {{"field", std::string("enabled")}}});
    }
  }
  const std::pair<const char*, std::optional<int>*> ints[] = {
      {"lateDays", &p.late_days},
      {"lateCancellationDays", &p.late_cancellation_days},
      {"noShowDays", &p.no_show_days}};
  for (const auto& [name, out] : ints) {
    const json::value* x = o->if_contains(name);
    if (!x || x->is_null()) continue;
    if (x->is_int64() && x->as_int64() >= -100000 && x->as_int64() <= 100000) {
      *out = static_cast<int>(x->as_int64());
    } else {
      e.fields.push_back({prefix + name,
                          "out_of_range",
                          base::MessageId::kFieldRange,
                          {{"field", std::string(name)}, {"min", 0}, {"max", 365}}});
    }
  }
  if (!e.fields.empty()) return e;
  return p;
}

json::object stay_limits_json(const domain::StayLimits& l) {
  return {{"nightsPerFiscalYear", l.nights_per_fiscal_year},
          {"nightsPerMonth", l.nights_per_month},
          {"minPeoplePerRoom", l.min_people_per_room}};
}

base::Result<domain::StayLimits> stay_limits_of(const json::object& o) {
  domain::StayLimits l;
  Error e = Error::invalid_fields({});
  const std::pair<const char*, int*> ints[] = {{"nightsPerFiscalYear", &l.nights_per_fiscal_year},
                                               {"nightsPerMonth", &l.nights_per_month},
                                               {"minPeoplePerRoom", &l.min_people_per_room}};
  for (const auto& [name, out] : ints) {
    const json::value* x = o.if_contains(name);
    if (!x || x->is_null()) continue;
    if (x->is_int64() && x->as_int64() >= -100000 && x->as_int64() <= 100000) {
      *out = static_cast<int>(x->as_int64());
    } else {
      e.fields.push_back({name,
                          "type",
                          base::MessageId::kFieldRange,
                          {{"field", std::string(name)}, {"min", 0}, {"max", 366}}});
    }
  }
  if (!e.fields.empty()) return e;
  return l;
}

json::array limit_usage_json(const std::vector<domain::LimitUsage>& usage) {
  json::array out;
  for (const domain::LimitUsage& u : usage) {
    out.push_back({{"kind", domain::limit_kind_name(u.kind)},
                   {"period", u.period.to_string()},
                   {"max", u.max},
                   {"used", u.used},
                   {"left", u.left()}});
  }
  return out;
}

void add_suspension_json(json::object& o, const domain::Suspension& s) {
  o["suspendedUntil"] = s.until.to_string();
  o["suspensionReason"] = domain::suspension_cause_name(s.cause);
  o["suspendedFrom"] = s.from.to_string();
  o["suspensionReservation"] = s.number;
}

void add_suspended_json(json::object& o, const domain::Suspensions& list, domain::Date today) {
  const domain::Suspension* latest = domain::in_force_on(list, today);
  o["suspended"] = latest != nullptr;
  if (latest) add_suspension_json(o, *latest);
}

json::array suspensions_json(const domain::Suspensions& list, domain::Date today) {
  json::array out;
  for (const domain::Suspension& s : list) {
    if (!s.active_on(today)) continue;
    out.push_back(json::object{{"id", s.id()},
                               {"from", s.from.to_string()},
                               {"until", s.until.to_string()},
                               {"cause", domain::suspension_cause_name(s.cause)},
                               {"reservation", s.number}});
  }
  return out;
}

}  // namespace hoyo::http
