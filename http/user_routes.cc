#include "http/user_routes.h"

#include <boost/json.hpp>
#include <chrono>

#include "http/account_routes.h"
#include "http/errors.h"
#include "http/json_io.h"
#include "projections/accounts_view.h"
#include "projections/demand_index.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using domain::DomainError;
using domain::ErrorCode;
using namespace std::chrono_literals;

constexpr auto kWait = 2000ms;

DomainError validation(const std::string& field, const std::string& message) {
  return DomainError::validation(field, "invalid", message);
}

json::object reservation_json(const domain::Reservation& r, bool changeable, bool cancellable) {
  json::array people;
  for (int p : r.people) people.push_back(p);
  return {{"reservationNumber", r.number},
          {"facilityId", r.facility},
          {"checkIn", r.check_in.to_string()},
          {"nights", r.nights},
          {"people", std::move(people)},
          {"roomStyle", domain::style_name(r.style)},
          {"roomStyleWish", domain::wish_name(r.wish)},
          {"status", r.active() ? "booked" : "cancelled"},
          {"changeable", changeable},
          {"cancellable", cancellable},
          {"origin", domain::origin_name(r.origin)}};
}

json::object application_json(const domain::UserApplication& a) {
  json::array people;
  for (int p : a.application.people) people.push_back(p);
  json::object o{{"applicationId", a.application.id},
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

// People per night: an array of 1 or 2 integers.
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

// The stay fields shared by a booking and an application.
struct Stay {
  std::string facility;
  domain::Date check_in;
  int nights = 1;
  std::vector<int> people;
  domain::StyleWish wish = domain::StyleWish::kAny;
};

std::variant<Stay, DomainError> stay_of(const json::object& o) {
  Stay s;
  std::string check_in;
  if (auto e = strings(o, {{"facilityId", &s.facility}, {"checkIn", &check_in}})) return *e;
  const auto d = domain::Date::parse(check_in);
  if (!d) return validation("checkIn", "checkIn は YYYY-MM-DD で指定してください");
  s.check_in = *d;
  const json::value* nights = o.if_contains("nights");
  if (!nights || !nights->is_int64() || nights->as_int64() < 1 || nights->as_int64() > 2) {
    return validation("nights", "nights は 1 か 2 です");
  }
  s.nights = static_cast<int>(nights->as_int64());
  auto people = people_of(o.if_contains("people"));
  if (!people || static_cast<int>(people->size()) != s.nights) {
    return validation("people", "people は泊数分の人数（1以上）です");
  }
  s.people = *people;
  if (const json::value* w = o.if_contains("roomStyle")) {
    auto wish = w->is_string() ? domain::parse_wish(std::string(w->as_string())) : std::nullopt;
    if (!wish) return validation("roomStyle", "roomStyle は japanese, western, any のどれかです");
    s.wish = *wish;
  }
  return s;
}

// A list of digit-string ids under `field`.
std::optional<std::vector<std::string>> id_list(const json::object& o, const char* field) {
  const json::value* v = o.if_contains(field);
  if (!v || !v->is_array() || v->as_array().empty() || v->as_array().size() > 50) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const json::value& x : v->as_array()) {
    if (!x.is_string()) return std::nullopt;
    out.emplace_back(x.as_string());
  }
  return out;
}

class UserRoutes {
 public:
  UserRoutes(const Request& req, Services& s, std::string user)
      : req_(req), s_(s), user_(std::move(user)), now_(s.clock().now()) {}

  Response reservations(std::string_view rest) {
    const auto verb = req_.method();
    if (rest.empty()) {
      if (verb == bhttp::verb::get) return list_reservations();
      if (verb == bhttp::verb::post) return book();
      return method_not_allowed(req_, "GET, POST");
    }
    if (rest == "/cancellations") {
      if (verb != bhttp::verb::post) return method_not_allowed(req_, "POST");
      return cancel();
    }
    if (verb != bhttp::verb::patch) return method_not_allowed(req_, "PATCH");
    return change(std::string(rest.substr(1)));
  }

  Response lotteries(std::string_view rest) {
    const auto verb = req_.method();
    if (rest.empty()) {
      if (verb != bhttp::verb::get) return method_not_allowed(req_, "GET");
      return list_lotteries();
    }
    rest.remove_prefix(1);
    const auto slash = rest.find('/');
    const std::string lottery(rest.substr(0, slash));
    const std::string_view what = slash == std::string_view::npos ? "" : rest.substr(slash);
    if (what.rfind("/demand/", 0) == 0) {
      if (verb != bhttp::verb::get) return method_not_allowed(req_, "GET");
      return demand(lottery, std::string(what.substr(8)));
    }
    if (what == "/applications") {
      if (verb == bhttp::verb::get) return list_applications(lottery);
      if (verb == bhttp::verb::post) return apply(lottery);
      return method_not_allowed(req_, "GET, POST");
    }
    if (what == "/applications/cancellations") {
      if (verb != bhttp::verb::post) return method_not_allowed(req_, "POST");
      return withdraw(lottery);
    }
    if (what == "/result") {
      if (verb != bhttp::verb::get) return method_not_allowed(req_, "GET");
      return result(lottery);
    }
    return error_response(req_, {ErrorCode::kNotFound, "no such resource", {}});
  }

 private:
  // Runs `fn` on the stays view once it has applied `at` (or what the client asked).
  template <class F>
  std::optional<Response> with_stays(std::uint64_t at, F&& fn) {
    std::optional<Response> out;
    const std::uint64_t seen = s_.projections().read_as<projections::StayView>(
        projections::StayView::kName, std::max(at, min_position(req_)), kWait,
        [&](const projections::StayView& v) { out = fn(v); });
    if (seen == 0) return error_response(req_, {ErrorCode::kFailed, "the read side lags", {}});
    if (out) out->set("X-Log-Position", std::to_string(seen));
    return out;
  }
  domain::Result<processor::Outcome> run(domain::CommandBody body, bool idempotent) {
    return s_.processor()
        .submit({domain::Actor::user(user_), std::move(body)},
                idempotent ? idempotency_key(req_) : std::string())
        .get();
  }
  std::variant<json::object, Response> body() { return body_object(req_); }

  Response list_reservations() {
    return *with_stays(0, [&](const projections::StayView& v) {
      json::array list;
      for (const auto& m : v.reservations_of(user_, now_)) {
        list.push_back(reservation_json(m.reservation, m.changeable, m.cancellable));
      }
      return json_answer(req_, bhttp::status::ok, list);
    });
  }

  Response book() {
    auto parsed = body();
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    auto stay = stay_of(std::get<json::object>(parsed));
    if (auto* e = std::get_if<DomainError>(&stay)) return error_response(req_, *e);
    Stay& st = std::get<Stay>(stay);
    auto r = run(
        domain::BookRoom{user_, st.facility, st.check_in, st.nights, st.people, st.wish, {}}, true);
    if (!r.ok()) return error_response(req_, r.error());
    const auto& booked = std::get<domain::ReservationBooked>(r->events.front()).reservation;
    return answer_reservation(booked.number, r->last_position, bhttp::status::created);
  }

  Response answer_reservation(const std::string& number, std::uint64_t at, bhttp::status status) {
    return *with_stays(at, [&](const projections::StayView& v) -> Response {
      for (const auto& m : v.reservations_of(user_, now_)) {
        if (m.reservation.number == number) {
          return json_answer(req_, status,
                             reservation_json(m.reservation, m.changeable, m.cancellable));
        }
      }
      return error_response(req_, {ErrorCode::kNotFound, "no such reservation", {}});
    });
  }

  Response change(const std::string& number) {
    auto parsed = body();
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    const json::object& o = std::get<json::object>(parsed);
    domain::ChangeReservation c{user_, number, std::nullopt, std::nullopt, std::nullopt};
    if (o.contains("people")) {
      auto people = people_of(o.if_contains("people"));
      if (!people) return error_response(req_, validation("people", "people は人数の配列です"));
      c.people = *people;
    }
    if (const json::value* d = o.if_contains("dropNight")) {
      if (!d->is_int64() || (d->as_int64() != 1 && d->as_int64() != 2)) {
        return error_response(req_, validation("dropNight", "dropNight は 1 か 2 です"));
      }
      c.drop_night = static_cast<int>(d->as_int64());
    }
    if (const json::value* w = o.if_contains("roomStyle")) {
      auto wish = w->is_string() ? domain::parse_wish(std::string(w->as_string())) : std::nullopt;
      if (!wish)
        return error_response(req_, validation("roomStyle", "roomStyle が正しくありません"));
      c.wish = *wish;
    }
    // A user touches only their own reservations: another's number is "not found".
    bool mine = false;
    (void)with_stays(0, [&](const projections::StayView& v) {
      auto r = v.reservation(number);
      mine = r && r->user == user_;
      return json_answer(req_, bhttp::status::ok, json::object{});
    });
    if (!mine) return error_response(req_, {ErrorCode::kNotFound, "no such reservation", {}});
    auto r = run(std::move(c), false);
    if (!r.ok()) return error_response(req_, r.error());
    return answer_reservation(number, r->last_position, bhttp::status::ok);
  }

  Response cancel() {
    auto parsed = body();
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    auto numbers = id_list(std::get<json::object>(parsed), "reservationNumbers");
    if (!numbers) {
      return error_response(req_, validation("reservationNumbers", "予約番号を選んでください"));
    }
    auto r = run(domain::CancelReservations{user_, *numbers}, false);
    if (!r.ok()) return error_response(req_, r.error());
    json::array cancelled;
    for (const auto& n : *numbers) cancelled.push_back(json::string(n));
    Response res = json_answer(req_, bhttp::status::ok, json::object{{"cancelled", cancelled}});
    res.set("X-Log-Position", std::to_string(r->last_position));
    return res;
  }

  Response list_lotteries() {
    return *with_stays(0, [&](const projections::StayView& v) {
      json::array list;
      for (const domain::LotteryPeriod* p : v.lotteries()) {
        const char* status = v.published(p->id) ? "published"
                             : v.drawn(p->id)
                                 ? "drawn"
                                 : domain::lottery_status_name(domain::lottery_status(*p, now_));
        list.push_back({{"lotteryId", p->id},
                        {"stayMonth", p->stay_month.to_string().substr(0, 7)},
                        {"opensAt", domain::format_rfc3339_tokyo(p->opens_at)},
                        {"closesAt", domain::format_rfc3339_tokyo(p->closes_at)},
                        {"drawAt", domain::format_rfc3339_tokyo(p->draw_at)},
                        {"publishAt", domain::format_rfc3339_tokyo(p->publish_at)},
                        {"preferenceSlots", p->preference_slots},
                        {"facilityIds", json::value_from(p->facilities)},
                        {"seedHash", accounts::hex(std::string_view(
                                         reinterpret_cast<const char*>(p->seed_hash.data()),
                                         p->seed_hash.size()))},
                        {"status", status}});
      }
      return json_answer(req_, bhttp::status::ok, list);
    });
  }

  Response demand(const std::string& lottery, const std::string& facility) {
    auto url_from = std::string_view(req_.target().data(), req_.target().size());
    domain::Date from{};
    bool have_from = false;
    if (auto q = url_from.find("from="); q != std::string_view::npos) {
      if (auto d = domain::Date::parse(url_from.substr(q + 5, 10))) {
        from = *d;
        have_from = true;
      }
    }
    std::optional<Response> out;
    const std::uint64_t seen = s_.projections().read_as<projections::DemandIndex>(
        projections::DemandIndex::kName, min_position(req_), kWait,
        [&](const projections::DemandIndex& d) {
          json::array days;
          for (const auto& day :
               d.demand(lottery, facility, have_from ? from : domain::tokyo_date(now_))) {
            days.push_back({{"date", day.date.to_string()},
                            {"applications", day.applications},
                            {"winnable", day.winnable}});
          }
          out = json_answer(req_, bhttp::status::ok, json::object{{"days", days}});
        });
    if (seen == 0 || !out)
      return error_response(req_, {ErrorCode::kFailed, "the read side lags", {}});
    out->set("X-Log-Position", std::to_string(seen));
    return std::move(*out);
  }

  Response apply(const std::string& lottery) {
    auto parsed = body();
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    const json::object& o = std::get<json::object>(parsed);
    auto stay = stay_of(o);
    if (auto* e = std::get_if<DomainError>(&stay)) return error_response(req_, *e);
    const json::value* pref = o.if_contains("preference");
    if (!pref || !pref->is_int64() || pref->as_int64() < 1 || pref->as_int64() > 9) {
      return error_response(req_, validation("preference", "preference は希望順位（1から）です"));
    }
    Stay& st = std::get<Stay>(stay);
    auto r = run(domain::ApplyToLottery{user_,
                                        lottery,
                                        st.facility,
                                        st.check_in,
                                        st.nights,
                                        st.people,
                                        st.wish,
                                        static_cast<int>(pref->as_int64()),
                                        {}},
                 true);
    if (!r.ok()) return error_response(req_, r.error());
    const auto& a = std::get<domain::LotteryApplied>(r->events.front()).application;
    Response res = json_answer(req_, bhttp::status::created,
                               application_json({a, domain::ApplicationView::kActive, {}}));
    res.set("X-Log-Position", std::to_string(r->last_position));
    return res;
  }

  Response list_applications(const std::string& lottery) {
    return *with_stays(0, [&](const projections::StayView& v) {
      json::array list;
      for (const auto& a : v.applications_of(user_, lottery)) list.push_back(application_json(a));
      return json_answer(req_, bhttp::status::ok, list);
    });
  }

  Response withdraw(const std::string& lottery) {
    auto parsed = body();
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    auto ids = id_list(std::get<json::object>(parsed), "applicationIds");
    if (!ids) return error_response(req_, validation("applicationIds", "申込みを選んでください"));
    auto r = run(domain::CancelLotteryApplications{user_, lottery, *ids}, false);
    if (!r.ok()) return error_response(req_, r.error());
    json::array cancelled;
    for (const auto& id : *ids) cancelled.push_back(json::string(id));
    Response res = json_answer(req_, bhttp::status::ok, json::object{{"cancelled", cancelled}});
    res.set("X-Log-Position", std::to_string(r->last_position));
    return res;
  }

  Response result(const std::string& lottery) {
    return *with_stays(0, [&](const projections::StayView& v) {
      const domain::LotteryResult r = v.result_of(user_, lottery);
      json::object o{{"status", r.status == domain::LotteryResult::Status::kWon    ? "won"
                                : r.status == domain::LotteryResult::Status::kLost ? "lost"
                                                                                   : "pending"}};
      if (r.won) o["won"] = application_json(*r.won);
      json::array lost;
      for (const auto& a : r.lost) lost.push_back(application_json(a));
      o["lost"] = std::move(lost);
      return json_answer(req_, bhttp::status::ok, o);
    });
  }

  const Request& req_;
  Services& s_;
  std::string user_;
  domain::Instant now_;
};

}  // namespace

