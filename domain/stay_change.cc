#include "domain/stay_change.h"

#include <algorithm>

namespace hoyo::domain {

using base::Error;
using base::MessageId;

base::Result<ChangedStay> changed_stay(const Reservation& r, const ChangeReservation& c) {
  ChangedStay next{r.check_in, r.nights, r.people, r.guests, r.reduction};
  // Guests not one per night (no valid write records them) count as none.
  if (next.guests.size() != static_cast<std::size_t>(r.nights)) next.guests.clear();
  if (c.drop_night) {
    if (r.nights != 2 || r.people.size() != 2 || (*c.drop_night != 1 && *c.drop_night != 2)) {
      return Error::validation("dropNight", "out_of_range", MessageId::kDropNightRange);
    }
    next.nights = 1;
    if (*c.drop_night == 1) next.check_in = r.check_in.plus_days(1);
    const std::size_t kept = *c.drop_night == 1 ? 1 : 0;
    next.people = {r.people[kept]};
    if (next.guests.size() == 2) next.guests = {next.guests[kept]};
  }
  if (c.guests) {
    // Checked before their sums are used: the people count follows them.
    PriceRequest ask{next.check_in, next.nights, *c.guests, c.people.value_or(std::vector<int>{})};
    if (auto checked = guests_per_night(ask); !checked.ok()) return checked.error();
    next.guests = *c.guests;
    next.people.clear();
    for (const Guests& g : next.guests) next.people.push_back(g.people());
  } else if (c.people) {
    if (c.people->size() != static_cast<std::size_t>(next.nights)) {
      return Error::validation("people", "count", MessageId::kPeoplePerNight);
    }
    if (!next.guests.empty()) {
      for (std::size_t i = 0; i < next.guests.size(); ++i) {
        Guests& g = next.guests[i];
        const int people = (*c.people)[i];
        // Who of the night's people left is not ours to guess when it has
        // children: fewer than them, or no adult left of those it had.
        if (people < g.children || (g.children > 0 && g.adults > 0 && people - g.children < 1)) {
          return Error::validation("guests", "required", MessageId::kChildrenExceedPeople,
                                   {{"k", static_cast<int>(i) + 1}, {"children", g.children}});
        }
        g.adults = people - g.children;
      }
    }
    next.people = *c.people;
  }
  if (c.reduction) next.reduction = *c.reduction;
  return next;
}

}  // namespace hoyo::domain

namespace hoyo::domain {

base::Result<const Reservation*> reservation_to_change(const Reservation* seen,
                                                       const std::string& number) {
  if (!seen)
    return Error{base::ErrorCode::kNotFound, MessageId::kNoReservation, {{"number", number}}};
  if (!seen->active()) {
    return Error{
        base::ErrorCode::kConflict, MessageId::kReservationCancelled, {{"number", number}}};
  }
  return seen;
}

base::Status check_change_open(const BookingRules& rules, Date check_in, bool by_centre,
                               Instant now) {
  if (now >= closes_for(by_centre, change_closes(rules, check_in), check_in)) {
    return Error{base::ErrorCode::kWindowClosed, MessageId::kChangesClosed, {}};
  }
  return {};
}

base::Result<ChangePlan> plan_change(const Facility& f, const StayLimits& limits,
                                     const Reservation& r, const ChangeReservation& c) {
  auto stay = changed_stay(r, c);
  if (!stay.ok()) return stay.error();
  ChangePlan plan{std::move(stay).value(), c.wish.value_or(r.wish), false};
  const ChangedStay& next = plan.stay;
  if (base::Status e = check_stay(f, next.nights, next.people); !e.ok()) return e;
  if (base::Status e = check_min_people(limits, next.people); !e.ok()) return e;
  if (c.wish) {
    if (base::Status e = check_wish(f, *c.wish); !e.ok()) return e;
  }
  const int most = *std::max_element(next.people.begin(), next.people.end());
  const RoomType* current = f.room_type(r.style);
  plan.new_room = !style_matches(r.style, plan.wish) || !current || current->capacity < most;
  if (plan.new_room && most > max_capacity(f, plan.wish)) {
    return Error::validation("people", "out_of_range", MessageId::kTooManyPeople);
  }
  if (!plan.new_room && next.check_in == r.check_in && next.nights == r.nights &&
      next.people == r.people && plan.wish == r.wish && next.guests == r.guests &&
      next.reduction == r.reduction) {
    return Error::validation("reservation", "unchanged", MessageId::kNothingChanges);
  }
  return plan;
}

base::Result<RoomStyle> room_for_change(const Facility& f, const Reservation& r,
                                        const ChangePlan& plan, const FreeRooms& free) {
  if (!plan.new_room) return r.style;
  const ChangedStay& next = plan.stay;
  const int most = *std::max_element(next.people.begin(), next.people.end());
  auto style = choose_style(f, next.check_in, next.nights, most, plan.wish, &r, free);
  if (!style) return Error{base::ErrorCode::kNoVacancy, MessageId::kNoRoomOfStyle, {}};
  return *style;
}

}  // namespace hoyo::domain
