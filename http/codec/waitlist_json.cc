#include "http/codec/waitlist_json.h"

#include <cstdio>
#include <string>

#include "http/codec/price_json.h"

namespace hoyo::http {

namespace json = boost::json;
using base::Error;

namespace {

std::string time_of_day(int minute) {
  char out[8];
  std::snprintf(out, sizeof out, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return out;
}

// "HH:MM" (00:00 to 23:59) as minutes after midnight.
std::optional<int> parse_time_of_day(const json::value& v) {
  const json::string* s = v.if_string();
  if (!s || s->size() != 5 || (*s)[2] != ':') return std::nullopt;
  for (std::size_t i : {0, 1, 3, 4}) {
    if ((*s)[i] < '0' || (*s)[i] > '9') return std::nullopt;
  }
  const int h = ((*s)[0] - '0') * 10 + ((*s)[1] - '0');
  const int m = ((*s)[3] - '0') * 10 + ((*s)[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

}  // namespace

json::object waitlist_settings_json(const domain::WaitlistSettings& w) {
  return {{"enabled", w.enabled},
          {"entriesPerMonth", w.entries_per_month},
          {"closeDaysBefore", w.close_days_before},
          {"pickAt", time_of_day(w.pick_minute)},
          {"offerDays", w.offer_days},
          {"offerBy", time_of_day(w.offer_by_minute)}};
}

base::Result<domain::WaitlistSettings> waitlist_settings_of(const json::value& v) {
  const json::object* o = v.if_object();
  if (!o) return Error::validation("waitlist", "type", base::MessageId::kRulesObject);
  domain::WaitlistSettings w;
  Error e = Error::invalid_fields({});
  if (const json::value* x = o->if_contains("enabled"); x && !x->is_null()) {
    if (x->is_bool()) {
      w.enabled = x->as_bool();
    } else {
      e.fields.push_back({"waitlist.enabled",
                          "type",
                          base::MessageId::kFieldBool,
                          {{"field", std::string("enabled")}}});
    }
  }
  const std::pair<const char*, int*> ints[] = {{"entriesPerMonth", &w.entries_per_month},
                                               {"closeDaysBefore", &w.close_days_before},
                                               {"offerDays", &w.offer_days}};
  for (const auto& [name, out] : ints) {
    const json::value* x = o->if_contains(name);
    if (!x || x->is_null()) continue;
    if (x->is_int64() && x->as_int64() >= -100000 && x->as_int64() <= 100000) {
      *out = static_cast<int>(x->as_int64());
    } else {
      e.fields.push_back({std::string("waitlist.") + name,
                          "type",
                          base::MessageId::kFieldRange,
                          {{"field", std::string(name)}, {"min", 0}, {"max", 60}}});
    }
  }
  const std::pair<const char*, int*> times[] = {{"pickAt", &w.pick_minute},
                                                {"offerBy", &w.offer_by_minute}};
  for (const auto& [name, out] : times) {
    const json::value* x = o->if_contains(name);
    if (!x || x->is_null()) continue;
    if (auto minute = parse_time_of_day(*x)) {
      *out = *minute;
    } else {
      e.fields.push_back({std::string("waitlist.") + name,
                          "format",
                          base::MessageId::kFieldTimeOfDay,
                          {{"field", std::string(name)}}});
    }
  }
  if (!e.fields.empty()) return e;
  return w;
}

json::object waitlist_entry_json(const domain::WaitlistEntry& e,
                                 const domain::WaitlistOffer* offer) {
  json::array people;
  for (int p : e.people) people.push_back(p);
  json::object o{{"entryId", e.id},
                 {"facilityId", e.facility},
                 {"checkIn", e.check_in.to_string()},
                 {"nights", e.nights},
                 {"people", std::move(people)},
                 {"guests", guests_json(e.guests, e.people)},
                 {"reduction", domain::reduction_name(e.reduction)},
                 {"roomStyle", domain::wish_name(e.wish)},
                 {"joinedAt", domain::format_rfc3339_tokyo(e.joined_at)}};
  if (offer) {
    o["offer"] = {{"offerId", offer->id},
                  {"offerBy", domain::format_rfc3339_tokyo(offer->offer_by)}};
  }
  return o;
}

}  // namespace hoyo::http
