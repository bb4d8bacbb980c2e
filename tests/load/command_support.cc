#include "command_support.h"

#include <set>

namespace hoyo::load {

namespace json = boost::json;

std::vector<int> people_of(const json::value& v) {
  std::vector<int> out;
  if (v.is_array()) {
    for (const json::value& n : v.as_array()) out.push_back(static_cast<int>(n.as_int64()));
  }
  return out;
}

std::vector<int> random_people(Context& ctx, int nights) {
  std::vector<int> p;
  for (int i = 0; i < nights; ++i) p.push_back(ctx.uniform(1, 2));  // fits every room
  return p;
}

std::vector<GuestCount> random_guests(Context& ctx, int nights) {
  std::vector<GuestCount> out;
  for (int i = 0; i < nights; ++i) {
    GuestCount g;
    g.adults = ctx.uniform(1, 2);
    g.children = ctx.uniform(0, 2 - g.adults);
    g.infants = ctx.chance(4) ? 1 : 0;
    out.push_back(g);
  }
  return out;
}

json::array guests_json(const std::vector<GuestCount>& guests) {
  json::array out;
  for (const GuestCount& g : guests) {
    out.push_back(
        json::object{{"adults", g.adults}, {"children", g.children}, {"infants", g.infants}});
  }
  return out;
}

std::vector<int> people_of(const std::vector<GuestCount>& guests) {
  std::vector<int> out;
  for (const GuestCount& g : guests) out.push_back(g.adults + g.children);
  return out;
}

std::string random_reduction(Context& ctx, const Target* t) {
  if (!t || !t->reductions) return {};
  static const char* kinds[] = {"none", "senior", "disability"};
  return kinds[ctx.uniform(0, 2)];
}

void put_random_party(Context& ctx, const Target* t, int nights, json::object& body) {
  const int form = ctx.uniform(0, 3);
  const std::vector<GuestCount> guests = random_guests(ctx, nights);
  if (form == 0) body["people"] = json::value_from(random_people(ctx, nights));
  if (form >= 1) body["guests"] = guests_json(guests);
  if (form == 2) body["people"] = json::value_from(people_of(guests));
  if (const std::string r = random_reduction(ctx, t); form >= 1 && !r.empty() && ctx.chance(2)) {
    body["reduction"] = r;
  }
}

std::vector<GuestCount> asked_guests(const json::value& body) {
  return guests_of(body, body.as_object().contains("people") ? people_of(body.at("people"))
                                                             : std::vector<int>{});
}

std::string asked_reduction(const json::value& body) {
  return str(body, "reduction").empty() ? "none" : str(body, "reduction");
}

bool asks_rarely_while_suspended(Context& ctx, const UserModel& u) {
  return u.suspended_on(ctx.world.business_day()) && !ctx.chance(4);
}

std::string id_before_last(const Request& req) {
  const std::size_t end = req.target.rfind('/');
  const std::size_t begin = req.target.rfind('/', end - 1) + 1;
  return req.target.substr(begin, end - begin);
}

std::string suspended_until(const Answer& a) {
  auto v = a.status == 403 ? parse_json(a.body) : std::nullopt;
  return v && str(*v, "code") == "suspended" ? str(*v, "suspendedUntil") : "";
}

bool expected_refusal(const Answer& a) {
  auto v = parse_json(a.body);
  const std::string code = v ? str(*v, "code") : "";
  static const std::set<std::string> ok = {"no_vacancy", "limit_reached", "conflict",
                                           "window_closed", "other_facility"};
  return (a.status == 409 || a.status == 422) && ok.count(code);
}

bool retryable_unavailability(const Answer& a) {
  auto v = parse_json(a.body);
  const std::string code = v ? str(*v, "code") : "";
  return a.status == 503 && (code == "unavailable" || code == "stale") && !a.retry_after.empty();
}

void read_back(Context& ctx, UserModel& u, const std::string& command, const Request& req,
               const ReservationState& before, const ReservationState& after) {
  const Answer a =
      ctx.call(u.account.number, command + " settle",
               {"GET", "/api/reservations", {}, u.account.cookie, {}, 0}, Outcome::kCheck);
  auto list = parse_json(a.body);
  if (a.status != 200 || !list || !list->is_array()) {
    ctx.faults.add("user " + u.account.number +
                   ": reservations after the restart: " + std::to_string(a.status) + " " + a.body);
    return;
  }
  for (const json::value& x : list->as_array()) {
    auto got = ReservationState::from_api(x);
    if (!got || got->number != before.number) continue;
    ReservationState priced = after;  // its price is the log check's to compare
    priced.price = got->price;
    if (*got == before || *got == priced) {
      u.reservations[before.number] = *got;
    } else {
      ctx.faults.add("user " + u.account.number + ": reservation " + before.number +
                     " after an unanswered " + command + " " + req.method + " " + req.target + " " +
                     req.body + " is " + got->to_string() + "; before it was " +
                     before.to_string() + ", after it would be " + after.to_string());
    }
    return;
  }
  ctx.faults.add("user " + u.account.number + ": reservation " + before.number +
                 " is gone after an unanswered " + command);
}

}  // namespace hoyo::load
