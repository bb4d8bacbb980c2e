#include "tests/projections/oracle/vacancy_oracle.h"

#include "domain/booking_windows.h"

namespace hoyo::projections {

std::vector<VacancyDay> vacancy_days(const domain::BookingState& s, const std::string& facility,
                                     domain::Date from, int days, domain::Instant now) {
  std::vector<VacancyDay> out;
  const domain::Facility* f = s.facility(facility);
  if (!f) return out;
  out.reserve(days);
  for (int i = 0; i < days; ++i) {
    VacancyDay v;
    v.date = from.plus_days(i);
    const bool closed = f->closed.count(v.date) > 0;
    const bool open = domain::first_come_open(f->rules, v.date, 1, now);
    int held = 0;
    for (const domain::RoomType& t : f->room_types) {
      if (closed) continue;
      v.total_rooms += t.rooms;
      held += s.inventory.at(f->id, v.date, t.style).held;
      if (open) {
        const int free = std::max(0, s.inventory.free_first_come(*f, v.date, t.style));
        v.free_by_style[static_cast<int>(t.style)] = free;
        v.free_rooms += free;
      }
    }
    v.mark = domain::mark_of(closed, open, v.total_rooms, held, v.free_rooms);
    v.bookable = v.free_rooms > 0;
    out.push_back(v);
  }
  return out;
}

std::vector<VacancyDay> vacancy_calendar(const domain::BookingState& s, const std::string& facility,
                                         domain::Date month, int months, domain::Instant now) {
  const domain::Date first = month.first_of_month_plus(0);
  const domain::Date end = month.first_of_month_plus(months);
  return vacancy_days(s, facility, first, end.days - first.days, now);
}

}  // namespace hoyo::projections
