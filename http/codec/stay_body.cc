#include "http/codec/stay_body.h"

#include "http/codec/json_io.h"

namespace hoyo::http {

namespace json = boost::json;
using base::Error;

namespace {

// People per night: an array of 1 or 2 integers, each 1..99 (the domain
// checks them against the room's capacity).
std::optional<std::vector<int>> people_of(const json::value* v) {
  if (!v || !v->is_array() || v->as_array().empty() || v->as_array().size() > 2) {
    return std::nullopt;
  }
  std::vector<int> out;
  for (const json::value& p : v->as_array()) {
    if (!p.is_int64() || p.as_int64() < 1 || p.as_int64() > 99) return std::nullopt;
    out.push_back(static_cast<int>(p.as_int64()));
  }
  return out;
}

std::optional<domain::StyleWish> wish_of(const json::value& w) {
  return w.is_string() ? domain::parse_wish(std::string(w.as_string())) : std::nullopt;
}

}  // namespace

base::Result<Stay> stay_of(const json::object& o) {
  Stay s;
  Error e = Error::invalid_fields({});
  std::string check_in;
  if (base::Status missing = strings(o, {{"facilityId", &s.facility}, {"checkIn", &check_in}});
      !missing.ok()) {
    e.fields = missing.error().fields;
  }
  if (!check_in.empty()) {
    if (auto d = domain::Date::parse(check_in)) {
      s.check_in = *d;
    } else {
      e.fields.push_back(
          {"checkIn", "format", base::MessageId::kFieldDate, {{"field", "checkIn"}}});
    }
  }
  const json::value* nights = o.if_contains("nights");
  if (!nights || !nights->is_int64() || nights->as_int64() < 1 || nights->as_int64() > 2) {
    e.fields.push_back({"nights",
                        nights ? "out_of_range" : "required",
                        base::MessageId::kFieldOneOf,
                        {{"field", "nights"}, {"a", 1}, {"b", 2}}});
  } else {
    s.nights = static_cast<int>(nights->as_int64());
  }
  auto people = people_of(o.if_contains("people"));
  if (!people || static_cast<int>(people->size()) != s.nights) {
    e.fields.push_back({"people",
                        o.contains("people") ? "invalid" : "required",
                        base::MessageId::kPeopleCounts,
                        {}});
  } else {
    s.people = *people;
  }
  if (const json::value* w = o.if_contains("roomStyle")) {
    if (auto wish = wish_of(*w)) {
      s.wish = *wish;
    } else {
      e.fields.push_back({"roomStyle", "invalid", base::MessageId::kRoomStyleChoice, {}});
    }
  }
  if (!e.fields.empty()) return e;
  return s;
}

base::Result<domain::ChangeReservation> change_of(const json::object& o, const std::string& user,
                                                  const std::string& number) {
  domain::ChangeReservation c{user, number, std::nullopt, std::nullopt, std::nullopt};
  if (o.contains("people")) {
    auto people = people_of(o.if_contains("people"));
    if (!people) return Error::validation("people", "invalid", base::MessageId::kPeopleArray);
    c.people = *people;
  }
  if (const json::value* d = o.if_contains("dropNight")) {
    if (!d->is_int64() || (d->as_int64() != 1 && d->as_int64() != 2)) {
      return Error::validation("dropNight", "invalid", base::MessageId::kFieldOneOf,
                               {{"field", "dropNight"}, {"a", 1}, {"b", 2}});
    }
    c.drop_night = static_cast<int>(d->as_int64());
  }
  if (const json::value* w = o.if_contains("roomStyle")) {
    auto wish = wish_of(*w);
    if (!wish) return Error::validation("roomStyle", "invalid", base::MessageId::kRoomStyleInvalid);
    c.wish = *wish;
  }
  if (!c.people && !c.drop_night && !c.wish) {
    return Error::validation("people", "required", base::MessageId::kSayWhatToChange);
  }
  return c;
}

std::optional<std::vector<std::string>> id_list(const json::object& o, const char* field) {
  const json::value* v = o.if_contains(field);
  if (!v || !v->is_array() || v->as_array().empty() || v->as_array().size() > 50) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json::value& x : v->as_array()) {
    if (!x.is_string() || x.as_string().empty() || x.as_string().size() > 64) return std::nullopt;
    out.emplace_back(x.as_string());
  }
  return out;
}

}  // namespace hoyo::http
