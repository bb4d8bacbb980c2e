#include "domain/inventory.h"

#include <algorithm>
#include <tuple>
#include <vector>

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

bool Inventory::operator==(const Inventory& other) const {
  auto entries = [](const Inventory& inv) {
    std::vector<std::tuple<std::string, std::int32_t, int, int, int>> v;
    inv.for_each([&](const std::string& f, Date d, RoomStyle s, Count c) {
      v.emplace_back(f, d.days, static_cast<int>(s), c.booked, c.held);
    });
    std::sort(v.begin(), v.end());
    return v;
  };
  return entries(*this) == entries(other);
}

int Inventory::free_first_come(const Facility& f, Date d, RoomStyle s) const {
  if (f.closed.count(d)) return 0;
  const Count c = at(f.id, d, s);
  return f.rooms(s) - c.booked - c.held;
}

}  // namespace hoyo::domain
