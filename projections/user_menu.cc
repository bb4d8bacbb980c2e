#include "projections/user_menu.h"

#include <algorithm>

#include "domain/booking_windows.h"

namespace hoyo::projections {

std::vector<MenuReservation> user_reservations(const domain::BookingState& s,
                                               const std::string& user, domain::Instant now) {
  std::vector<MenuReservation> out;
  auto it = s.by_user.find(user);
  if (it == s.by_user.end()) return out;
  for (const std::string& number : it->second) {
    const domain::Reservation& r = s.reservations.at(number);
    if (!s.shown_to_holder(r)) continue;
    MenuReservation m{r, false, false};
    if (const domain::Facility* f = s.facility(r.facility); f && r.active()) {
      m.changeable = now < domain::change_closes(f->rules, r.check_in);
      m.cancellable = now < domain::cancel_closes(f->rules, r.check_in);
    }
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const MenuReservation& a, const MenuReservation& b) {
    if (a.reservation.check_in != b.reservation.check_in) {
      return a.reservation.check_in < b.reservation.check_in;
    }
    return a.reservation.number < b.reservation.number;
  });
  return out;
}

std::vector<const domain::Registration*> registrations_with(const domain::BookingState& s,
                                                            domain::RegistrationStatus status) {
  std::vector<const domain::Registration*> out;
  for (const auto& [id, r] : s.accounts.registrations) {
    if (r.status == status) out.push_back(&r);
  }
  std::sort(out.begin(), out.end(),
            [](const auto* a, const auto* b) { return a->submitted.at < b->submitted.at; });
  return out;
}

}  // namespace hoyo::projections
