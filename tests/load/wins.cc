#include "wins.h"

#include <boost/json.hpp>

#include "lottery_setup.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// Wins are confirmed within 60 days, the longest a period allows: far past
// any run on the test clock, which the load never moves.
constexpr int kConfirmDays = 60;
constexpr const char* kFacility = "kogen";

}  // namespace

std::optional<std::string> set_up_wins(HttpClient& http, const Staff& staff,
                                       const std::string& month, World& world,
                                       std::vector<UserModel>& users) {
  const Target* kogen = world.target(kFacility);
  if (!kogen || kogen->styles.empty()) return std::string("no facility ") + kFacility;
  if (month == world.stay_month) return "the load lottery's stay month is " + month;
  if (users.size() > 28) return "more users than nights in a month";

  std::string error;
  const auto now = clock_now(http, &error);
  if (!now) return error;
  if (*now + 45 >= world.lottery_closes) {
    return "the load's lottery closes at " + tokyo_time(world.lottery_closes) +
           ", too soon after the test clock's " + tokyo_time(*now) + " for a second period";
  }
  PeriodPlan plan;
  plan.what = "the wins' lottery";
  plan.facility = kFacility;
  plan.style = kogen->styles.front();
  plan.month = month;
  plan.confirm_days = kConfirmDays;
  plan.guests = true;
  plan.senior = kogen->reductions;  // priced at the reduced rate where it is offered
  for (std::size_t i = 0; i < users.size(); ++i) {
    const std::string night = day_of(month, static_cast<int>(i) + 1);
    plan.allotment.emplace_back(night, 1);
    plan.applicants.emplace_back(users[i].account.cookie, night);
  }
  plan.winners = static_cast<int>(users.size());
  PublishedPeriod published;
  if (auto e = run_period(http, staff, plan, *now, published)) return e;
  world.win_lottery = published.lottery;

  // Each user's win, as its reservation list shows it once published.
  for (UserModel& u : users) {
    const Answer list =
        http.send({"GET", "/api/reservations", {}, u.account.cookie, {}, published.position});
    auto v = parse_json(list.body);
    if (list.status != 200 || !v || !v->is_array()) return failed("reservations of a winner", list);
    int won = 0;
    for (const json::value& x : v->as_array()) {
      auto r = ReservationState::from_api(x);
      // The offers' period's lapsed wins are at another facility (offers.h).
      if (!r || r->origin != "lottery" || r->facility != kFacility) continue;
      if (r->confirmation != "required" || r->status != "booked") {
        return "user " + u.account.number + "'s win is " + r->to_string();
      }
      u.reservations[r->number] = *r;
      u.seen_position = std::max(u.seen_position, list.position);
      ++won;
    }
    if (won != 1) return "user " + u.account.number + " has " + std::to_string(won) + " wins";
  }
  return std::nullopt;
}

}  // namespace hoyo::load
