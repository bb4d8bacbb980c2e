// The catalogue rules (O2): operators register and change facilities and close
// dates; a change never silently invalidates a booking.
#include <algorithm>

#include "domain/decide_internal.h"

namespace hoyo::domain::internal {
namespace {

DomainError forbidden() { return {ErrorCode::kForbidden, "only operators keep the catalogue", {}}; }

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::optional<DomainError> validate_facility(const Facility& f) {
  std::vector<FieldError> errors;
  auto add = [&](std::string field, std::string code, std::string msg) {
    errors.push_back({std::move(field), std::move(code), std::move(msg)});
  };
  if (!valid_id(f.id)) add("id", "invalid", "id: 1-64 of a-z, 0-9 and -");
  if (f.name.empty() || f.name.size() > 200) add("name", "required", "name is required");
  if (f.name_en.empty() || f.name_en.size() > 200) add("nameEn", "required", "nameEn is required");
  if (f.room_types.empty()) add("roomTypes", "required", "at least one room type");
  bool seen[kStyleCount] = {};
  for (const RoomType& t : f.room_types) {
    if (seen[static_cast<int>(t.style)]) add("roomTypes", "duplicate", "one room type per style");
    seen[static_cast<int>(t.style)] = true;
    if (t.rooms < 1 || t.rooms > 1000) add("roomTypes", "out_of_range", "rooms: 1-1000");
    if (t.capacity < 1 || t.capacity > 20) add("roomTypes", "out_of_range", "capacity: 1-20");
  }
  if (f.style_wish && !(f.room_type(RoomStyle::kJapanese) && f.room_type(RoomStyle::kWestern))) {
    add("styleWish", "invalid", "a style wish needs japanese and western rooms");
  }
  const BookingRules& r = f.rules;
  if (r.max_nights < 1 || r.max_nights > 2) add("rules.maxNights", "out_of_range", "1 or 2");
  if (r.max_upcoming < 1 || r.max_upcoming > 100) add("rules.maxUpcoming", "out_of_range", "1-100");
  if (r.open_months_before < 0 || r.open_months_before > 24) {
    add("rules.openMonthsBefore", "out_of_range", "0-24");
  }
  if (r.open_hour < 0 || r.open_hour > 23) add("rules.openHour", "out_of_range", "0-23");
  for (int n : {r.close_days_before, r.change_close_days_before, r.cancel_close_days_before}) {
    if (n < 0 || n > 365) add("rules", "out_of_range", "days before check-in: 0-365");
  }
  if (errors.empty()) return std::nullopt;
  return DomainError{ErrorCode::kValidation, errors.front().message, std::move(errors)};
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const RegisterFacility& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  if (auto e = validate_facility(c.facility)) return *e;
  if (!c.facility.closed.empty()) {
    return DomainError::validation("closed", "not_allowed", "close dates after registering");
  }
  if (s.facility(c.facility.id)) {
    return DomainError{ErrorCode::kConflict, "facility " + c.facility.id + " exists", {}};
  }
  return std::vector<Event>{FacilityRegistered{c.facility}};
}

Events decide_one(const BookingState& s, const Actor& a, const ChangeFacility& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  const Facility* old = s.facility(c.facility.id);
  if (!old) return DomainError{ErrorCode::kNotFound, "no facility " + c.facility.id, {}};
  if (auto e = validate_facility(c.facility)) return *e;
  // Every date and style in use must keep at least the rooms it uses.
  std::optional<DomainError> refusal;
  s.inventory.for_each([&](const std::string& fid, Date d, RoomStyle style, Inventory::Count n) {
    if (refusal || fid != c.facility.id) return;
    if (c.facility.rooms(style) < n.booked + n.held) {
      refusal = DomainError{ErrorCode::kConflict,
                            std::string("would leave fewer ") + style_name(style) +
                                " rooms than are booked or held on " + d.to_string(),
                            {}};
    }
  });
  if (refusal) return *refusal;
  Facility changed = c.facility;
  changed.closed = old->closed;
  if (changed == *old) return DomainError::validation("facility", "unchanged", "nothing changes");
  return std::vector<Event>{FacilityChanged{std::move(changed)}};
}

Events decide_one(const BookingState& s, const Actor& a, const PutFacility& c, Instant now) {
  Facility f = c.facility;
  const Facility* old = s.facility(f.id);
  f.rules = c.rules.over(old ? old->rules : f.rules);
  if (!old) {
    f.closed.clear();
    return decide_one(s, a, RegisterFacility{std::move(f)}, now);
  }
  return decide_one(s, a, ChangeFacility{std::move(f)}, now);
}

Events decide_one(const BookingState& s, const Actor& a, const CloseDates& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  const Facility* f = s.facility(c.facility);
  if (!f) return DomainError{ErrorCode::kNotFound, "no facility " + c.facility, {}};
  if (c.dates.empty()) return DomainError::validation("dates", "required", "no dates to close");
  std::vector<Date> dates;
  for (Date d : c.dates) {
    for (int st = 0; st < kStyleCount; ++st) {
      const Inventory::Count n = s.inventory.at(f->id, d, static_cast<RoomStyle>(st));
      if (n.booked + n.held > 0) {
        return DomainError{ErrorCode::kConflict,
                           d.to_string() + " has bookings or held rooms; move them first",
                           {}};
      }
    }
    if (!f->closed.count(d) && std::find(dates.begin(), dates.end(), d) == dates.end()) {
      dates.push_back(d);
    }
  }
  if (dates.empty()) return std::vector<Event>{};
  std::sort(dates.begin(), dates.end());
  return std::vector<Event>{DatesClosed{f->id, std::move(dates)}};
}

Events decide_one(const BookingState& s, const Actor& a, const ReopenDates& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return forbidden();
  const Facility* f = s.facility(c.facility);
  if (!f) return DomainError{ErrorCode::kNotFound, "no facility " + c.facility, {}};
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
