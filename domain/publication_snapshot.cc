#include "domain/publication_snapshot.h"

namespace hoyo::domain {

void save_wins_to_book(SnapshotWriter& w, const BookingState& s) {
  w.u64(s.wins_to_book.size());
  for (const auto& [lottery, t] : s.wins_to_book) {
    w.str(lottery);
    w.i64(t.at);
    w.u64(t.booked);
  }
}

void restore_wins_to_book(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string lottery = r.str();
    WinsToBook t;
    t.at = r.i64();
    const std::uint64_t booked = r.u64();
    if (r.failed()) return;
    auto drawn = s.draws.find(lottery);
    if (drawn == s.draws.end() || booked >= drawn->second.wins.size()) return r.reject();
    t.booked = static_cast<std::uint32_t>(booked);
    s.wins_to_book[std::move(lottery)] = t;
  }
}

}  // namespace hoyo::domain
