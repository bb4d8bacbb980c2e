#include "http/codec/stay_body.h"

#include "http/codec/json_io.h"

namespace hoyo::http {

namespace json = boost::json;
using domain::DomainError;

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

std::variant<Stay, DomainError> stay_of(const json::object& o) {
  Stay s;
  DomainError e{domain::ErrorCode::kValidation, "入力内容に誤りがあります", {}};
  std::string check_in;
  if (auto missing = strings(o, {{"facilityId", &s.facility}, {"checkIn", &check_in}})) {
    e.fields = missing->fields;
  }
  if (!check_in.empty()) {
    if (auto d = domain::Date::parse(check_in)) {
      s.check_in = *d;
    } else {
      e.fields.push_back({"checkIn", "format", "checkIn は YYYY-MM-DD で指定してください"});
    }
  }
  const json::value* nights = o.if_contains("nights");
  if (!nights || !nights->is_int64() || nights->as_int64() < 1 || nights->as_int64() > 2) {
    e.fields.push_back({"nights", nights ? "out_of_range" : "required", "nights は 1 か 2 です"});
  } else {
    s.nights = static_cast<int>(nights->as_int64());
  }
  auto people = people_of(o.if_contains("people"));
  if (!people || static_cast<int>(people->size()) != s.nights) {
    e.fields.push_back({"people", o.contains("people") ? "invalid" : "required",
                        "people は泊数分の人数（1以上）です"});
  } else {
    s.people = *people;
  }
  if (const json::value* w = o.if_contains("roomStyle")) {
    if (auto wish = wish_of(*w)) {
      s.wish = *wish;
    } else {
      e.fields.push_back(
          {"roomStyle", "invalid", "roomStyle は japanese, western, any のどれかです"});
    }
  }
  if (!e.fields.empty()) return e;
  return s;
}

std::variant<domain::ChangeReservation, DomainError> change_of(const json::object& o,
                                                               const std::string& user,
                                                               const std::string& number) {
  domain::ChangeReservation c{user, number, std::nullopt, std::nullopt, std::nullopt};
  if (o.contains("people")) {
    auto people = people_of(o.if_contains("people"));
    if (!people) return DomainError::validation("people", "invalid", "people は人数の配列です");
    c.people = *people;
  }
  if (const json::value* d = o.if_contains("dropNight")) {
    if (!d->is_int64() || (d->as_int64() != 1 && d->as_int64() != 2)) {
      return DomainError::validation("dropNight", "invalid", "dropNight は 1 か 2 です");
    }
    c.drop_night = static_cast<int>(d->as_int64());
  }
  if (const json::value* w = o.if_contains("roomStyle")) {
    auto wish = wish_of(*w);
    if (!wish)
      return DomainError::validation("roomStyle", "invalid", "roomStyle が正しくありません");
    c.wish = *wish;
  }
  if (!c.people && !c.drop_night && !c.wish) {
    return DomainError::validation("people", "required", "変更する内容を指定してください");
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
