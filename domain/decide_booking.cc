// The reservation rules (M6, M7, M8, O4): first-come booking, change and
// cancellation, by the user or by an operator on the user's behalf.
#include <algorithm>
#include <set>

#include "domain/booking_windows.h"
#include "domain/decide_internal.h"
#include "domain/penalties.h"
#include "domain/reservation_number.h"
#include "domain/stay_change.h"
#include "domain/stay_price.h"

namespace hoyo::domain::internal {
namespace {

// The user's own active reservation, or not_found (never revealing others',
// nor, to the user acting `a`, a win whose period's results are not out:
// BookingState::shown_to_holder; operators act on it).
base::Result<const Reservation*> own_reservation(const BookingState& s, const Actor& a,
                                                 const std::string& user,
                                                 const std::string& number) {
  const Reservation* r = s.reservation(number);
  const bool seen = r && r->user == user && (a.kind != Actor::Kind::kUser || s.shown_to_holder(*r));
  return reservation_to_change(seen ? r : nullptr, number);
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const BookRoom& c, Instant now) {
  if (Status e = check_actor(a, c.user); !e.ok()) return e;
  if (Status e = check_sealed_for(s, c.user, c.sealed_override_reason, "overrideReason"); !e.ok()) {
    return e;
  }
  if (Status e =
          check_not_suspended(s, a, c.user, c.override_reason, now, c.sealed_override_reason);
      !e.ok()) {
    return e;
  }
  const Facility* f = s.facility(c.facility);
  if (!f) return Error{ErrorCode::kNotFound, MessageId::kNoFacility, {{"facility", c.facility}}};
  if (Status e = check_stay_request(*f, c.nights, c.people, c.wish); !e.ok()) return e;
  const int most = *std::max_element(c.people.begin(), c.people.end());
  if (Status e = check_stay_limits(s, c.user, c.check_in, c.nights, c.people); !e.ok()) return e;
  auto price = stay_price(
      *f, {c.check_in, c.nights, c.guests, c.people, c.reduction, s.reduced_nights_used(c.user)});
  if (!price.ok()) return price.error();
  if (!first_come_open(f->rules, c.check_in, c.nights, now)) {
    return Error{ErrorCode::kWindowClosed, MessageId::kBookingNotOpen, {}};
  }
  if (s.upcoming_first_come(c.user, tokyo_date(now)) >= f->rules.max_upcoming) {
    return Error{
        ErrorCode::kLimitReached, MessageId::kUpcomingLimit, {{"max", f->rules.max_upcoming}}};
  }
  const std::optional<RoomStyle> style =
      choose_style(s, *f, c.check_in, c.nights, most, c.wish, nullptr);
  if (!style) return Error{ErrorCode::kNoVacancy, MessageId::kNoRoomFree, {}};
  if (!valid_check_digit(c.number) || s.reservation(c.number)) {
    return Error{
        ErrorCode::kConflict, MessageId::kReservationNumberUnusable, {{"number", c.number}}};
  }
  Reservation r;
  r.number = c.number;
  r.user = c.user;
  r.facility = f->id;
  r.check_in = c.check_in;
  r.nights = c.nights;
  r.people = c.people;
  r.style = *style;
  r.wish = c.wish;
  r.origin = Origin::kFirstCome;
  r.booked_at = now;
  r.guests = c.guests;
  r.reduction = c.reduction;
  r.price = std::move(price).value();
  if (a.kind == Actor::Kind::kOperator && s.suspension_on(c.user, tokyo_date(now))) {
    // The override, with its reason, is in the log.
    r.override_reason = stored_reason(c.override_reason);
    r.sealed_override_reason = c.sealed_override_reason;
  }
  std::vector<Event> out;
  receipt_notice(s, NoticeKind::kBookingReceipt, r, a.kind == Actor::Kind::kOperator, now, out);
  out.insert(out.begin(), ReservationBooked{std::move(r)});
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const ChangeReservation& c, Instant now) {
  if (Status e = check_actor(a, c.user); !e.ok()) return e;
  auto found = own_reservation(s, a, c.user, c.number);
  if (!found.ok()) return found.error();
  const Reservation& r = *found.value();
  const Facility& f = s.facilities.at(r.facility);
  const bool centre = a.kind == Actor::Kind::kOperator;
  if (Status e = check_change_open(f.rules, r.check_in, centre, now); !e.ok()) return e;
  if (Status e = check_waiver(s, a, c.user, c.waiver); !e.ok()) return e;
  auto plan = plan_change(f, s.limits, r, c);
  if (!plan.ok()) return plan.error();
  const ChangedStay& stay = plan->stay;
  auto style = room_for_change(f, r, *plan, free_rooms(s, f));
  if (!style.ok()) return style.error();
  ReservationChanged next{r.number,     stay.check_in,  stay.nights,
                          stay.people,  *style,         plan->wish,
                          stay.guests,  stay.reduction, std::nullopt,
                          std::nullopt, c.waiver.waive, stored_reason(c.waiver.reason)};
  next.sealed_reason = c.waiver.sealed_reason;
  auto price = stay_price(f, {next.check_in, next.nights, next.guests, next.people, next.reduction,
                              s.reduced_nights_used(c.user, &r)});
  if (!price.ok()) return price.error();
  next.price = std::move(price).value();
  if (next.price && r.price) next.price_difference = next.price->total - r.price->total;
  Reservation changed = r;
  changed.check_in = next.check_in;
  changed.nights = next.nights;
  changed.people = next.people;
  changed.style = next.style;
  changed.wish = next.wish;
  changed.guests = next.guests;
  changed.reduction = next.reduction;
  changed.price = next.price;
  std::vector<Event> out{std::move(next)};
  // A win its holder cannot see yet gets no receipt: its result notice
  // describes it as changed (docs/lottery.md, "Publication").
  if (s.shown_to_holder(r))
    receipt_notice(s, NoticeKind::kChangeReceipt, changed, centre, now, out);
  // A night dropped, or a room left for one of another style, frees a room.
  std::vector<Date> freed;
  for (int i = 0; i < r.nights; ++i) {
    const Date night = r.check_in.plus_days(i);
    const bool kept =
        changed.style == r.style && night >= changed.check_in && night <= changed.last_night();
    if (!kept) freed.push_back(night);
  }
  hold_for_waitlist(s, r.number, r.facility, r.style, freed, now, out);
  // A night dropped by the centre after the user's window, inside the late
  // period before that night, is a late cancellation of the night; never of
  // a win its holder cannot see yet (they could not have asked for it).
  if (c.drop_night && centre && !c.waiver.waive && s.shown_to_holder(r)) {
    const Date night = r.check_in.plus_days(*c.drop_night - 1);
    if (is_late(s.penalties_at(f), change_closes(f.rules, r.check_in), night, now)) {
      suspend(s, {&r, SuspensionCause::kLateCancellation, tokyo_date(now)}, now, out);
    }
  }
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const CancelReservations& c, Instant now) {
  return cancel_reservations(s, a, c, now, {});
}

Events cancel_reservations(const BookingState& s, const Actor& a, const CancelReservations& c,
                           Instant now, const std::set<Date>& closing) {
  if (Status e = check_actor(a, c.user); !e.ok()) return e;
  if (Status e = check_waiver(s, a, c.user, c.waiver); !e.ok()) return e;
  const bool centre = a.kind == Actor::Kind::kOperator;
  const Reservation* late = nullptr;  // the late cancellation suspending longest
  if (c.numbers.empty()) {
    return Error::validation("reservationNumbers", "required", MessageId::kNothingToCancel);
  }
  std::set<std::string> seen;
  std::vector<Event> events;
  for (const std::string& number : c.numbers) {
    if (!seen.insert(number).second) {
      return Error::validation("reservationNumbers", "duplicate", MessageId::kListedTwice,
                               {{"item", number}});
    }
    auto found = own_reservation(s, a, c.user, number);
    if (!found.ok()) return found.error();
    const Reservation& r = *found.value();
    const Facility& f = s.facilities.at(r.facility);
    const Instant closes = cancel_closes(f.rules, r.check_in);
    if (now >= closes_for(centre, closes, r.check_in)) {
      return Error{ErrorCode::kWindowClosed, MessageId::kCancellationClosed, {{"number", number}}};
    }
    const PenaltyRules rules = s.penalties_at(f);
    // A win its holder cannot see yet is never their late cancellation: they
    // could not have asked for it (docs/booking-core.md, "Penalties").
    if (centre && !c.waiver.waive && s.shown_to_holder(r) &&
        is_late(rules, closes, r.check_in, now) &&
        (!late || rules.late_cancellation_days >
                      s.penalties_at(s.facilities.at(late->facility)).late_cancellation_days)) {
      late = &r;
    }
    events.push_back(ReservationCancelled{number, c.waiver.waive, stored_reason(c.waiver.reason),
                                          c.waiver.sealed_reason});
  }
  // The receipts follow every cancellation: a caller reads the cancellations
  // first. A win its holder cannot see yet has its receipt held back: it
  // follows the result notice (lottery_result_notices).
  for (const std::string& number : c.numbers) {
    const Reservation& r = *s.reservation(number);
    if (s.shown_to_holder(r)) {
      receipt_notice(s, NoticeKind::kCancellationReceipt, r, centre, now, events);
    }
  }
  if (late) suspend(s, {late, SuspensionCause::kLateCancellation, tokyo_date(now)}, now, events);
  // A freed room with fitting waitlist entries is held for them.
  for (const std::string& number : c.numbers) {
    const Reservation& r = *s.reservation(number);
    std::vector<Date> nights;
    for (int i = 0; i < r.nights; ++i) {
      if (!closing.count(r.check_in.plus_days(i))) nights.push_back(r.check_in.plus_days(i));
    }
    hold_for_waitlist(s, number, r.facility, r.style, nights, now, events);
  }
  return events;
}

Events decide_one(const BookingState& s, const Actor& a, const MarkReservationPaid& c,
                  Instant now) {
  if (a.kind != Actor::Kind::kOperator) {
    return Error{ErrorCode::kForbidden, MessageId::kOnlyOperatorsPayment};
  }
  const Reservation* r = s.reservation(c.number);
  if (!r) return Error{ErrorCode::kNotFound, MessageId::kNoReservation, {{"number", c.number}}};
  if (!r->active()) {
    return Error{ErrorCode::kConflict, MessageId::kReservationCancelled, {{"number", c.number}}};
  }
  if (r->paid) return std::vector<Event>{};  // marked already: nothing to record
  return std::vector<Event>{ReservationPaid{c.number, now}};
}

}  // namespace hoyo::domain::internal
