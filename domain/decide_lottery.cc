// The lottery's rules (O3, M2, M4, A2): opening a period with its held rooms,
// the auditor's commitment and reveal, applying with ranked preferences,
// cancelling applications, the draw and publication.
#include <algorithm>
#include <set>

#include "domain/decide.h"
#include "domain/decide_internal.h"
#include "domain/stay_price.h"

namespace hoyo::domain::internal {
namespace {

bool inside_month(Date month, Date d) { return d >= month && d < month.first_of_month_plus(1); }

// Applications and their cancellation need the window open: kNotOpen before
// it opens (on time, or for a kTwoParty period the auditor's commitment),
// kWindowClosed after.
Status check_window_open(const LotteryPeriod& p, Instant now) {
  switch (lottery_status(p, now)) {
    case LotteryStatus::kOpen:
      return {};
    case LotteryStatus::kUpcoming:
      if (!p.auditor_committed()) {
        return Error{ErrorCode::kNotOpen, MessageId::kWindowAwaitsAuditor};
      }
      return Error{ErrorCode::kNotOpen, MessageId::kWindowNotOpenedYet, {}};
    case LotteryStatus::kClosed:
      break;
  }
  return Error{ErrorCode::kWindowClosed, MessageId::kWindowNotOpen, {}};
}

// An enabled account with the auditor role (acting as "operator:LOGIN").
Status check_auditor(const BookingState& s, const Actor& a) {
  if (a.kind == Actor::Kind::kOperator) {
    const OperatorAccount* op = s.accounts.op(a.id);
    if (op && !op->disabled && op->role == OperatorRole::kAuditor) return {};
  }
  return Error{ErrorCode::kForbidden, MessageId::kOnlyAuditorsSeed, {}};
}

// The kTwoParty period `id`, or why the auditor cannot act on it.
base::Result<const LotteryPeriod*> two_party_period(const BookingState& s, const std::string& id) {
  const LotteryPeriod* p = s.lottery(id);
  if (!p) return Error{ErrorCode::kNotFound, MessageId::kNoLottery, {{"lottery", id}}};
  if (p->draw_rule != DrawRule::kTwoParty) {
    return Error{ErrorCode::kConflict, MessageId::kLotteryOneParty, {{"lottery", id}}};
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

Status check_period(const BookingState& s, const LotteryPeriod& p, Instant now) {
  auto invalid = [](std::string field, MessageId msg, base::Args args = {}) {
    return Error::validation(std::move(field), "invalid", msg, std::move(args));
  };
  if (p.id.empty() || p.id.size() > 64) return invalid("lotteryId", MessageId::kLength1To64);
  if (s.lottery(p.id))
    return Error{ErrorCode::kConflict, MessageId::kLotteryExists, {{"lottery", p.id}}};
  if (p.stay_month.day() != 1) return invalid("stayMonth", MessageId::kFirstOfMonth);
  if (p.facilities.empty()) return invalid("facilityIds", MessageId::kAtLeastOneFacility);
  if (!(p.opens_at < p.closes_at && p.closes_at <= p.draw_at && p.draw_at <= p.publish_at)) {
    return invalid("opensAt", MessageId::kLotteryTimesOrder);
  }
  if (p.publish_at >= tokyo_midnight(p.stay_month)) {
    return invalid("publishAt", MessageId::kPublishBeforeStay);
  }
  if (p.preference_slots < 1 || p.preference_slots > 10) {
    return invalid("preferenceSlots", MessageId::kRange, {{"min", 1}, {"max", 10}});
  }
  if (p.confirm_days < kMinConfirmDays || p.confirm_days > kMaxConfirmDays) {
    return invalid("confirmDays", MessageId::kRange,
                   {{"min", kMinConfirmDays}, {"max", kMaxConfirmDays}});
  }
  if (p.offer_days < kMinOfferDays || p.offer_days > kMaxOfferDays) {
    return invalid("offerDays", MessageId::kRange,
                   {{"min", kMinOfferDays}, {"max", kMaxOfferDays}});
  }
  if (p.release_at != 0 && p.release_at <= p.publish_at) {
    return invalid("releaseAt", MessageId::kReleaseAfterPublication);
  }
  if (p.seed_hash == std::array<std::uint8_t, 32>{}) {
    return Error::validation("seedHash", "required", MessageId::kSeedCommitmentRequired);
  }
  if (now >= p.opens_at) {
    return Error{ErrorCode::kWindowClosed, MessageId::kWindowAlreadyOpened, {}};
  }
  for (const std::string& id : p.facilities) {
    if (!s.facility(id))
      return Error{ErrorCode::kNotFound, MessageId::kNoFacility, {{"facility", id}}};
    for (const auto& [other_id, other] : s.lotteries) {
      if (other.stay_month == p.stay_month && other.has_facility(id)) {
        return Error{ErrorCode::kConflict,
                     MessageId::kLotteryHoldsFacility,
                     {{"lottery", other_id}, {"facility", id}}};
      }
    }
  }
  return {};
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const OpenLottery& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator) {
    return Error{ErrorCode::kForbidden, MessageId::kOnlyOperatorsOpenLotteries, {}};
  }

  LotteryPeriod p = c.period;
  if (p.id.empty()) p.id = next_lottery_id(s, p.stay_month);
  if (Status e = check_period(s, p, now); !e.ok()) return e;
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
        return Error::validation("allotment", "invalid", MessageId::kAllotmentInvalid);
      }
      asked[{al.facility, al.night.days, al.style}] += al.rooms;
    }
    for (const auto& [key, rooms] : asked) {
      const Facility& f = s.facilities.at(std::get<0>(key));
      if (rooms > s.inventory.free_first_come(f, Date{std::get<1>(key)}, std::get<2>(key))) {
        return Error{ErrorCode::kConflict,
                     MessageId::kAllotmentExceeds,
                     {{"date", day_arg(Date{std::get<1>(key)})}}};
      }
    }
  }
  return std::vector<Event>{LotteryOpened{std::move(p)}};
}

