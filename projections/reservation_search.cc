#include "projections/reservation_search.h"

#include <algorithm>
#include <tuple>

#include "domain/booking_windows.h"

namespace hoyo::projections {

MenuReservation menu_of(const StayView& v, const domain::Reservation& r, domain::Instant now) {
  const domain::Facility* fac = v.facility(r.facility);
  const domain::BookingRules rules = fac ? fac->rules : domain::BookingRules{};
  return {r, now < domain::change_closes(rules, r.check_in),
          now < domain::cancel_closes(rules, r.check_in)};
}

std::vector<MenuReservation> find_reservations(const StayView& v, const ReservationFilter& f,
                                               const std::vector<std::string>& dated,
                                               domain::Instant now) {
  std::vector<MenuReservation> out;
  auto menu = [&](const domain::Reservation& r) { out.push_back(menu_of(v, r, now)); };
  if (!f.number.empty()) {
    if (auto r = v.reservation(f.number)) menu(*r);
  } else if (!f.user.empty()) {
    for (const auto& m : v.all_reservations_of(f.user, now)) out.push_back(m);
  } else {
    for (const std::string& n : dated) {
      if (auto r = v.reservation(n)) menu(*r);
    }
  }
  // Every filter given must hold.
  const bool by_dates = f.by_dates();
  std::erase_if(out, [&](const MenuReservation& m) {
    const domain::Reservation& r = m.reservation;
    return (!f.facility.empty() && r.facility != f.facility) ||
           (!f.user.empty() && r.user != f.user) ||
           (by_dates && (r.last_night().days < f.from.days || r.check_in.days > f.to.days));
  });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.reservation.check_in.days, a.reservation.number) <
           std::tie(b.reservation.check_in.days, b.reservation.number);
  });
  return out;
}

}  // namespace hoyo::projections
