#include "projections/demand_index.h"

#include "projections/snapshot_codec.h"

namespace hoyo::projections {
namespace {

std::string key_of(const std::string& lottery, const std::string& facility) {
  return lottery + '\n' + facility;
}

}  // namespace

void DemandIndex::apply(const EventMeta&, const domain::Event& event) {
  if (auto* o = std::get_if<domain::LotteryOpened>(&event)) {
    for (const domain::Allotment& a : o->period.allotment) {
      counts_[key_of(o->period.id, a.facility)][a.night.days].winnable += a.rooms;
    }
  } else if (auto* a = std::get_if<domain::LotteryApplied>(&event)) {
    const domain::LotteryApplication& x = a->application;
    Application& app = applications_[x.id];
    app = {key_of(x.lottery, x.facility), x.check_in.days, true};
    ++counts_[app.key][app.day].applications;
  } else if (auto* c = std::get_if<domain::LotteryApplicationsCancelled>(&event)) {
    for (const std::string& id : c->applications) {
      auto it = applications_.find(id);
      if (it == applications_.end() || !it->second.active) continue;
      it->second.active = false;
      --counts_[it->second.key][it->second.day].applications;
    }
  }
}

std::vector<domain::DemandDay> DemandIndex::demand(const std::string& lottery,
                                                   const std::string& facility, domain::Date from,
                                                   int days) const {
  std::vector<domain::DemandDay> out;
  for (int i = 0; i < days; ++i) out.push_back({from.plus_days(i), 0, 0});
  auto it = counts_.find(key_of(lottery, facility));
  if (it == counts_.end()) return out;
  for (auto d = it->second.lower_bound(from.days);
       d != it->second.end() && d->first < from.days + days; ++d) {
    out[static_cast<std::size_t>(d->first - from.days)].applications = d->second.applications;
    out[static_cast<std::size_t>(d->first - from.days)].winnable = d->second.winnable;
  }
  return out;
}

bool DemandIndex::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const DemandIndex*>(&other);
  return o && o->counts_ == counts_ && o->applications_ == applications_;
}

std::string DemandIndex::save() const {
  SnapshotWriter w;
  w.u64(counts_.size());
  for (const auto& [key, days] : counts_) {
    w.str(key);
    w.u64(days.size());
    for (const auto& [day, c] : days) {
      w.i64(day);
      w.i64(c.applications);
      w.i64(c.winnable);
    }
  }
  w.u64(applications_.size());
  for (const auto& [id, a] : applications_) {
    w.str(id);
    w.str(a.key);
    w.i64(a.day);
    w.u64(a.active);
  }
  return w.take();
}

bool DemandIndex::restore(std::string_view bytes) {
  DemandIndex fresh;
  SnapshotReader r(bytes);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto& days = fresh.counts_[r.str()];
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) {
      const auto day = static_cast<std::int32_t>(r.i64());
      Counts& c = days[day];
      c.applications = static_cast<int>(r.i64());
      c.winnable = static_cast<int>(r.i64());
    }
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string id = r.str();
    Application& a = fresh.applications_[id];
    a.key = r.str();
    a.day = static_cast<std::int32_t>(r.i64());
    a.active = r.u64() != 0;
  }
  if (r.failed() || !r.at_end()) return false;
  *this = std::move(fresh);
  return true;
}

}  // namespace hoyo::projections