Events decide_one(const BookingState& s, const Actor& a, const ApplyToLottery& c, Instant now) {
  if (Status e = check_actor(a, c.user); !e.ok()) return e;
  if (Status e = check_not_suspended(s, a, c.user, {}, now); !e.ok()) return e;
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return Error{ErrorCode::kNotFound, MessageId::kNoLottery, {{"lottery", c.lottery}}};
  if (Status e = check_window_open(*p, now); !e.ok()) return e;
  if (!p->has_facility(c.facility) || !s.facility(c.facility)) {
    return Error::validation("facilityId", "not_in_lottery", MessageId::kLotteryDoesNotOffer,
                             {{"facility", c.facility}});
  }
  const Facility& f = s.facilities.at(c.facility);
  if (Status e = check_stay(f, c.nights, c.people); !e.ok()) return e;
  // The limits count what the user holds now; the draw does not re-check.
  if (Status e = check_stay_limits(s, c.user, c.check_in, c.nights, c.people); !e.ok()) return e;
  if (!inside_month(p->stay_month, c.check_in) ||
      !inside_month(p->stay_month, c.check_in.plus_days(c.nights - 1))) {
    return Error::validation("checkIn", "out_of_range", MessageId::kStayInLotteryMonth);
  }
  if (Status e = check_wish(f, c.wish); !e.ok()) return e;
  if (*std::max_element(c.people.begin(), c.people.end()) > max_capacity(f, c.wish)) {
    return Error::validation("people", "out_of_range", MessageId::kTooManyPeople);
  }
  if (c.preference < 1 || c.preference > p->preference_slots) {
    return Error::validation("preference", "out_of_range", MessageId::kPreferenceRange,
                             {{"max", p->preference_slots}});
  }
  for (const LotteryApplication* mine : s.user_applications(c.user, c.lottery)) {
    if (!mine->active()) continue;
    if (mine->facility != c.facility) {
      return Error{
          ErrorCode::kOtherFacility, MessageId::kAppliedElsewhere, {{"facility", mine->facility}}};
    }
    if (mine->preference == c.preference) {
      return Error{ErrorCode::kConflict, MessageId::kPreferenceTaken, {}};
    }
  }
  // The guests and the reduction claimed, checked as a booking's would be now
  // (the win is priced at its publication: price_win).
  auto priced = stay_price(
      f, {c.check_in, c.nights, c.guests, c.people, c.reduction, s.reduced_nights_used(c.user)});
  if (!priced.ok()) return priced.error();
  if (c.id.empty() || s.applications.count(c.id)) {
    return Error{ErrorCode::kConflict, MessageId::kApplicationIdUnusable, {{"id", c.id}}};
  }
  LotteryApplication app{c.id,     c.lottery, c.user,     c.facility,   c.check_in,
                         c.nights, c.people,  c.wish,     c.preference, ApplicationStatus::kActive,
                         now,      c.guests,  c.reduction};
  return std::vector<Event>{LotteryApplied{std::move(app)}};
}

