#include "domain/price_snapshot.h"

#include <vector>

namespace hoyo::domain {
namespace {

// A reservation has one or two nights: a longer list is damage.
constexpr std::uint64_t kMaxNightsRecorded = 366;
// A night has a few categories: a longer list is damage.
constexpr std::uint64_t kMaxLinesRecorded = kMaxNightsRecorded * 8;

void save_guests(SnapshotWriter& w, const std::vector<Guests>& guests, Reduction reduction) {
  w.u64(guests.size());
  for (const Guests& g : guests) {
    w.i64(g.adults);
    w.i64(g.children);
    w.i64(g.infants);
  }
  w.u64(static_cast<std::uint64_t>(reduction));
}

void restore_guests(SnapshotReader& r, std::vector<Guests>& guests, Reduction& reduction) {
  const std::uint64_t nights = r.u64();
  if (nights > kMaxNightsRecorded) return r.reject();
  guests.clear();
  for (std::uint64_t i = 0; i < nights && !r.failed(); ++i) {
    Guests g;
    g.adults = static_cast<int>(r.i64());
    g.children = static_cast<int>(r.i64());
    g.infants = static_cast<int>(r.i64());
    guests.push_back(g);
  }
  const std::uint64_t stored = r.u64();
  if (stored > static_cast<std::uint64_t>(Reduction::kDisability)) return r.reject();
  reduction = static_cast<Reduction>(stored);
}

}  // namespace

bool has_price_record(const Reservation& r) {
  return !r.guests.empty() || r.reduction != Reduction::kNone || r.price.has_value() || r.paid;
}

void save_price_record(SnapshotWriter& w, const Reservation& r) {
  save_guests(w, r.guests, r.reduction);
  w.u64(r.paid ? 1 : 0);
  w.u64(r.price ? 1 : 0);
  if (!r.price) return;
  w.i64(r.price->total);
  w.u64(r.price->lines.size());
  for (const PriceLine& l : r.price->lines) {
    w.i64(l.date.days);
    w.u64(static_cast<std::uint64_t>(l.category));
    w.i64(l.count);
    w.i64(l.unit_price);
    w.i64(l.amount);
  }
}

void restore_price_record(SnapshotReader& r, Reservation& into) {
  restore_guests(r, into.guests, into.reduction);
  if (r.failed()) return;
  into.paid = r.u64() != 0;
  if (r.u64() == 0) return;
  Price p;
  p.total = r.i64();
  const std::uint64_t lines = r.u64();
  if (lines > kMaxLinesRecorded) return r.reject();
  for (std::uint64_t i = 0; i < lines && !r.failed(); ++i) {
    PriceLine l;
    l.date = Date{static_cast<std::int32_t>(r.i64())};
    l.category = static_cast<PriceCategory>(r.u64());
    l.count = static_cast<int>(r.i64());
    l.unit_price = r.i64();
    l.amount = r.i64();
    p.lines.push_back(l);
  }
  into.price = std::move(p);
}

void save_prices(SnapshotWriter& w, const BookingState& s) {
  std::vector<const Reservation*> priced;
  for (const auto& [number, r] : s.reservations) {
    if (has_price_record(r)) priced.push_back(&r);
  }
  w.u64(priced.size());
  for (const Reservation* r : priced) {
    w.str(r->number);
    save_price_record(w, *r);
  }
  w.u64(s.reduced_nights.size());
  for (const auto& [user, years] : s.reduced_nights) {
    w.str(user);
    w.u64(years.size());
    for (const auto& [year, nights] : years) {
      w.i64(year);
      w.i64(nights);
    }
  }
}

void restore_prices(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto it = s.reservations.find(r.str());
    if (it == s.reservations.end()) return r.reject();
    restore_price_record(r, it->second);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto& years = s.reduced_nights[r.str()];
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) {
      const int year = static_cast<int>(r.i64());
      years[year] = static_cast<int>(r.i64());
    }
  }
}

void save_application_claims(SnapshotWriter& w, const BookingState& s) {
  std::vector<const LotteryApplication*> claiming;
  for (const auto& [id, a] : s.applications) {
    if (!a.guests.empty() || a.reduction != Reduction::kNone) claiming.push_back(&a);
  }
  w.u64(claiming.size());
  for (const LotteryApplication* a : claiming) {
    w.str(a->id);
    save_guests(w, a->guests, a->reduction);
  }
}

void restore_application_claims(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto it = s.applications.find(r.str());
    if (it == s.applications.end()) return r.reject();
    restore_guests(r, it->second.guests, it->second.reduction);
  }
}

}  // namespace hoyo::domain
