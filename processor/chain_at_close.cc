#include "processor/chain_at_close.h"

namespace hoyo::processor {

base::Result<eventstore::Hash> chain_hash_before(std::uint64_t head, domain::Instant t,
                                                 const ReadAt& read_at) {
  // Invariant: every position <= lo was recorded before t (lo = 0: none known),
  // every position > hi was not; `found` is the chain hash at lo.
  std::uint64_t lo = 0, hi = head;
  eventstore::Hash found{};
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo + 1) / 2;
    auto e = read_at(mid);
    if (!e.ok()) return e.status();
    if (e->recorded_at_us < t) {
      lo = mid;
      found = e->chain_hash;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

}  // namespace hoyo::processor
