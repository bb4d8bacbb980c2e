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

// The guests of each night: 1 or 2 objects {adults, children, infants?}, every
// count a whole number 0..kMaxGuestsOfAKind and each night at least one adult
// or child; checked before any count is summed.
base::Result<std::vector<domain::Guests>> guests_of(const json::value& v) {
  const Error format = Error::validation("guests", "invalid", base::MessageId::kGuestsFormat);
  if (!v.is_array() || v.as_array().empty() || v.as_array().size() > 2) return format;
  auto count = [](const json::object& night, const char* name, bool required) -> int {
    const json::value* c = night.if_contains(name);
    if (!c) return required ? -1 : 0;
    if (!c->is_int64() || c->as_int64() < 0 || c->as_int64() > domain::kMaxGuestsOfAKind) {
      return -1;
    }
    return static_cast<int>(c->as_int64());
  };
  std::vector<domain::Guests> out;
  for (const json::value& n : v.as_array()) {
    if (!n.is_object()) return format;
    const json::object& night = n.as_object();
    domain::Guests g{count(night, "adults", true), count(night, "children", true),
                     count(night, "infants", false)};
    if (g.adults < 0 || g.children < 0 || g.infants < 0) return format;
    if (g.people() < 1) {
      return Error::validation("guests", "out_of_range", base::MessageId::kGuestsCount);
    }
    out.push_back(g);
  }
  return out;
}

std::optional<domain::Reduction> reduction_of(const json::value& v) {
  return v.is_string() ? domain::parse_reduction(std::string_view(v.as_string())) : std::nullopt;
}

std::optional<domain::StyleWish> wish_of(const json::value& w) {
  return w.is_string() ? domain::parse_wish(std::string(w.as_string())) : std::nullopt;
}

}  // namespace

domain::BookRoom booking_of(const std::string& user, const Stay& stay) {
  return domain::BookRoom{user, stay.facility, stay.check_in, stay.nights, stay.people, stay.wish,
                          {},   stay.guests,   stay.reduction};
}

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
  bool guests_ok = false;
  if (const json::value* g = o.if_contains("guests")) {
    auto guests = guests_of(*g);
    if (!guests.ok()) {
      e.fields.push_back(guests.error().fields.at(0));
    } else if (static_cast<int>(guests->size()) != s.nights) {
      e.fields.push_back({"guests", "count", base::MessageId::kGuestsPerNight, {}});
    } else {
      s.guests = std::move(guests).value();
      guests_ok = true;
    }
  }
  if (o.contains("people") || !o.contains("guests")) {
    auto people = people_of(o.if_contains("people"));
    if (!people || static_cast<int>(people->size()) != s.nights) {
      e.fields.push_back({"people",
                          o.contains("people") ? "invalid" : "required",
                          base::MessageId::kPeopleCounts,
                          {}});
    } else {
      s.people = *people;
    }
  }
  if (guests_ok) {
    std::vector<int> counted;
    for (const domain::Guests& g : s.guests) counted.push_back(g.people());
    if (s.people.empty() && !o.contains("people")) {
      s.people = std::move(counted);
    } else if (!s.people.empty() && s.people != counted) {
      e.fields.push_back({"people", "mismatch", base::MessageId::kGuestsDisagreeWithPeople, {}});
    }
  }
  if (const json::value* r = o.if_contains("reduction")) {
    if (auto reduction = reduction_of(*r)) {
      s.reduction = *reduction;
    } else {
      e.fields.push_back({"reduction", "invalid", base::MessageId::kReductionChoice, {}});
    }
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
  domain::ChangeReservation c;
  c.user = user;
  c.number = number;
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
  if (const json::value* g = o.if_contains("guests")) {
    auto guests = guests_of(*g);
    if (!guests.ok()) return guests.error();
    c.guests = std::move(guests).value();
    if (c.people && c.people->size() != c.guests->size()) {
      return Error::validation("guests", "count", base::MessageId::kGuestsPerNight);
    }
    if (c.people) {
      for (std::size_t i = 0; i < c.people->size(); ++i) {
        if ((*c.people)[i] != (*c.guests)[i].people()) {
          return Error::validation("people", "mismatch",
                                   base::MessageId::kGuestsDisagreeWithPeople);
        }
      }
    }
  }
  if (const json::value* r = o.if_contains("reduction")) {
    auto reduction = reduction_of(*r);
    if (!reduction) {
      return Error::validation("reduction", "invalid", base::MessageId::kReductionChoice);
    }
    c.reduction = *reduction;
  }
  if (!c.people && !c.drop_night && !c.wish && !c.guests && !c.reduction) {
    return Error::validation("people", "required", base::MessageId::kSayWhatToChange);
  }
  return c;
}

base::Result<std::string> optional_string(const json::object& o, const char* field) {
  const json::value* v = o.if_contains(field);
  if (!v || v->is_null()) return std::string();
  if (!v->is_string()) {
    return Error::validation(field, "type", base::MessageId::kFieldNotString, {{"field", field}});
  }
  return std::string(v->as_string());
}

base::Result<domain::PenaltyWaiver> waiver_of(const json::object& o) {
  domain::PenaltyWaiver w;
  if (const json::value* v = o.if_contains("waivePenalty"); v && !v->is_null()) {
    if (!v->is_bool()) {
      return Error::validation("waivePenalty", "type", base::MessageId::kFieldBool,
                               {{"field", "waivePenalty"}});
    }
    w.waive = v->as_bool();
  }
  auto reason = optional_string(o, "reason");
  if (!reason.ok()) return reason.error();
  w.reason = std::move(reason).value();
  return w;
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
