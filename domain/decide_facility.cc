// The catalogue rules (O2): operators register and change facilities and close
// dates; a change never silently invalidates a booking.
#include <algorithm>
#include <map>
#include <set>

#include "domain/decide_internal.h"
#include "domain/facility_revision.h"

namespace hoyo::domain::internal {
namespace {

Error forbidden() { return {ErrorCode::kForbidden, MessageId::kOnlyOperatorsCatalogue}; }

// The close refused (kConflict, kDateInUse) for the dates to close that are
// in use, never another day of a stay: `date` the first of them, `dates`
// every one, in order ("2027-06-02, 2027-06-03").
Error dates_in_use(std::vector<Date> days) {
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  std::string list;
  for (Date d : days) list += (list.empty() ? "" : ", ") + d.to_string();
  return Error{ErrorCode::kConflict,
               MessageId::kDateInUse,
               {{"date", day_arg(days.front())}, {"dates", std::move(list)}}};
}

// The centre's cancellation of every active reservation of `f` with a night
// on one of c.dates, whole, waived with c's reason (CloseDates), by user in
// order of their numbers: each user's through the rule of CancelReservations.
Events cancel_on_closing(const BookingState& s, const Actor& a, const Facility& f,
                         const CloseDates& c, Instant now) {
  const std::set<Date> closing(c.dates.begin(), c.dates.end());
  std::vector<const Reservation*> hit;
  for (const auto& [number, r] : s.reservations) {
    if (!r.active() || r.facility != f.id) continue;
    for (int i = 0; i < r.nights; ++i) {
      if (closing.count(r.check_in.plus_days(i))) {
        hit.push_back(&r);
        break;
      }
    }
  }
  std::sort(hit.begin(), hit.end(),
            [](const Reservation* x, const Reservation* y) { return x->number < y->number; });
  std::map<std::string, std::vector<const Reservation*>> by_user;
  for (const Reservation* r : hit) by_user[r->user].push_back(r);
  std::vector<Event> out;
  for (const auto& [user, theirs] : by_user) {
    CancelReservations cancel{user, {}, {true, c.reason, {}}};
    for (const Reservation* r : theirs) cancel.numbers.push_back(r->number);
    if (auto sealed = c.sealed_reasons.find(user); sealed != c.sealed_reasons.end()) {
      cancel.waiver.reason.clear();
      cancel.waiver.sealed_reason = sealed->second;
    } else if (c.reason.empty()) {
      // Booked after the caller read whom to seal the reason for: the
      // closed dates among their nights.
      std::vector<Date> booked;
      for (const Reservation* r : theirs) {
        for (int i = 0; i < r->nights; ++i) {
          if (closing.count(r->check_in.plus_days(i))) booked.push_back(r->check_in.plus_days(i));
        }
      }
      return dates_in_use(std::move(booked));
    }
    auto events = cancel_reservations(s, a, cancel, now, closing);
    if (!events.ok()) return events.error();
    for (Event& e : events.value()) out.push_back(std::move(e));
  }
  return out;
}

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Status validate_facility(const Facility& f) {
  std::vector<FieldError> errors;
  auto add = [&](std::string field, std::string code, MessageId msg, base::Args args = {}) {
    errors.push_back({std::move(field), std::move(code), msg, std::move(args)});
  };
  if (!valid_id(f.id)) add("id", "invalid", MessageId::kFacilityIdFormat);
  if (f.name.empty() || f.name.size() > 200)
    add("name", "required", MessageId::kFacilityNameRequired);
  if (f.name_en.empty() || f.name_en.size() > 200)
    add("nameEn", "required", MessageId::kFacilityNameEnRequired);
  if (f.room_types.empty()) add("roomTypes", "required", MessageId::kAtLeastOneRoomType);
  bool seen[kStyleCount] = {};
  for (const RoomType& t : f.room_types) {
    if (seen[static_cast<int>(t.style)])
      add("roomTypes", "duplicate", MessageId::kOneRoomTypePerStyle);
    seen[static_cast<int>(t.style)] = true;
    if (t.rooms < 1 || t.rooms > 1000)
      add("roomTypes", "out_of_range", MessageId::kRoomsRange, {{"min", 1}, {"max", 1000}});
    if (t.capacity < 1 || t.capacity > 20)
      add("roomTypes", "out_of_range", MessageId::kCapacityRange, {{"min", 1}, {"max", 20}});
  }
  if (f.style_wish && !(f.room_type(RoomStyle::kJapanese) && f.room_type(RoomStyle::kWestern))) {
    add("styleWish", "invalid", MessageId::kStyleWishNeedsBoth);
  }
  const BookingRules& r = f.rules;
  if (r.max_nights < 1 || r.max_nights > 2)
    add("rules.maxNights", "out_of_range", MessageId::kOneOf, {{"a", 1}, {"b", 2}});
  if (r.max_upcoming < 1 || r.max_upcoming > 100)
    add("rules.maxUpcoming", "out_of_range", MessageId::kRange, {{"min", 1}, {"max", 100}});
  if (r.open_months_before < 0 || r.open_months_before > 24) {
    add("rules.openMonthsBefore", "out_of_range", MessageId::kRange, {{"min", 0}, {"max", 24}});
  }
  if (r.open_hour < 0 || r.open_hour > 23)
    add("rules.openHour", "out_of_range", MessageId::kRange, {{"min", 0}, {"max", 23}});
  for (int n : {r.close_days_before, r.change_close_days_before, r.cancel_close_days_before}) {
    if (n < 0 || n > 365)
      add("rules", "out_of_range", MessageId::kDaysBeforeRange, {{"min", 0}, {"max", 365}});
  }
  if (Status rates = validate_rate_tables(f.rates); !rates.ok()) {
    for (const FieldError& fe : rates.error().fields) errors.push_back(fe);
  }
  if (Status p = validate_penalty_rules(f.penalties, "penalties."); !p.ok()) {
    for (const FieldError& fe : p.error().fields) errors.push_back(fe);
  }
  if (Status w = validate_waitlist_settings(f.waitlist); !w.ok()) {
    for (const FieldError& fe : w.error().fields) errors.push_back(fe);
  }
  if (errors.empty()) return {};
  Error e{ErrorCode::kValidation, errors.front().message, errors.front().args};
  e.fields = std::move(errors);
  return e;
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const RegisterFacility& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  if (Status e = validate_facility(c.facility); !e.ok()) return e;
  if (!c.facility.closed.empty()) {
    return Error::validation("closed", "not_allowed", MessageId::kCloseAfterRegistering);
  }
  if (s.facility(c.facility.id)) {
    return Error{ErrorCode::kConflict, MessageId::kFacilityExists, {{"facility", c.facility.id}}};
  }
  return std::vector<Event>{FacilityRegistered{c.facility}};
}

Events decide_one(const BookingState& s, const Actor& a, const ChangeFacility& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  const Facility* old = s.facility(c.facility.id);
  if (!old)
    return Error{ErrorCode::kNotFound, MessageId::kNoFacility, {{"facility", c.facility.id}}};
  if (Status e = validate_facility(c.facility); !e.ok()) return e;
  // Every date and style in use must keep at least the rooms it uses.
  Status refusal;
  s.inventory.for_each([&](const std::string& fid, Date d, RoomStyle style, Inventory::Count n) {
    if (!refusal.ok() || fid != c.facility.id) return;
    if (c.facility.rooms(style) < n.booked + n.held) {
      refusal = Error{ErrorCode::kConflict,
                      style == RoomStyle::kJapanese  ? MessageId::kFewerJapaneseRooms
                      : style == RoomStyle::kWestern ? MessageId::kFewerWesternRooms
                                                     : MessageId::kFewerStandardRooms,
                      {{"date", day_arg(d)}}};
    }
  });
  if (!refusal.ok()) return refusal;
  Facility changed = c.facility;
  changed.closed = old->closed;
  if (changed == *old)
    return Error::validation("facility", "unchanged", MessageId::kNothingChanges);
  return std::vector<Event>{FacilityChanged{std::move(changed)}};
}

Events decide_one(const BookingState& s, const Actor& a, const PutFacility& c, Instant now) {
  Facility f = c.facility;
  const Facility* old = s.facility(f.id);
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  if (c.must_be_new && old) {
    return Error{ErrorCode::kConflict, MessageId::kFacilityExists, {{"facility", f.id}}};
  }
  if (c.expected_revision && (!old || facility_revision(*old) != *c.expected_revision)) {
    return Error{ErrorCode::kConflict, MessageId::kFacilityChangedMeanwhile};
  }
  f.rules = c.rules.over(old ? old->rules : f.rules);
  f.rates = c.rates ? *c.rates : old ? old->rates : std::vector<RateTable>{};
  f.penalties = c.penalties ? *c.penalties : old ? old->penalties : PenaltyRulesPatch{};
  f.waitlist = c.waitlist ? *c.waitlist : old ? old->waitlist : WaitlistSettings{};
  if (!old) {
    f.closed.clear();
    return decide_one(s, a, RegisterFacility{std::move(f)}, now);
  }
  return decide_one(s, a, ChangeFacility{std::move(f)}, now);
}

Events decide_one(const BookingState& s, const Actor& a, const CloseDates& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  const Facility* f = s.facility(c.facility);
  if (!f) return Error{ErrorCode::kNotFound, MessageId::kNoFacility, {{"facility", c.facility}}};
  if (c.dates.empty()) return Error::validation("dates", "required", MessageId::kNoDatesToClose);
  // Sealed, the reason was checked before sealing (http/app/sealed_reason.h).
  if ((c.cancel_bookings && c.sealed_reasons.empty()) || !c.reason.empty()) {
    if (Status e = check_reason_text("reason", c.reason, MessageId::kClosureNeedsReason); !e.ok()) {
      return e;
    }
  }
  std::vector<Date> dates, in_use;
  for (Date d : c.dates) {
    for (int st = 0; st < kStyleCount; ++st) {
      const Inventory::Count n = s.inventory.at(f->id, d, static_cast<RoomStyle>(st));
      // Booked rooms are cancelled below when asked; held ones never are.
      if (n.held + (c.cancel_bookings ? 0 : n.booked) > 0) in_use.push_back(d);
    }
    if (!f->closed.count(d) && std::find(dates.begin(), dates.end(), d) == dates.end()) {
      dates.push_back(d);
    }
  }
  if (!in_use.empty()) return dates_in_use(std::move(in_use));
  // DatesClosed first: a retried Idempotency-Key is matched to its command
  // by the type of the batch's first event (processor/idempotency.h). The
  // dates with bookings are never closed already, so it is there whenever
  // something is cancelled.
  std::vector<Event> out;
  if (!dates.empty()) {
    std::sort(dates.begin(), dates.end());
    out.push_back(DatesClosed{f->id, std::move(dates)});
  }
  if (c.cancel_bookings) {
    auto cancelled = cancel_on_closing(s, a, *f, c, now);
    if (!cancelled.ok()) return cancelled.error();
    for (Event& e : cancelled.value()) out.push_back(std::move(e));
  }
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const ReopenDates& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  const Facility* f = s.facility(c.facility);
  if (!f) return Error{ErrorCode::kNotFound, MessageId::kNoFacility, {{"facility", c.facility}}};
  std::vector<Date> dates;
  for (Date d : c.dates) {
    if (f->closed.count(d) && std::find(dates.begin(), dates.end(), d) == dates.end()) {
      dates.push_back(d);
    }
  }
  if (dates.empty()) return std::vector<Event>{};
  std::sort(dates.begin(), dates.end());
  return std::vector<Event>{DatesReopened{f->id, std::move(dates)}};
}

}  // namespace hoyo::domain::internal
