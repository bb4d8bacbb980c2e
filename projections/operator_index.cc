#include "projections/operator_index.h"

namespace hoyo::projections {

void OperatorIndex::index(const std::string& number, const Stay& stay, bool add) {
  auto& days = nights_[stay.facility];
  for (int i = 0; i < stay.nights; ++i) {
    const std::int32_t d = stay.check_in.plus_days(i).days;
    if (add) {
      days[d].insert(number);
    } else if (auto it = days.find(d); it != days.end()) {
      it->second.erase(number);
      if (it->second.empty()) days.erase(it);
    }
  }
}

void OperatorIndex::apply(const EventMeta&, const domain::Event& event) {
  if (auto* b = std::get_if<domain::ReservationBooked>(&event)) {
    const domain::Reservation& r = b->reservation;
    Stay stay{r.facility, r.check_in, r.nights};
    active_[r.number] = stay;
    index(r.number, stay, true);
  } else if (auto* c = std::get_if<domain::ReservationChanged>(&event)) {
    auto it = active_.find(c->number);
    if (it == active_.end()) return;
    index(c->number, it->second, false);
    it->second.check_in = c->check_in;
    it->second.nights = c->nights;
    index(c->number, it->second, true);
  } else if (auto* x = std::get_if<domain::ReservationCancelled>(&event)) {
    auto it = active_.find(x->number);
    if (it == active_.end()) return;
    index(x->number, it->second, false);
    active_.erase(it);
  }
}

bool OperatorIndex::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const OperatorIndex*>(&other);
  return o && o->active_ == active_ && o->nights_ == nights_;
}

std::vector<std::string> OperatorIndex::reservations_between(const std::string& facility,
                                                             domain::Date from,
                                                             domain::Date to) const {
  std::set<std::string> found;
  auto f = nights_.find(facility);
  if (f == nights_.end()) return {};
  for (auto it = f->second.lower_bound(from.days); it != f->second.end() && it->first <= to.days;
       ++it) {
    found.insert(it->second.begin(), it->second.end());
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> OperatorIndex::guests(const std::string& facility,
                                               domain::Date night) const {
  return reservations_between(facility, night, night);
}

}  // namespace hoyo::projections
