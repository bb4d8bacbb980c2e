#include "domain/result_notice_snapshot.h"

#include "domain/notice_limits.h"

namespace hoyo::domain {

void save_results_to_tell(SnapshotWriter& w, const BookingState& s) {
  w.u64(s.results_to_tell.size());
  for (const auto& [lottery, t] : s.results_to_tell) {
    w.str(lottery);
    w.i64(t.at);
    w.u64(t.applicants);
    w.u64(t.told);
  }
}

void restore_results_to_tell(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string lottery = r.str();
    ResultsToTell t;
    t.at = r.i64();
    const std::uint64_t applicants = r.u64();
    const std::uint64_t told = r.u64();
    if (applicants > UINT32_MAX || told >= applicants) return r.reject();
    t.applicants = static_cast<std::uint32_t>(applicants);
    t.told = static_cast<std::uint32_t>(told);
    s.results_to_tell[std::move(lottery)] = t;
  }
}

void save_losers_to_tell(SnapshotWriter& w, const BookingState& s) {
  w.u64(s.losers_to_tell.size());
  for (const auto& [key, t] : s.losers_to_tell) {
    w.event(LosersToTell{key.first, key.second, t.release, t.rooms, t.more});
    w.u64(t.told);
  }
}

void restore_losers_to_tell(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    LosersToTell e = r.event<LosersToTell>();
    const std::uint64_t told = r.u64();
    if (r.failed() || told > UINT32_MAX || e.rooms.empty() || e.rooms.size() > kFreedRoomsListed) {
      return r.reject();
    }
    FreedToTell t{e.release, std::move(e.rooms), e.more, static_cast<std::uint32_t>(told)};
    if (!s.losers_to_tell.emplace(std::pair{std::move(e.lottery), e.due}, std::move(t)).second) {
      return r.reject();
    }
  }
}

}  // namespace hoyo::domain