Events decide_one(const BookingState& s, const Actor& a, const CancelLotteryApplications& c,
                  Instant now) {
  if (Status e = check_actor(a, c.user); !e.ok()) return e;
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return Error{ErrorCode::kNotFound, MessageId::kNoLottery, {{"lottery", c.lottery}}};
  if (c.applications.empty()) {
    return Error::validation("applicationIds", "required", MessageId::kNothingToCancel);
  }
  if (Status e = check_window_open(*p, now); !e.ok()) return e;
  std::set<std::string> seen;
  for (const std::string& id : c.applications) {
    auto it = s.applications.find(id);
    if (it == s.applications.end() || it->second.user != c.user ||
        it->second.lottery != c.lottery) {
      return Error{ErrorCode::kNotFound, MessageId::kNoApplication, {{"application", id}}};
    }
    if (!it->second.active()) {
      return Error{ErrorCode::kConflict, MessageId::kApplicationCancelled, {{"application", id}}};
    }
    if (!seen.insert(id).second) {
      return Error::validation("applicationIds", "duplicate", MessageId::kListedTwice,
                               {{"item", id}});
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
    // A runner-up who accepted an offered room of that period got a stay too,
    // and one who holds an open offer has a stay to take (else they could
    // wait out this draw among its losers, then accept).
    if (s.runner_up_winners.count({other.id, user}) || s.offer_holders.count({other.id, user})) {
      return false;
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
    return Error{ErrorCode::kForbidden, MessageId::kOnlyOperatorsDraw, {}};
  }
  const LotteryPeriod* p = s.lottery(c.lottery);
  if (!p) return Error{ErrorCode::kNotFound, MessageId::kNoLottery, {{"lottery", c.lottery}}};
  if (now < p->closes_at) {
    return Error{ErrorCode::kWindowOpen, MessageId::kWindowNotClosed, {}};
  }
  if (s.draws.count(c.lottery)) {
    return Error{ErrorCode::kConflict, MessageId::kLotteryDrawn, {{"lottery", c.lottery}}};
  }
  if (!p->auditor_revealed()) {
    return Error{ErrorCode::kRevealMissing, MessageId::kAuditorNotRevealed, {}};
  }
  if (c.secret.empty() || seed_commitment(c.secret) != p->seed_hash) {
    return Error{ErrorCode::kSeedMismatch, MessageId::kSecretMismatch, {}};
  }
  const DrawSeed seed = period_draw_seed(*p, c.secret, c.chain_hash);
  const DrawInput input = draw_input(s, *p, seed);
  DrawOutcome outcome = run_draw(input);
  LotteryDrawn drawn{p->id, c.secret, seed, p->algorithm, inputs_digest(input), outcome.wins};
  // The runners-up's order is part of the published draw.
  if (p->release == ReleaseRule::kRunnersUp) drawn.order = std::move(outcome.order);
  return std::vector<Event>{std::move(drawn)};
}

Events decide_one(const BookingState& s, const Actor& a, const CommitAuditorSeed& c, Instant now) {
  if (Status e = check_auditor(s, a); !e.ok()) return e;
  auto period = two_party_period(s, c.lottery);
  if (!period.ok()) return period.error();
  const LotteryPeriod& p = **period;
  if (p.auditor_committed()) {
    return Error{ErrorCode::kConflict, MessageId::kAuditorCommitted, {{"lottery", p.id}}};
  }
  if (now >= p.closes_at) {
    return Error{ErrorCode::kWindowClosed, MessageId::kTooLateToCommit, {}};
  }
  if (c.seed_hash == std::array<std::uint8_t, 32>{}) {
    return Error::validation("seedHash", "required", MessageId::kSeedCommitmentRequired);
  }
  return std::vector<Event>{LotteryAuditorCommitted{p.id, c.seed_hash, now}};
}

Events decide_one(const BookingState& s, const Actor& a, const RevealAuditorSeed& c, Instant now) {
  if (Status e = check_auditor(s, a); !e.ok()) return e;
  auto period = two_party_period(s, c.lottery);
  if (!period.ok()) return period.error();
  const LotteryPeriod& p = **period;
  if (!p.auditor_committed()) {
    return Error{ErrorCode::kConflict, MessageId::kAuditorNotCommitted, {{"lottery", p.id}}};
  }
  if (now < p.closes_at) {
    return Error{ErrorCode::kWindowOpen, MessageId::kRevealAfterWindow, {}};
  }
  if (p.auditor_revealed()) {
    return Error{ErrorCode::kConflict, MessageId::kAuditorRevealed, {{"lottery", p.id}}};
  }
  if (c.secret.empty() || seed_commitment(c.secret) != p.auditor_seed_hash) {
    return Error{ErrorCode::kSeedMismatch, MessageId::kAuditorSecretMismatch, {}};
  }
  return std::vector<Event>{LotteryAuditorRevealed{p.id, c.secret}};
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain {

std::optional<Redraw> redraw(const BookingState& state, const std::string& lottery) {
  auto drawn = state.draws.find(lottery);
  const LotteryPeriod* p = state.lottery(lottery);
  if (drawn == state.draws.end() || !p) return {};
  const DrawInput input = internal::draw_input(state, *p, drawn->second.seed);
  DrawOutcome outcome = run_draw(input);
  return Redraw{std::move(outcome.wins), inputs_digest(input), std::move(outcome.order)};
}

}  // namespace hoyo::domain
