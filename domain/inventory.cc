#include "domain/inventory.h"

namespace hoyo::domain {

Inventory::Count Inventory::at(const std::string& facility, Date d, RoomStyle s) const {
  auto f = counts_.find(facility);
  if (f == counts_.end()) return {};
  auto day = f->second.find(d.days);
  if (day == f->second.end()) return {};
  return day->second[static_cast<int>(s)];
}

void Inventory::add_booked(const std::string& facility, Date d, RoomStyle s, int delta) {
  counts_[facility][d.days][static_cast<int>(s)].booked += delta;
}

void Inventory::add_held(const std::string& facility, Date d, RoomStyle s, int delta) {
  counts_[facility][d.days][static_cast<int>(s)].held += delta;
}

int Inventory::free_first_come(const Facility& f, Date d, RoomStyle s) const {
  if (f.closed.count(d)) return 0;
  const Count c = at(f.id, d, s);
  return f.rooms(s) - c.booked - c.held;
}

}  // namespace hoyo::domain
