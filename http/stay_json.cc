#include "http/stay_json.h"

#include "accounts/personal_data.h"
#include "http/json_io.h"
#include "projections/stay_view.h"

namespace hoyo::http {

namespace json = boost::json;
using domain::DomainError;

json::object reservation_json(const domain::Reservation& r, bool changeable, bool cancellable) {
  json::array people;
  for (int p : r.people) people.push_back(p);
  json::object o{{"reservationNumber", r.number},
                 {"facilityId", r.facility},
                 {"checkIn", r.check_in.to_string()},
                 {"nights", r.nights},
                 {"people", std::move(people)},
                 {"roomStyle", domain::style_name(r.style)},
                 {"roomStyleWish", domain::wish_name(r.wish)},
                 {"status", r.active() ? "booked" : "cancelled"},
                 {"changeable", changeable && r.active()},
                 {"cancellable", cancellable && r.active()},
                 {"origin", domain::origin_name(r.origin)}};
  if (!r.application.empty()) o["applicationId"] = r.application;
  return o;
}

json::object application_json(const domain::UserApplication& a) {
  json::array people;
  for (int p : a.application.people) people.push_back(p);
  json::object o{{"applicationId", a.application.id},
                 {"lotteryId", a.application.lottery},
                 {"facilityId", a.application.facility},
                 {"checkIn", a.application.check_in.to_string()},
                 {"nights", a.application.nights},
                 {"people", std::move(people)},
                 {"roomStyle", domain::wish_name(a.application.wish)},
                 {"preference", a.application.preference},
                 {"status", domain::application_view_name(a.status)}};
  if (!a.reservation_number.empty()) o["reservationNumber"] = a.reservation_number;
  return o;
}

json::object lottery_json(const projections::StayView& v, const domain::LotteryPeriod& p,
                          domain::Instant now) {
  const char* status = v.published(p.id) ? "published"
                       : v.drawn(p.id)
                           ? "drawn"
                           : domain::lottery_status_name(domain::lottery_status(p, now));
  return {{"lotteryId", p.id},
          {"stayMonth", p.stay_month.to_string().substr(0, 7)},
          {"opensAt", domain::format_rfc3339_tokyo(p.opens_at)},
          {"closesAt", domain::format_rfc3339_tokyo(p.closes_at)},
          {"drawAt", domain::format_rfc3339_tokyo(p.draw_at)},
          {"publishAt", domain::format_rfc3339_tokyo(p.publish_at)},
          {"preferenceSlots", p.preference_slots},
          {"facilityIds", json::value_from(p.facilities)},
          {"algorithm", domain::algorithm_name(p.algorithm)},
          {"seedHash", accounts::hex(std::string_view(
                           reinterpret_cast<const char*>(p.seed_hash.data()), p.seed_hash.size()))},
          {"status", status}};
}

json::object result_json(const domain::LotteryResult& r) {
  using S = domain::LotteryResult::Status;
  json::object o{{"status", r.status == S::kWon    ? "won"
                            : r.status == S::kLost ? "lost"
                                                   : "pending"}};
  if (r.won) o["won"] = application_json(*r.won);
  json::array lost;
  for (const auto& a : r.lost) lost.push_back(application_json(a));
  o["lost"] = std::move(lost);
  return o;
}

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

std::optional<json::object> json_object_or_answer(const Call& call) {
  auto parsed = body_object(call.req);
  if (auto* r = std::get_if<Response>(&parsed)) {
    call.answer(std::move(*r));
    return std::nullopt;
  }
  return std::move(std::get<json::object>(parsed));
}

}  // namespace hoyo::http