std::optional<Response> user_route(const Request& req, std::string_view path, Services& services) {
  const bool reservations = path == "/api/reservations" || path.rfind("/api/reservations/", 0) == 0;
  const bool lotteries = path == "/api/lotteries" || path.rfind("/api/lotteries/", 0) == 0;
  if (!reservations && !lotteries) return std::nullopt;
  auto session = session_of(req, services);
  if (!session || session->role != "user") {
    return error_response(req, {ErrorCode::kUnauthorized, "ログインしてください", {}});
  }
  const std::string user = session->account.substr(5);
  // The initial password opens only the password change (API.md).
  bool must_change = false;
  if (services.options().accounts.initial_password_must_change) {
    services.projections().read_as<projections::AccountsView>(
        projections::AccountsView::kName, 0, kWait, [&](const projections::AccountsView& v) {
          auto it = v.state().passwords.find(session->account);
          must_change = it != v.state().passwords.end() &&
                        it->second.reason == domain::PasswordReason::kInitial;
        });
  }
  if (must_change) {
    return error_response(
        req,
        {ErrorCode::kPasswordChangeRequired, "初期パスワードを変更してからご利用ください", {}});
  }
  UserRoutes routes(req, services, user);
  if (reservations)
    return routes.reservations(path.substr(std::string_view("/api/reservations").size()));
  return routes.lotteries(path.substr(std::string_view("/api/lotteries").size()));
}

}  // namespace hoyo::http
