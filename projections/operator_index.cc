#include "projections/operator_index.h"

#include <algorithm>
#include <map>

#include "domain/snapshot_codec.h"

namespace hoyo::projections {

OperatorIndex::Number OperatorIndex::number_of(const std::string& digits) {
  Number n = 1;  // a leading 1 keeps leading zeros: "0123" -> 10123
  for (char c : digits) n = n * 10 + static_cast<Number>(c - '0');
  return n;
}

std::uint32_t OperatorIndex::facility_index(const std::string& id) {
  auto [it, added] = facility_ids_.try_emplace(id, static_cast<std::uint32_t>(facilities_.size()));
  if (added) {
    facilities_.push_back(id);
    nights_.emplace_back();
  }
  return it->second;
}

void OperatorIndex::index(Number number, const Stay& stay, bool add) {
  auto& days = nights_[stay.facility];
  for (int i = 0; i < stay.nights; ++i) {
    if (add) {
      days[stay.check_in + i].push_back(number);
      continue;
    }
    auto it = days.find(stay.check_in + i);
    if (it == days.end()) continue;
    auto& v = it->second;
    if (auto pos = std::find(v.begin(), v.end(), number); pos != v.end()) {
      *pos = v.back();
      v.pop_back();
    }
    if (v.empty()) days.erase(it);
  }
}

namespace {

// The number of a reservation that stops being active: cancelled, or a win lapsed.
const std::string* left(const domain::Event& event) {
  if (auto* x = std::get_if<domain::ReservationCancelled>(&event)) return &x->number;
  if (auto* x = std::get_if<domain::WinLapsed>(&event)) return &x->number;
  return nullptr;
}

}  // namespace

void OperatorIndex::apply(const EventMeta&, const domain::Event& event) {
  if (auto* b = std::get_if<domain::ReservationBooked>(&event)) {
    const domain::Reservation& r = b->reservation;
    const Stay stay{facility_index(r.facility), r.check_in.days, r.nights};
    const Number n = number_of(r.number);
    active_[n] = stay;
    index(n, stay, true);
  } else if (auto* c = std::get_if<domain::ReservationChanged>(&event)) {
    auto it = active_.find(number_of(c->number));
    if (it == active_.end()) return;
    index(it->first, it->second, false);
    it->second.check_in = c->check_in.days;
    it->second.nights = c->nights;
    index(it->first, it->second, true);
  } else if (const std::string* gone = left(event)) {
    auto it = active_.find(number_of(*gone));
    if (it == active_.end()) return;
    index(it->first, it->second, false);
    active_.erase(it);
  }
}

bool OperatorIndex::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const OperatorIndex*>(&other);
  if (!o) return false;
  // Facility indexes and list orders depend on history: compare by content.
  auto canonical = [](const OperatorIndex& x) {
    std::map<std::pair<std::string, std::int32_t>, std::vector<Number>> out;
    for (std::size_t f = 0; f < x.facilities_.size(); ++f) {
      for (const auto& [day, numbers] : x.nights_[f]) {
        auto& v = out[{x.facilities_[f], day}];
        v = numbers;
        std::sort(v.begin(), v.end());
      }
    }
    return out;
  };
  return active_.size() == o->active_.size() && canonical(*this) == canonical(*o);
}

std::vector<std::string> OperatorIndex::reservations_between(const std::string& facility,
                                                             domain::Date from,
                                                             domain::Date to) const {
  auto f = facility_ids_.find(facility);
  if (f == facility_ids_.end()) return {};
  std::vector<Number> found;
  const auto& days = nights_[f->second];
  for (std::int32_t d = from.days; d <= to.days; ++d) {
    if (auto it = days.find(d); it != days.end()) {
      found.insert(found.end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<std::string> out;
  for (Number n : found) out.push_back(std::to_string(n).substr(1));
  return out;
}

std::vector<std::string> OperatorIndex::guests(const std::string& facility,
                                               domain::Date night) const {
  return reservations_between(facility, night, night);
}

}  // namespace hoyo::projections

namespace hoyo::projections {

std::string OperatorIndex::save() const {
  domain::SnapshotWriter w;
  w.u64(active_.size());
  for (const auto& [n, stay] : active_) {
    w.u64(n);
    w.str(facilities_[stay.facility]);
    w.i64(stay.check_in);
    w.u64(static_cast<std::uint64_t>(stay.nights));
  }
  return w.take();
}

bool OperatorIndex::restore(std::string_view bytes) {
  OperatorIndex fresh;
  domain::SnapshotReader r(bytes);
  const std::uint64_t active = r.u64();
  fresh.active_.reserve(std::min<std::uint64_t>(active, bytes.size()));  // damage cannot inflate it
  for (std::uint64_t n = active; n > 0 && !r.failed(); --n) {
    const Number number = r.u64();
    Stay stay;
    stay.facility = fresh.facility_index(r.str());
    stay.check_in = static_cast<std::int32_t>(r.i64());
    stay.nights = static_cast<std::int32_t>(r.u64());
    fresh.active_[number] = stay;
    fresh.index(number, stay, true);
  }
  if (r.failed() || !r.at_end()) return false;
  *this = std::move(fresh);
  return true;
}

}  // namespace hoyo::projections
