#include "http/codec/operator_json.h"

#include <string_view>

#include "base/hex.h"
#include "domain/lottery_draw.h"
#include "http/codec/json_io.h"
#include "http/codec/penalty_json.h"
#include "http/codec/rates_json.h"
#include "http/codec/waitlist_json.h"

namespace hoyo::http {

namespace json = boost::json;
namespace bhttp = boost::beast::http;
using base::Error;

namespace {

struct Errors {
  Error e = Error::invalid_fields({});
  void add(const std::string& field, const char* code, base::MessageId message,
           base::Args args = {}) {
    e.fields.push_back({field, code, message, std::move(args)});
  }
};

std::optional<int> int_field(const json::object& o, const char* name, int lo, int hi) {
  const json::value* v = o.if_contains(name);
  if (!v || !v->is_int64() || v->as_int64() < lo || v->as_int64() > hi) return std::nullopt;
  return static_cast<int>(v->as_int64());
}

std::optional<std::string> string_field(const json::object& o, const char* name,
                                        std::size_t max = 200) {
  const json::value* v = o.if_contains(name);
  if (!v || !v->is_string() || v->as_string().empty() || v->as_string().size() > max) {
    return std::nullopt;
  }
  return std::string(v->as_string());
}

}  // namespace

base::Status facility_preconditions(const Request& req, domain::PutFacility& put) {
  const auto bad = [](const char* header) {
    return Error::validation(header, "format", base::MessageId::kFacilityPreconditionFormat);
  };
  if (auto it = req.find(bhttp::field::if_match); it != req.end()) {
    const std::string_view v = it->value();
    // A strong tag of a revision: '"' + 16 hex digits + '"'.
    if (v.size() != 18 || v.front() != '"' || v.back() != '"' ||
        v.substr(1, 16).find_first_not_of("0123456789abcdef") != std::string_view::npos) {
      return bad("If-Match");
    }
    put.expected_revision = std::string(v.substr(1, 16));
  }
  if (auto it = req.find(bhttp::field::if_none_match); it != req.end()) {
    if (it->value() != "*") return bad("If-None-Match");
    put.must_be_new = true;
  }
  return base::ok_status();
}

base::Result<domain::PutFacility> facility_of(const json::object& o, const std::string& id,
                                              const domain::BookingRules& defaults) {
  Errors err;
  domain::PutFacility put;
  domain::Facility& f = put.facility;
  f.id = id;
  f.rules = defaults;
  if (id.empty() || id.size() > 64 ||
      id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
    err.add("facilityId", "format", base::MessageId::kFacilityIdFormat);
  }
  if (auto n = string_field(o, "name")) {
    f.name = *n;
  } else {
    err.add("name", "required", base::MessageId::kFacilityNameRequired);
  }
  f.name_en = string_field(o, "nameEn").value_or(f.name);
  const json::value* types = o.if_contains("roomTypes");
  if (!types || !types->is_array() || types->as_array().empty() || types->as_array().size() > 3) {
    err.add("roomTypes", "required", base::MessageId::kAtLeastOneRoomType);
  } else {
    for (const json::value& t : types->as_array()) {
      const json::object* to = t.if_object();
      auto style = to ? string_field(*to, "style") : std::nullopt;
      auto parsed = style ? domain::parse_style(*style) : std::nullopt;
      auto rooms = to ? int_field(*to, "rooms", 1, 1000) : std::nullopt;
      auto capacity = to ? int_field(*to, "capacity", 1, 20) : std::nullopt;
      if (!parsed || !rooms || !capacity || f.room_type(*parsed)) {
        err.add("roomTypes", "invalid", base::MessageId::kRoomTypesFormat);
        break;
      }
      f.room_types.push_back({*parsed, *rooms, *capacity});
    }
  }
  if (const json::value* w = o.if_contains("styleWish")) {
    if (!w->is_bool()) {
      err.add("styleWish", "type", base::MessageId::kStyleWishBool);
    } else {
      f.style_wish = w->as_bool();
    }
  }
  if (const json::value* r = o.if_contains("rules")) {
    const json::object* ro = r->if_object();
    if (!ro) {
      err.add("rules", "type", base::MessageId::kRulesObject);
    } else {
      const std::tuple<const char*, std::optional<int>*, int, int> fields[] = {
          {"openMonthsBefore", &put.rules.open_months_before, 0, 12},
          {"openHour", &put.rules.open_hour, 0, 23},
          {"closeDaysBefore", &put.rules.close_days_before, 0, 60},
          {"changeCloseDaysBefore", &put.rules.change_close_days_before, 0, 60},
          {"cancelCloseDaysBefore", &put.rules.cancel_close_days_before, 0, 60},
          {"maxUpcoming", &put.rules.max_upcoming, 1, 100},
          {"maxNights", &put.rules.max_nights, 1, 2}};
      for (const auto& [name, out, lo, hi] : fields) {
        if (!ro->contains(name)) continue;
        if (auto v = int_field(*ro, name, lo, hi)) {
          *out = *v;
        } else {
          err.add(std::string("rules.") + name, "out_of_range", base::MessageId::kFieldRange,
                  {{"field", std::string(name)}, {"min", lo}, {"max", hi}});
        }
      }
    }
  }
  if (const json::value* r = o.if_contains("rates")) {
    auto rates = rates_of(*r);
    if (rates.ok()) {
      put.rates = std::move(*rates);
    } else {
      for (const base::FieldError& fe : rates.error().fields) err.e.fields.push_back(fe);
    }
  }
  if (const json::value* p = o.if_contains("penalties"); p && !p->is_null()) {
    auto penalties = penalty_patch_of(*p, "penalties.");
    if (penalties.ok()) {
      put.penalties = std::move(*penalties);
    } else {
      for (const base::FieldError& fe : penalties.error().fields) err.e.fields.push_back(fe);
    }
  }
  if (const json::value* w = o.if_contains("waitlist"); w && !w->is_null()) {
    auto waitlist = waitlist_settings_of(*w);
    if (waitlist.ok()) {
      put.waitlist = *waitlist;
    } else {
      for (const base::FieldError& fe : waitlist.error().fields) err.e.fields.push_back(fe);
    }
  }
  if (!err.e.fields.empty()) return err.e;
  return put;
}

base::Result<domain::LotteryPeriod> lottery_of(const json::object& o, const AppConfig& config) {
  Errors err;
  domain::LotteryPeriod p;
  const auto month = string_field(o, "stayMonth", 7);
  const auto first =
      month && month->size() == 7 ? domain::Date::parse(*month + "-01") : std::nullopt;
  if (!first) {
    err.add("stayMonth", "format", base::MessageId::kFieldMonth, {{"field", "stayMonth"}});
  } else {
    p.stay_month = *first;
  }
  const json::value* facilities = o.if_contains("facilityIds");
  if (!facilities || !facilities->is_array() || facilities->as_array().empty()) {
    err.add("facilityIds", "required", base::MessageId::kAtLeastOneFacility);
  } else {
    for (const json::value& f : facilities->as_array()) {
      if (!f.is_string() || f.as_string().empty()) {
        err.add("facilityIds", "type", base::MessageId::kFacilityIdsArray);
        break;
      }
      p.facilities.emplace_back(f.as_string());
    }
  }
  const std::pair<const char*, domain::Instant*> times[] = {{"opensAt", &p.opens_at},
                                                            {"closesAt", &p.closes_at},
                                                            {"drawAt", &p.draw_at},
                                                            {"publishAt", &p.publish_at}};
  for (const auto& [name, out] : times) {
    auto text = string_field(o, name, 64);
    auto t = text ? domain::parse_rfc3339(*text) : std::nullopt;
    if (!t) {
      err.add(name, text ? "format" : "required", base::MessageId::kFieldRfc3339,
              {{"field", std::string(name)}});
    } else {
      *out = *t;
    }
  }
  if (err.e.fields.empty() &&
      !(p.opens_at < p.closes_at && p.closes_at <= p.draw_at && p.draw_at <= p.publish_at)) {
    err.add("closesAt", "order", base::MessageId::kLotteryTimesOrder);
  }
  p.preference_slots = config.lottery_preference_slots;
  if (o.contains("preferenceSlots")) {
    if (auto k = int_field(o, "preferenceSlots", 1, 10)) {
      p.preference_slots = *k;
    } else {
      err.add("preferenceSlots", "out_of_range", base::MessageId::kFieldRange,
              {{"field", "preferenceSlots"}, {"min", 1}, {"max", 10}});
    }
  }
  auto algorithm =
      domain::parse_algorithm(string_field(o, "algorithm").value_or(config.lottery_algorithm));
  if (!algorithm) {
    err.add("algorithm", "invalid", base::MessageId::kAlgorithmChoice);
  } else {
    p.algorithm = *algorithm;
  }
  if (o.contains("priorityLostPeriods")) {
    if (auto n = int_field(o, "priorityLostPeriods", 0, 12)) {
      p.priority_lost_periods = *n;
    } else {
      err.add("priorityLostPeriods", "out_of_range", base::MessageId::kFieldRange,
              {{"field", "priorityLostPeriods"}, {"min", 0}, {"max", 12}});
    }
  }
  // Win confirmation: required unless told otherwise; lapsed rooms go to
  // first-come unless offered to runners-up first.
  if (o.contains("confirmation")) {
    const auto c = string_field(o, "confirmation", 16);
    if (c == "required" || c == "none") {
      p.confirmation =
          c == "none" ? domain::ConfirmationRule::kNone : domain::ConfirmationRule::kRequired;
    } else {
      err.add("confirmation", "invalid", base::MessageId::kConfirmationChoice);
    }
  }
  if (o.contains("confirmDays")) {
    if (auto n = int_field(o, "confirmDays", domain::kMinConfirmDays, domain::kMaxConfirmDays)) {
      p.confirm_days = *n;
    } else {
      err.add("confirmDays", "out_of_range", base::MessageId::kFieldRange,
              {{"field", "confirmDays"},
               {"min", domain::kMinConfirmDays},
               {"max", domain::kMaxConfirmDays}});
    }
  }
  if (o.contains("release")) {
    const auto r = string_field(o, "release", 16);
    if (r == "runners_up" || r == "first_come") {
      p.release =
          r == "runners_up" ? domain::ReleaseRule::kRunnersUp : domain::ReleaseRule::kFirstCome;
    } else {
      err.add("release", "invalid", base::MessageId::kReleaseChoice);
    }
  }
  if (o.contains("offerDays")) {
    if (auto n = int_field(o, "offerDays", domain::kMinOfferDays, domain::kMaxOfferDays)) {
      p.offer_days = *n;
    } else {
      err.add(
          "offerDays", "out_of_range", base::MessageId::kFieldRange,
          {{"field", "offerDays"}, {"min", domain::kMinOfferDays}, {"max", domain::kMaxOfferDays}});
    }
  }
  if (const json::value* at = o.if_contains("releaseAt"); at && !at->is_null()) {
    auto text = string_field(o, "releaseAt", 64);
    auto t = text ? domain::parse_rfc3339(*text) : std::nullopt;
    if (!t) {
      err.add("releaseAt", "format", base::MessageId::kFieldRfc3339, {{"field", "releaseAt"}});
    } else {
      p.release_at = *t;
    }
  }
  if (const json::value* n = o.if_contains("notifyLosers")) {
    if (!n->is_bool()) {
      err.add("notifyLosers", "type", base::MessageId::kFieldBool, {{"field", "notifyLosers"}});
    } else {
      p.notify_losers = n->as_bool();
    }
  }
  const auto seed_hash = string_field(o, "seedHash", 64);
  const auto seed = seed_hash ? base::from_hex_array<32>(*seed_hash) : std::nullopt;
  if (!seed) {
    err.add("seedHash", "format", base::MessageId::kSeedHashFormat);
  } else {
    p.seed_hash = *seed;
  }
  if (const json::value* a = o.if_contains("allotment")) {
    if (!a->is_array()) {
      err.add("allotment", "type", base::MessageId::kAllotmentArray);
    } else {
      for (const json::value& item : a->as_array()) {
        const json::object* io = item.if_object();
        auto facility = io ? string_field(*io, "facilityId") : std::nullopt;
        auto date = io ? string_field(*io, "date", 10) : std::nullopt;
        auto night = date ? domain::Date::parse(*date) : std::nullopt;
        auto style = io ? string_field(*io, "style") : std::nullopt;
        auto parsed = style ? domain::parse_style(*style) : std::nullopt;
        auto rooms = io ? int_field(*io, "rooms", 0, 1000) : std::nullopt;
        if (!facility || !night || !parsed || !rooms) {
          err.add("allotment", "invalid", base::MessageId::kAllotmentItem);
          break;
        }
        p.allotment.push_back({*facility, *night, *parsed, *rooms});
      }
    }
  }
  if (!err.e.fields.empty()) return err.e;
  return p;
}

base::Result<std::string> secret_of(const json::object& o) {
  std::string secret_hex;
  if (base::Status s = strings(o, {{"secret", &secret_hex}}); !s.ok()) return s;
  auto secret = base::from_hex(secret_hex);
  if (!secret || secret->empty() || secret->size() > 256) {
    return Error::validation("secret", "format", base::MessageId::kSecretHex);
  }
  return std::move(*secret);
}

}  // namespace hoyo::http
