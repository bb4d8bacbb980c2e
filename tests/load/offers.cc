#include "offers.h"

#include <boost/json.hpp>

#include "lottery_setup.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

constexpr const char* kFacility = "seaside";
// Offers are open this many days from the day they are made (or until the
// stay's first-come window closes, weeks later): past any run.
constexpr int kOfferDays = 7;

}  // namespace

std::optional<std::string> lapse_offers(HttpClient& http, const Staff& staff,
                                        const std::string& month, World& world,
                                        const std::vector<UserModel>& users,
                                        std::uint64_t& lapsed_at) {
  const Target* seaside = world.target(kFacility);
  if (!seaside || seaside->styles.empty()) return std::string("no facility ") + kFacility;
  const std::size_t pairs = users.size() / 2;
  if (pairs == 0 || pairs > 28) return "the offers need 2 to 57 users";
  std::string error;
  const auto now = clock_now(http, &error);
  if (!now) return error;

  PeriodPlan plan;
  plan.what = "the offers' lottery";
  plan.facility = kFacility;
  plan.style = seaside->styles.front();
  plan.month = month;
  plan.release = "runners_up";
  plan.confirm_days = 1;
  plan.offer_days = kOfferDays;
  plan.release_at_publication = true;
  plan.guests = true;  // an offer is priced with its application's guests
  OfferNights offers;
  offers.facility = kFacility;
  for (std::size_t i = 0; i < pairs; ++i) {
    const std::string night = day_of(month, static_cast<int>(i) + 1);
    offers.nights.push_back(night);
    plan.allotment.emplace_back(night, 1);
    plan.applicants.emplace_back(users[2 * i].account.cookie, night);
    plan.applicants.emplace_back(users[2 * i + 1].account.cookie, night);
  }
  plan.winners = static_cast<int>(pairs);
  PublishedPeriod published;
  if (auto e = run_period(http, staff, plan, *now, published)) return e;
  offers.lottery = published.lottery;

  // The wins' deadline (the same for all: one publication, one day).
  std::int64_t deadline = 0;
  for (std::size_t i = 0; i < 2 * pairs; ++i) {
    const Answer list = http.send(
        {"GET", "/api/reservations", {}, users[i].account.cookie, {}, published.position});
    auto v = parse_json(list.body);
    if (list.status != 200 || !v || !v->is_array()) return failed("reservations of a winner", list);
    for (const json::value& x : v->as_array()) {
      if (str(x, "origin") != "lottery" || str(x, "facilityId") != kFacility) continue;
      const auto by = parse_time(str(x, "confirmBy"));
      if (!by) return "a win of the offers' lottery without confirmBy: " + json::serialize(x);
      deadline = std::max(deadline, *by);
    }
  }
  if (deadline == 0) return "the offers' lottery made no wins";
  const Answer lapsed = move_clock(http, deadline + 1);
  if (lapsed.status != 200) return failed("the clock past the wins' deadline", lapsed);
  world.offers = std::move(offers);
  lapsed_at = lapsed.position;
  return std::nullopt;
}

std::optional<std::string> take_offers(HttpClient& http, std::uint64_t lapsed_at,
                                       const World& world, std::vector<UserModel>& users) {
  const OfferNights& offers = world.offers;
  const std::size_t pairs = offers.nights.size();
  // Per night, one lapsed win and one open offer, in the two applicants' models.
  for (std::size_t i = 0; i < pairs; ++i) {
    int wins = 0, open = 0;
    for (UserModel* u : {&users[2 * i], &users[2 * i + 1]}) {
      const Answer list =
          http.send({"GET", "/api/reservations", {}, u->account.cookie, {}, lapsed_at});
      auto v = parse_json(list.body);
      if (list.status != 200 || !v || !v->is_array()) return failed("reservations", list);
      for (const json::value& x : v->as_array()) {
        auto r = ReservationState::from_api(x);
        if (!r || r->origin != "lottery" || r->facility != kFacility) continue;
        if (r->status != "lapsed" || r->check_in != offers.nights[i]) {
          return "user " + u->account.number + "'s win of the offers' lottery is " +
                 r->to_string() + " past its deadline";
        }
        u->reservations[r->number] = *r;
        ++wins;
      }
      const Answer result = http.send({"GET",
                                       "/api/lotteries/" + offers.lottery + "/result",
                                       {},
                                       u->account.cookie,
                                       {},
                                       lapsed_at});
      auto res = parse_json(result.body);
      if (result.status != 200 || !res) return failed("the offers' lottery's result", result);
      if (str(*res, "status") == "offered") {
        auto o = OfferState::from_api(res->at("offer"));
        if (!o || o->status != "open" || o->check_in != offers.nights[i] ||
            o->facility != kFacility || o->lottery != offers.lottery) {
          return "user " + u->account.number + " was offered " + json::serialize(*res);
        }
        u->offers[o->id] = *o;
        ++open;
      }
      u->seen_position = std::max(u->seen_position, lapsed_at);
    }
    if (wins != 1 || open != 1) {
      return "on " + offers.nights[i] + " the offers' lottery has " + std::to_string(wins) +
             " lapsed wins and " + std::to_string(open) + " open offers";
    }
  }
  return std::nullopt;
}

}  // namespace hoyo::load
