#include "domain/waitlist_snapshot.h"

#include "domain/events.h"

namespace hoyo::domain {

void save_waitlist(SnapshotWriter& w, const Waitlist& list) {
  w.u64(list.entries.size());
  for (const auto& [id, e] : list.entries) {
    w.event(WaitlistJoined{e});
    w.u64(static_cast<std::uint64_t>(e.status));
  }
  w.u64(list.holds.size());
  for (const auto& [id, h] : list.holds) {
    w.event(WaitlistRoomHeld{h});  // its nights and pick as they stand
    w.i64(h.offers);
  }
  w.u64(list.offers.size());
  for (const auto& [id, o] : list.offers) {
    w.event(WaitlistOffered{o, 0, 0});
    w.u64(static_cast<std::uint64_t>(o.status));
    w.str(o.number);
  }
}

void restore_waitlist(SnapshotReader& r, Waitlist& list) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    WaitlistEntry e = r.event<WaitlistJoined>().entry;
    const std::uint64_t status = r.u64();
    if (status > static_cast<std::uint64_t>(WaitlistEntryStatus::kLeft)) return r.reject();
    e.status = static_cast<WaitlistEntryStatus>(status);
    std::string id = e.id;
    list.entries.emplace(std::move(id), std::move(e));
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    WaitlistHold h = r.event<WaitlistRoomHeld>().hold;
    h.offers = static_cast<int>(r.i64());
    std::string id = h.id;
    list.holds.emplace(std::move(id), std::move(h));
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    WaitlistOffer o = r.event<WaitlistOffered>().offer;
    const std::uint64_t status = r.u64();
    o.number = r.str();
    if (status > static_cast<std::uint64_t>(WaitlistOfferStatus::kWithdrawn)) return r.reject();
    o.status = static_cast<WaitlistOfferStatus>(status);
    std::string id = o.id;
    list.offers.emplace(std::move(id), std::move(o));
  }
  index_waitlist(list);
}

}  // namespace hoyo::domain
