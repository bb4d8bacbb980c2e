// The fold's engine, shared by ProjectionSet::start, its online rebuilds and
// fold(): the log read on one thread and applied on another, with the event
// kinds nobody wants never decoded.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/status.h"
#include "domain/event_codec.h"
#include "eventstore/event_store.h"
#include "projections/projection_set.h"

namespace hoyo::projections::internal {

// The metadata of a stored event, as projections see it.
inline EventMeta meta_of(const eventstore::EventView& e) {
  return {e.position, e.recorded_at_us, e.actor};
}

// Which event kinds (indexes in domain::Event) some projection wants, and the
// stored type names already looked up.
class Wanted {
 public:
  explicit Wanted(const std::function<bool(std::size_t)>& wants) {
    for (std::size_t i = 0; i < std::variant_size_v<domain::Event>; ++i) by_index_[i] = wants(i);
  }
  // The type name `type` as a view that stays valid while this object lives,
  // when events of that type are wanted; nullptr when not (or unknown).
  const std::string* operator()(std::string_view type) {
    if (last_ < seen_.size() && seen_[last_].first == type) return result();
    last_ = 0;
    while (last_ < seen_.size() && seen_[last_].first != type) ++last_;
    if (last_ == seen_.size()) {
      const auto index = domain::event_index(type);
      seen_.emplace_back(std::string(type), index && by_index_[*index]);
    }
    return result();
  }

 private:
  const std::string* result() const { return seen_[last_].second ? &seen_[last_].first : nullptr; }
  std::array<bool, std::variant_size_v<domain::Event>> by_index_{};
  std::deque<std::pair<std::string, bool>> seen_;  // stable addresses for the views handed out
  std::size_t last_ = SIZE_MAX;  // the type seen last (an index: copies stay valid)
};

// Reads the log from `from` on a second thread while the caller's thread
// applies: the two halves of a fold overlap on two cores. Decoding is shared
// between them: while the applying thread still has a batch queued, the
// reader decodes the next one itself; when it has none (it would wait), the
// reader hands over the next batch raw and the applier decodes it. `apply`
// sees every position in order (event empty for types not `wanted`).
base::Result<std::uint64_t> pipelined_fold(
    const eventstore::EventStore& store, std::uint64_t from, Wanted wanted,
    const std::function<void(const EventMeta&, const std::optional<domain::Event>&)>& apply,
    FoldStats* stats = nullptr);

}  // namespace hoyo::projections::internal
