#include "projections/demand_index.h"

#include <algorithm>
#include <tuple>

#include "domain/snapshot_codec.h"

namespace hoyo::projections {

std::uint32_t DemandIndex::group_of(const std::string& lottery, const std::string& facility) {
  const std::pair<Key, Key> key{ids_.key(lottery), ids_.key(facility)};
  auto [it, added] = group_index_.try_emplace(key, static_cast<std::uint32_t>(groups_.size()));
  if (added) groups_.push_back({lottery, facility, {}});
  return it->second;
}

void DemandIndex::apply(const EventMeta&, const domain::Event& event) {
  if (auto* o = std::get_if<domain::LotteryOpened>(&event)) {
    for (const domain::Allotment& a : o->period.allotment) {
      groups_[group_of(o->period.id, a.facility)].days[a.night.days].winnable += a.rooms;
    }
  } else if (auto* a = std::get_if<domain::LotteryApplied>(&event)) {
    const domain::LotteryApplication& x = a->application;
    const Application app{group_of(x.lottery, x.facility), x.check_in.days, true};
    applications_[ids_.key(x.id)] = app;
    ++groups_[app.group].days[app.day].applications;
  } else if (auto* c = std::get_if<domain::LotteryApplicationsCancelled>(&event)) {
    for (const std::string& id : c->applications) {
      auto it = applications_.find(ids_.find(id));
      if (it == applications_.end() || !it->second.active) continue;
      it->second.active = false;
      --groups_[it->second.group].days[it->second.day].applications;
    }
  }
}

std::vector<domain::DemandDay> DemandIndex::demand(const std::string& lottery,
                                                   const std::string& facility, domain::Date from,
                                                   int days) const {
  std::vector<domain::DemandDay> out;
  for (int i = 0; i < days; ++i) out.push_back({from.plus_days(i), 0, 0});
  const Key l = ids_.find(lottery), f = ids_.find(facility);
  if (l == 0 || f == 0) return out;
  auto g = group_index_.find({l, f});
  if (g == group_index_.end()) return out;
  const auto& counts = groups_[g->second].days;
  for (auto d = counts.lower_bound(from.days); d != counts.end() && d->first < from.days + days;
       ++d) {
    out[static_cast<std::size_t>(d->first - from.days)].applications = d->second.applications;
    out[static_cast<std::size_t>(d->first - from.days)].winnable = d->second.winnable;
  }
  return out;
}

bool DemandIndex::same_as(const Projection& other) const {
  // The saved form is canonical (sorted by name), so two folds of the same
  // log compare equal whatever order their maps hold.
  const auto* o = dynamic_cast<const DemandIndex*>(&other);
  return o && o->save() == save();
}

// Saved: the groups sorted by (lottery, facility) with their days, then the
// applications sorted by id, each naming its group by its sorted rank.
std::string DemandIndex::save() const {
  std::vector<std::uint32_t> order(groups_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(groups_[a].lottery, groups_[a].facility) <
           std::tie(groups_[b].lottery, groups_[b].facility);
  });
  std::vector<std::uint32_t> rank(groups_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  domain::SnapshotWriter w;
  w.u64(groups_.size());
  for (std::uint32_t i : order) {
    const Group& g = groups_[i];
    w.str(g.lottery);
    w.str(g.facility);
    w.u64(g.days.size());
    for (const auto& [day, c] : g.days) {
      w.i64(day);
      w.i64(c.applications);
      w.i64(c.winnable);
    }
  }
  std::vector<std::pair<std::string, const Application*>> apps;
  apps.reserve(applications_.size());
  for (const auto& [id, a] : applications_) apps.emplace_back(ids_.name(id), &a);
  std::sort(apps.begin(), apps.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  w.u64(apps.size());
  for (const auto& [id, a] : apps) {
    w.str(id);
    w.u64(rank[a->group]);
    w.i64(a->day);
    w.u64(a->active);
  }
  return w.take();
}

bool DemandIndex::restore(std::string_view bytes) {
  DemandIndex fresh;
  domain::SnapshotReader r(bytes);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string lottery = r.str();
    std::string facility = r.str();
    Group& g = fresh.groups_[fresh.group_of(lottery, facility)];
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) {
      const auto day = static_cast<std::int32_t>(r.i64());
      Counts& c = g.days[day];
      c.applications = static_cast<int>(r.i64());
      c.winnable = static_cast<int>(r.i64());
    }
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::string id = r.str();
    const std::uint64_t group = r.u64();
    Application a;
    a.day = static_cast<std::int32_t>(r.i64());
    a.active = r.u64() != 0;
    if (group >= fresh.groups_.size()) return false;
    a.group = static_cast<std::uint32_t>(group);
    fresh.applications_[fresh.ids_.key(id)] = a;
  }
  if (r.failed() || !r.at_end()) return false;
  *this = std::move(fresh);
  return true;
}

}  // namespace hoyo::projections
