// The publication of a drawn period (O3) and the booking of its wins
// (docs/lottery.md, "Publication"): in the publication's own group when they
// fit one command (publication_limits.h), else by the scheduler in batches,
// each closed by LotteryWinsBooked, the won rooms held from the publication
// until each win is booked.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/confirmation.h"
#include "domain/decide.h"
#include "domain/decide_internal.h"
#include "domain/publication_limits.h"
#include "domain/reservation_number.h"
#include "domain/stay_price.h"

namespace hoyo::domain::internal {
namespace {

// Books period p's wins from `first` on, one for each of `numbers`, as at the
// publication's instant `at`: booked_at, the start of the deadline (unless it
// passed before `told`, when the batch runs: then from `told`), and the
// prices (by `rates`, the rate tables per facility then, when given; else by
// the facilities' own); `from_hold` when their rooms were kept held. A win
// whose holder's account was erased is not booked (its number unused) but
// added to `passed`. Refused for a number that is not fresh.
Status book_wins(const BookingState& s, const LotteryPeriod& p, const std::vector<DrawWin>& wins,
                 std::size_t first, const std::vector<std::string>& numbers, Instant at,
                 Instant told, bool from_hold,
                 const std::map<std::string, std::vector<RateTable>>* rates,
                 std::vector<Event>& out, std::vector<DrawWin>& passed) {
  std::set<std::string> seen;
  // The facilities with the rate tables of the publication, as priced.
  std::map<std::string, Facility> priced_by;
  auto pricing = [&](const std::string& id) -> const Facility& {
    const Facility& f = s.facilities.at(id);
    if (!rates) return f;
    auto then = rates->find(id);
    if (then == rates->end()) return f;
    auto [it, fresh] = priced_by.try_emplace(id, f);
    if (fresh) it->second.rates = then->second;
    return it->second;
  };
  // Per winner, the reduced nights used, those of their earlier wins here included.
  std::map<std::string, std::map<int, int>> used;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    const std::string& number = numbers[i];
    if (!valid_check_digit(number) || s.reservation(number) || !seen.insert(number).second) {
      return Error{
          ErrorCode::kConflict, MessageId::kReservationNumberUnusable, {{"number", number}}};
    }
    const DrawWin& win = wins.at(first + i);
    const LotteryApplication& app = s.applications.at(win.application);
    if (s.account_erased(app.user)) {  // nobody to use, confirm or be told of it
      passed.push_back(win);
      continue;
    }
    Reservation r;
    r.number = number;
    r.user = app.user;
    r.facility = app.facility;
    r.check_in = app.check_in;
    r.nights = app.nights;
    r.people = app.people;
    r.style = win.style;
    r.wish = app.wish;
    r.origin = Origin::kLottery;
    r.booked_at = at;
    r.application = app.id;
    auto [mine, fresh] = used.try_emplace(app.user);
    if (fresh) mine->second = s.reduced_nights_used(app.user);
    PricedWin priced =
        price_win(pricing(app.facility), app, app.check_in, app.nights, app.people, mine->second);
    r.guests = std::move(priced.guests);
    r.reduction = priced.reduction;
    r.price = std::move(priced.price);
    if (r.price) {
      for (const auto& [year, n] : reduced_nights_by_fiscal_year(*r.price)) mine->second[year] += n;
    }
    if (p.confirmation == ConfirmationRule::kRequired) {
      // The days to confirm count from the publication, the same for every
      // batch; only when that deadline passed before this batch ran (a writer
      // down that long) do they count from the batch (`told`), so a win is
      // never booked with its deadline already past.
      const BookingRules& rules = s.facilities.at(app.facility).rules;
      Instant by = win_confirm_by(p.confirm_days, rules, app.check_in, at);
      if (by <= told) by = win_confirm_by(p.confirm_days, rules, app.check_in, told);
      // No time left to confirm (the first-come window already closed): final.
      if (by > told) {
        r.confirmation = Confirmation::kRequired;
        r.confirm_by = by;
      }
    }
    out.push_back(ReservationBooked{std::move(r), from_hold});
  }
  return {};
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const PublishLottery& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator && a.kind != Actor::Kind::kSystem) {
    return Error{ErrorCode::kForbidden, MessageId::kOnlyOperatorsPublish, {}};
  }
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return Error{ErrorCode::kNotFound, MessageId::kNoLottery, {{"lottery", c.lottery}}};
  auto drawn = s.draws.find(c.lottery);
  if (drawn == s.draws.end()) {
    return Error{ErrorCode::kConflict, MessageId::kLotteryNotDrawn, {{"lottery", c.lottery}}};
  }
  if (s.published.count(c.lottery)) {
    return Error{ErrorCode::kConflict, MessageId::kLotteryPublished, {{"lottery", c.lottery}}};
  }
  if (now < p->publish_at) {
    return Error{ErrorCode::kWindowClosed, MessageId::kNotPublicationTime, {}};
  }
  const std::vector<DrawWin>& wins = drawn->second.wins;
  if (c.numbers.size() != publication_bookings(wins.size())) {
    return Error::validation("numbers", "count", MessageId::kNumberPerWin);
  }
  // The result notices follow, from the scheduler (due at `now`): in cluster
  // mode one command's events must fit one stream message. So do the wins'
  // bookings, when they are too many for this command: their rooms stay held.
  std::vector<Event> events{LotteryPublished{p->id, now}};
  if (c.numbers.size() < wins.size()) {
    std::get<LotteryPublished>(events.front()).kept = domain::won_rooms(s, wins);
    return events;
  }
  // The rooms of wins passed over were released with the rest just above.
  std::vector<DrawWin> passed;
  if (Status e = book_wins(s, *p, wins, 0, c.numbers, now, now, false, nullptr, events, passed);
      !e.ok()) {
    return e;
  }
  return events;
}

