// Win confirmation (docs/lottery.md, "Win confirmation"): a winner or an
// operator confirms a win; the scheduler lapses the wins not confirmed by
// their deadline, releases their rooms to first-come and reminds winners.
#include <algorithm>
#include <tuple>

#include "domain/decide_internal.h"

namespace hoyo::domain::internal {

Events decide_one(const BookingState& s, const Actor& a, const ConfirmWin& c, Instant now) {
  if (a.kind != Actor::Kind::kUser && a.kind != Actor::Kind::kOperator) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  const Reservation* r = s.reservation(c.number);
  if (!r || (a.kind == Actor::Kind::kUser && r->user != a.id)) {
    return Error{ErrorCode::kNotFound, MessageId::kNoReservation, {{"number", c.number}}};
  }
  if (r->status == ReservationStatus::kLapsed) {
    return Error{ErrorCode::kWindowClosed, MessageId::kConfirmationClosed, {{"number", c.number}}};
  }
  if (!r->active()) {
    return Error{ErrorCode::kConflict, MessageId::kReservationCancelled, {{"number", c.number}}};
  }
  // Confirmed already, or final from the start: nothing to write.
  if (r->confirmation != Confirmation::kRequired) return std::vector<Event>{};
  if (now > r->confirm_by) {
    return Error{ErrorCode::kWindowClosed, MessageId::kConfirmationClosed, {{"number", c.number}}};
  }
  return std::vector<Event>{ReservationConfirmed{c.number}};
}

namespace {

// One thing the scheduler has to do, at its due time. At the same instant a
// lapse comes before the release it leads to.
struct DueItem {
  enum Kind : std::uint8_t { kRemind = 0, kLapse = 1, kRelease = 2 };
  Instant at = 0;
  Kind kind = kRemind;
  const Reservation* r = nullptr;
  bool operator<(const DueItem& o) const {
    return std::tie(at, kind, r->number) < std::tie(o.at, o.kind, o.r->number);
  }
};

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const RunScheduled& c, Instant now) {
  if (a.kind != Actor::Kind::kSystem) {
    return Error{ErrorCode::kForbidden, MessageId::kOnlySchedulerRuns};
  }
  const Instant before = std::max<Instant>(0, c.remind_before);
  std::vector<DueItem> due;
  for (const auto& [confirm_by, number] : s.awaiting_confirmation) {
    const Instant lapse = lapse_due(confirm_by);
    const Instant remind = reminder_due(confirm_by, before);
    if (std::min(lapse, remind) > now) break;
    const Reservation& r = s.reservations.at(number);
    if (lapse <= now) {
      // A reminder that would arrive with the lapse is not sent.
      due.push_back({lapse, DueItem::kLapse, &r});
      if (const Instant release = release_due_of(s, r); release <= now) {
        due.push_back({release, DueItem::kRelease, &r});
      }
    } else if (!s.reminded.count(number) && remind >= r.booked_at && wants_reminders(s, r.user)) {
      due.push_back({remind, DueItem::kRemind, &r});
    }
  }
  for (const auto& [release, number] : s.awaiting_release) {
    if (release > now) break;
    due.push_back({release, DueItem::kRelease, &s.reservations.at(number)});
  }
  std::sort(due.begin(), due.end());
  if (c.max_items > 0 && due.size() > static_cast<std::size_t>(c.max_items)) {
    // A release never goes without its lapse: the lapse sorts before it.
    due.resize(static_cast<std::size_t>(c.max_items));
  }
  std::vector<Event> out;
  for (const DueItem& d : due) {
    switch (d.kind) {
      case DueItem::kRemind:
        scheduled_notice(s, NoticeKind::kConfirmationReminder, *d.r, d.at, out);
        break;
      case DueItem::kLapse:
        out.push_back(WinLapsed{d.r->number, d.at});
        scheduled_notice(s, NoticeKind::kWinLapsed, *d.r, d.at, out);
        break;
      case DueItem::kRelease: {
        const Facility* f = s.facility(d.r->facility);
        out.push_back(LapsedRoomReleased{
            d.r->number, d.at,
            f ? nights_to_free(f->rules, d.r->check_in, d.r->nights, d.at) : std::vector<Date>{}});
        break;
      }
    }
  }
  return out;
}

}  // namespace hoyo::domain::internal
