// The lottery's rules (O3, M2, M4, A2): opening a period with its held rooms,
// the auditor's commitment and reveal, applying with ranked preferences,
// cancelling applications, the draw and publication.
#include <algorithm>
#include <set>

#include "domain/decide.h"
#include "domain/decide_internal.h"
#include "domain/reservation_number.h"

namespace hoyo::domain::internal {
namespace {

bool inside_month(Date month, Date d) { return d >= month && d < month.first_of_month_plus(1); }

// Applications and their cancellation need the window open: kNotOpen before
// it opens (on time, or for a kTwoParty period the auditor's commitment),
// kWindowClosed after.
std::optional<DomainError> check_window_open(const LotteryPeriod& p, Instant now) {
  switch (lottery_status(p, now)) {
    case LotteryStatus::kOpen:
      return std::nullopt;
    case LotteryStatus::kUpcoming:
      if (!p.auditor_committed()) {
        return DomainError{
            ErrorCode::kNotOpen, "the application window opens once the auditor has committed", {}};
      }
      return DomainError{ErrorCode::kNotOpen, "the application window has not opened yet", {}};
    case LotteryStatus::kClosed:
      break;
  }
  return DomainError{ErrorCode::kWindowClosed, "the application window is not open", {}};
}

// An enabled account with the auditor role (acting as "operator:LOGIN").
std::optional<DomainError> check_auditor(const BookingState& s, const Actor& a) {
  if (a.kind == Actor::Kind::kOperator) {
    const OperatorAccount* op = s.accounts.op(a.id);
    if (op && !op->disabled && op->role == OperatorRole::kAuditor) return std::nullopt;
  }
  return DomainError{ErrorCode::kForbidden, "only auditors commit and reveal lottery secrets", {}};
}

// The kTwoParty period `id`, or why the auditor cannot act on it.
Result<const LotteryPeriod*> two_party_period(const BookingState& s, const std::string& id) {
  const LotteryPeriod* p = s.lottery(id);
  if (!p) return DomainError{ErrorCode::kNotFound, "no lottery " + id, {}};
  if (p->draw_rule != DrawRule::kTwoParty) {
    return DomainError{
        ErrorCode::kConflict, "lottery " + id + " draws under the one-party rule", {}};
  }
  return p;
}

// Every room of every style of the period's facilities on every night of the
// month that is not closed and not already taken.
std::vector<Allotment> default_allotment(const BookingState& s, const LotteryPeriod& p) {
  std::vector<Allotment> out;
  for (const std::string& id : p.facilities) {
    const Facility& f = s.facilities.at(id);
    for (Date d = p.stay_month; inside_month(p.stay_month, d); d = d.plus_days(1)) {
      for (const RoomType& t : f.room_types) {
        const int free = s.inventory.free_first_come(f, d, t.style);
        if (free > 0) out.push_back({id, d, t.style, free});
      }
    }
  }
  return out;
}

// The first free id of the stay month: "2027-03", then "2027-03-2", ...
std::string next_lottery_id(const BookingState& s, Date stay_month) {
  const std::string month = stay_month.to_string().substr(0, 7);
  std::string id = month;
  for (int n = 2; s.lottery(id); ++n) id = month + "-" + std::to_string(n);
  return id;
}

std::optional<DomainError> check_period(const BookingState& s, const LotteryPeriod& p,
                                        Instant now) {
  auto invalid = [](std::string field, std::string msg) {
    return DomainError::validation(std::move(field), "invalid", std::move(msg));
  };
  if (p.id.empty() || p.id.size() > 64) return invalid("lotteryId", "1-64 characters");
  if (s.lottery(p.id)) return DomainError{ErrorCode::kConflict, "lottery " + p.id + " exists", {}};
  if (p.stay_month.day() != 1) return invalid("stayMonth", "the first day of a month");
  if (p.facilities.empty()) return invalid("facilityIds", "at least one facility");
  if (!(p.opens_at < p.closes_at && p.closes_at <= p.draw_at && p.draw_at <= p.publish_at)) {
    return invalid("opensAt", "opensAt < closesAt <= drawAt <= publishAt");
  }
  if (p.publish_at >= tokyo_midnight(p.stay_month)) {
    return invalid("publishAt", "results must be published before the stay month");
  }
  if (p.preference_slots < 1 || p.preference_slots > 10) {
    return invalid("preferenceSlots", "1 to 10");
  }
  if (p.seed_hash == std::array<std::uint8_t, 32>{}) {
    return DomainError::validation("seedHash", "required", "the seed commitment is required");
  }
  if (now >= p.opens_at) {
    return DomainError{ErrorCode::kWindowClosed, "the application window has already opened", {}};
  }
  for (const std::string& id : p.facilities) {
    if (!s.facility(id)) return DomainError{ErrorCode::kNotFound, "no facility " + id, {}};
    for (const auto& [other_id, other] : s.lotteries) {
      if (other.stay_month == p.stay_month && other.has_facility(id)) {
        return DomainError{ErrorCode::kConflict,
                           "lottery " + other_id + " already holds " + id + " that month",
                           {}};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const OpenLottery& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator) {
    return DomainError{ErrorCode::kForbidden, "only operators open lotteries", {}};
  }
  LotteryPeriod p = c.period;
  if (p.id.empty()) p.id = next_lottery_id(s, p.stay_month);
  if (auto e = check_period(s, p, now)) return *e;
  // Every period opened now draws under the two-party rule; the auditor's
  // commitment comes by its own event.
  p.draw_rule = DrawRule::kTwoParty;
  p.auditor_seed_hash = {};
  p.auditor_committed_at = 0;
  p.auditor_secret.clear();
  if (p.allotment.empty()) {
    p.allotment = default_allotment(s, p);
  } else {
    std::map<std::tuple<std::string, std::int32_t, RoomStyle>, int> asked;
    for (const Allotment& al : p.allotment) {
      if (!p.has_facility(al.facility) || !inside_month(p.stay_month, al.night) || al.rooms < 1) {
        return DomainError::validation(
            "allotment", "invalid", "allotments are 1+ rooms of the period's facilities and month");
      }
      asked[{al.facility, al.night.days, al.style}] += al.rooms;
    }
    for (const auto& [key, rooms] : asked) {
      const Facility& f = s.facilities.at(std::get<0>(key));
      if (rooms > s.inventory.free_first_come(f, Date{std::get<1>(key)}, std::get<2>(key))) {
        return DomainError{
            ErrorCode::kConflict,
            "allotment exceeds the free rooms on " + Date{std::get<1>(key)}.to_string(),
            {}};
      }
    }
  }
  return std::vector<Event>{LotteryOpened{std::move(p)}};
}

Events decide_one(const BookingState& s, const Actor& a, const ApplyToLottery& c, Instant now) {
  if (auto e = check_actor(a, c.user)) return *e;
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return DomainError{ErrorCode::kNotFound, "no lottery " + c.lottery, {}};
  if (auto e = check_window_open(*p, now)) return *e;
  if (!p->has_facility(c.facility) || !s.facility(c.facility)) {
    return DomainError::validation("facilityId", "not_in_lottery",
                                   "this lottery does not offer " + c.facility);
  }
  const Facility& f = s.facilities.at(c.facility);
  if (auto e = check_stay(f, c.nights, c.people)) return *e;
  if (!inside_month(p->stay_month, c.check_in) ||
      !inside_month(p->stay_month, c.check_in.plus_days(c.nights - 1))) {
    return DomainError::validation("checkIn", "out_of_range",
                                   "check-in and every night must fall in the lottery's month");
  }
  if (auto e = check_wish(f, c.wish)) return *e;
  if (*std::max_element(c.people.begin(), c.people.end()) > max_capacity(f, c.wish)) {
    return DomainError::validation("people", "out_of_range", "more people than a room holds");
  }
  if (c.preference < 1 || c.preference > p->preference_slots) {
    return DomainError::validation("preference", "out_of_range",
                                   "preference 1 to " + std::to_string(p->preference_slots));
  }
  for (const LotteryApplication* mine : s.user_applications(c.user, c.lottery)) {
    if (!mine->active()) continue;
    if (mine->facility != c.facility) {
      return DomainError{
          ErrorCode::kOtherFacility, "you applied to " + mine->facility + " in this lottery", {}};
    }
    if (mine->preference == c.preference) {
      return DomainError{
          ErrorCode::kConflict, "this preference slot is taken; cancel it first", {}};
    }
  }
  if (c.id.empty() || s.applications.count(c.id)) {
    return DomainError{ErrorCode::kConflict, "application id unusable: " + c.id, {}};
  }
  LotteryApplication app{c.id,     c.lottery, c.user, c.facility,   c.check_in,
                         c.nights, c.people,  c.wish, c.preference, ApplicationStatus::kActive,
                         now};
  return std::vector<Event>{LotteryApplied{std::move(app)}};
}

Events decide_one(const BookingState& s, const Actor& a, const CancelLotteryApplications& c,
                  Instant now) {
  if (auto e = check_actor(a, c.user)) return *e;
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return DomainError{ErrorCode::kNotFound, "no lottery " + c.lottery, {}};
  if (c.applications.empty()) {
    return DomainError::validation("applicationIds", "required", "nothing to cancel");
  }
  if (auto e = check_window_open(*p, now)) return *e;
  std::set<std::string> seen;
  for (const std::string& id : c.applications) {
    auto it = s.applications.find(id);
    if (it == s.applications.end() || it->second.user != c.user ||
        it->second.lottery != c.lottery) {
      return DomainError{ErrorCode::kNotFound, "no application " + id, {}};
    }
    if (!it->second.active()) {
      return DomainError{ErrorCode::kConflict, "application " + id + " is cancelled", {}};
    }
    if (!seen.insert(id).second) {
      return DomainError::validation("applicationIds", "duplicate", "listed twice: " + id);
    }
  }
  return std::vector<Event>{LotteryApplicationsCancelled{c.lottery, c.applications}};
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain::internal {

bool lost_recent_periods(const BookingState& s, const LotteryPeriod& p, const std::string& user,
                         const std::string& facility) {
  // The facility's drawn periods before this one, latest first.
  std::vector<const LotteryPeriod*> earlier;
  for (const auto& [id, other] : s.lotteries) {
    if (other.stay_month < p.stay_month && other.has_facility(facility) && s.draws.count(id)) {
      earlier.push_back(&other);
    }
  }
  std::sort(earlier.begin(), earlier.end(), [](const LotteryPeriod* x, const LotteryPeriod* y) {
    return x->stay_month > y->stay_month;
  });
  if (static_cast<int>(earlier.size()) < p.priority_lost_periods) return false;
  for (int i = 0; i < p.priority_lost_periods; ++i) {
    const LotteryPeriod& other = *earlier[static_cast<std::size_t>(i)];
    bool applied = false;
    for (const LotteryApplication* a : s.user_applications(user, other.id)) {
      if (a->facility == facility && a->active()) applied = true;
    }
    if (!applied) return false;
    for (const DrawWin& w : s.draws.at(other.id).wins) {
      if (s.applications.at(w.application).user == user) return false;
    }
  }
  return true;
}

DrawInput draw_input(const BookingState& s, const LotteryPeriod& p, const DrawSeed& seed) {
  DrawInput in;
  in.seed = seed;
  in.algorithm = p.algorithm;
  auto order = s.applications_in_order.find(p.id);
  if (order != s.applications_in_order.end()) {
    for (const std::string& id : order->second) {
      const LotteryApplication& a = s.applications.at(id);
      if (!a.active()) continue;
      in.applications.push_back({a.id, a.user, a.preference, a.facility, a.check_in, a.nights,
                                 *std::max_element(a.people.begin(), a.people.end()), a.wish});
    }
  }
  for (const Allotment& al : p.allotment)
    in.held[{al.facility, al.night.days, al.style}] += al.rooms;
  for (const std::string& f : p.facilities) in.facilities[f] = s.facilities.at(f);
  if (p.priority_lost_periods > 0) {
    for (const DrawApplication& a : in.applications) {
      if (!in.tiers.count(a.applicant)) {
        in.tiers[a.applicant] = lost_recent_periods(s, p, a.applicant, a.facility) ? 0 : 1;
      }
    }
  }
  return in;
}

Events decide_one(const BookingState& s, const Actor& a, const DrawLottery& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator) {
    return DomainError{ErrorCode::kForbidden, "only operators draw lotteries", {}};
  }
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return DomainError{ErrorCode::kNotFound, "no lottery " + c.lottery, {}};
  if (now < p->closes_at) {
    return DomainError{ErrorCode::kWindowOpen, "the application window has not closed", {}};
  }
  if (s.draws.count(c.lottery)) {
    return DomainError{ErrorCode::kConflict, "lottery " + c.lottery + " was drawn", {}};
  }
  if (!p->auditor_revealed()) {
    return DomainError{
        ErrorCode::kRevealMissing, "the auditor has not revealed their secret yet", {}};
  }
  if (c.secret.empty() || seed_commitment(c.secret) != p->seed_hash) {
    return DomainError{ErrorCode::kSeedMismatch, "the secret does not match the commitment", {}};
  }
  const DrawSeed seed = period_draw_seed(*p, c.secret, c.chain_hash);
  const DrawInput input = draw_input(s, *p, seed);
  const DrawOutcome outcome = run_draw(input);
  return std::vector<Event>{
      LotteryDrawn{p->id, c.secret, seed, p->algorithm, inputs_digest(input), outcome.wins}};
}

Events decide_one(const BookingState& s, const Actor& a, const CommitAuditorSeed& c, Instant now) {
  if (auto e = check_auditor(s, a)) return *e;
  auto period = two_party_period(s, c.lottery);
  if (!period.ok()) return period.error();
  const LotteryPeriod& p = **period;
  if (p.auditor_committed()) {
    return DomainError{
        ErrorCode::kConflict, "the auditor has already committed to lottery " + p.id, {}};
  }
  if (now >= p.closes_at) {
    return DomainError{
        ErrorCode::kWindowClosed, "the application window has closed; too late to commit", {}};
  }
  if (c.seed_hash == std::array<std::uint8_t, 32>{}) {
    return DomainError::validation("seedHash", "required", "the seed commitment is required");
  }
  return std::vector<Event>{LotteryAuditorCommitted{p.id, c.seed_hash, now}};
}

Events decide_one(const BookingState& s, const Actor& a, const RevealAuditorSeed& c, Instant now) {
  if (auto e = check_auditor(s, a)) return *e;
  auto period = two_party_period(s, c.lottery);
  if (!period.ok()) return period.error();
  const LotteryPeriod& p = **period;
  if (!p.auditor_committed()) {
    return DomainError{
        ErrorCode::kConflict, "the auditor has not committed to lottery " + p.id, {}};
  }
  if (now < p.closes_at) {
    return DomainError{
        ErrorCode::kWindowOpen, "the auditor's secret is revealed after the window closes", {}};
  }
  if (p.auditor_revealed()) {
    return DomainError{
        ErrorCode::kConflict, "the auditor has already revealed the secret of lottery " + p.id, {}};
  }
  if (c.secret.empty() || seed_commitment(c.secret) != p.auditor_seed_hash) {
    return DomainError{
        ErrorCode::kSeedMismatch, "the secret does not match the auditor's commitment", {}};
  }
  return std::vector<Event>{LotteryAuditorRevealed{p.id, c.secret}};
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain::internal {

Events decide_one(const BookingState& s, const Actor& a, const PublishLottery& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator && a.kind != Actor::Kind::kSystem) {
    return DomainError{ErrorCode::kForbidden, "only operators publish lotteries", {}};
  }
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return DomainError{ErrorCode::kNotFound, "no lottery " + c.lottery, {}};
  auto drawn = s.draws.find(c.lottery);
  if (drawn == s.draws.end()) {
    return DomainError{ErrorCode::kConflict, "lottery " + c.lottery + " is not drawn", {}};
  }
  if (s.published.count(c.lottery)) {
    return DomainError{ErrorCode::kConflict, "lottery " + c.lottery + " is published", {}};
  }
  if (now < p->publish_at) {
    return DomainError{ErrorCode::kWindowClosed, "not yet the publication time", {}};
  }
  const std::vector<DrawWin>& wins = drawn->second.wins;
  if (c.numbers.size() != wins.size()) {
    return DomainError::validation("numbers", "count", "one reservation number per win");
  }
  std::vector<Event> events{LotteryPublished{p->id}};
  std::set<std::string> numbers;
  for (std::size_t i = 0; i < wins.size(); ++i) {
    const std::string& number = c.numbers[i];
    if (!valid_check_digit(number) || s.reservation(number) || !numbers.insert(number).second) {
      return DomainError{ErrorCode::kConflict, "reservation number unusable: " + number, {}};
    }
    const LotteryApplication& app = s.applications.at(wins[i].application);
    Reservation r;
    r.number = number;
    r.user = app.user;
    r.facility = app.facility;
    r.check_in = app.check_in;
    r.nights = app.nights;
    r.people = app.people;
    r.style = wins[i].style;
    r.wish = app.wish;
    r.origin = Origin::kLottery;
    r.booked_at = now;
    r.application = app.id;
    events.push_back(ReservationBooked{std::move(r)});
  }
  return events;
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain {

std::optional<Redraw> redraw(const BookingState& state, const std::string& lottery) {
  auto drawn = state.draws.find(lottery);
  const LotteryPeriod* p = state.lottery(lottery);
  if (drawn == state.draws.end() || !p) return std::nullopt;
  const DrawInput input = internal::draw_input(state, *p, drawn->second.seed);
  return Redraw{run_draw(input).wins, inputs_digest(input)};
}

}  // namespace hoyo::domain
