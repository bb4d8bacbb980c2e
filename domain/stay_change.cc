#include "domain/stay_change.h"

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
