#include "domain/offer_snapshot.h"

namespace hoyo::domain {

void save_offers(SnapshotWriter& w, const BookingState& s) {
  w.u64(s.offers.size());
  for (const auto& [id, o] : s.offers) {
    w.event(RoomOffered{o});
    w.u64(static_cast<std::uint64_t>(o.status));
    w.str(o.number);
  }
  w.u64(s.chains.size());
  for (const auto& [lapsed, c] : s.chains) {
    w.str(lapsed);
    w.str(c.lottery);
    w.str(c.facility);
    w.u64(static_cast<std::uint64_t>(c.style));
    w.u64(c.nights.size());
    for (Date d : c.nights) w.i64(d.days);
    w.i64(c.next);
    w.i64(c.offers);
    w.str(c.open_offer);
    w.i64(c.release_due);
  }
}

void restore_offers(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    Offer o = r.event<RoomOffered>().offer;
    const std::uint64_t status = r.u64();
    o.number = r.str();
    if (status > static_cast<std::uint64_t>(OfferStatus::kLapsed)) return r.reject();
    o.status = static_cast<OfferStatus>(status);
    std::string id = o.id;
    s.offers.emplace(std::move(id), std::move(o));
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::string lapsed = r.str();
    RunnerUpChain c;
    c.lottery = r.str();
    c.facility = r.str();
    const std::uint64_t style = r.u64();
    if (style >= static_cast<std::uint64_t>(kStyleCount)) return r.reject();
    c.style = static_cast<RoomStyle>(style);
    for (std::uint64_t k = r.u64(); k > 0 && k <= 64 && !r.failed(); --k) {
      c.nights.push_back(Date{static_cast<std::int32_t>(r.i64())});
    }
    c.next = static_cast<int>(r.i64());
    c.offers = static_cast<int>(r.i64());
    c.open_offer = r.str();
    c.release_due = r.i64();
    s.chains.emplace(lapsed, std::move(c));
  }
  index_offers(s);
}

}  // namespace hoyo::domain