Status next_wins_booked(const BookingState& s, const std::string& lottery, std::uint32_t max,
                        const std::vector<std::string>& numbers, Instant now,
                        std::vector<Event>& out) {
  const WinsToBook& due = s.wins_to_book.at(lottery);
  const std::vector<DrawWin>& wins = s.draws.at(lottery).wins;
  const std::size_t first = std::min<std::size_t>(due.booked, wins.size());
  const std::size_t n =
      std::min({wins.size() - first, std::size_t{std::max<std::uint32_t>(max, 1)}, numbers.size()});
  if (n == 0 && first < wins.size()) {
    return Error::validation("numbers", "count", MessageId::kNumberPerWin);
  }
  const std::vector<std::string> mine(numbers.begin(), numbers.begin() + static_cast<long>(n));
  std::vector<DrawWin> passed;
  if (Status e = book_wins(s, s.lotteries.at(lottery), wins, first, mine, due.at,
                           std::max(due.at, now), true, &due.rates, out, passed);
      !e.ok()) {
    return e;
  }
  const auto booked = static_cast<std::uint32_t>(first + n);
  out.push_back(LotteryWinsBooked{lottery, booked, booked >= wins.size(), std::move(passed)});
  return {};
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain {

std::vector<Allotment> won_rooms(const BookingState& s, const std::vector<DrawWin>& wins) {
  std::map<std::tuple<std::string, std::int32_t, RoomStyle>, int> rooms;
  for (const DrawWin& w : wins) {
    const LotteryApplication& app = s.applications.at(w.application);
    for (int i = 0; i < app.nights; ++i) {
      ++rooms[{app.facility, app.check_in.plus_days(i).days, w.style}];
    }
  }
  std::vector<Allotment> out;
  for (const auto& [key, n] : rooms) {
    out.push_back({std::get<0>(key), Date{std::get<1>(key)}, std::get<2>(key), n});
  }
  return out;
}

}  // namespace hoyo::domain
