// A projection: a read model folded from the log. It applies decoded events in
// log order; the framework (projection_set.h) feeds it, tracks its checkpoint
// (the last position applied), and rebuilds it when its code version changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "domain/events.h"

namespace hoyo::projections {

// Where an event sits in the log, beside the event itself.
struct EventMeta {
  std::uint64_t position = 0;
  std::int64_t recorded_at = 0;  // microseconds, UTC
  std::string_view actor;        // "user:N", "operator:L" or "system"
};

class Projection {
 public:
  virtual ~Projection() = default;
  // A stable name ("booking", "operator-index", "audit-index").
  virtual const char* name() const = 0;
  // The version of the code that folds it; a new version means a rebuild.
  virtual int version() const = 0;
  // Whether apply() does anything with events of the alternative at `index`
  // in domain::Event. The set neither decodes nor applies an event that no
  // projection wants, so it must be true for every kind apply() reads.
  virtual bool wants(std::size_t index) const {
    (void)index;
    return true;
  }
  // Folds one event. Called by one thread at a time, under the set's write
  // lock, only for events it wants().
  virtual void apply(const EventMeta& meta, const domain::Event& event) = 0;
  // A fresh, empty projection of the same kind (for rebuilds).
  virtual std::unique_ptr<Projection> empty() const = 0;
  // Field-by-field equality with another projection of the same kind (tests of
  // equivalence between a live projection and a rebuilt one).
  virtual bool same_as(const Projection& other) const = 0;
  // The state as bytes, for checkpoints (snapshot_codec.h).
  virtual std::string save() const = 0;
  // Replaces the state with saved bytes; false (and no change) when they do not decode.
  virtual bool restore(std::string_view bytes) = 0;
};

}  // namespace hoyo::projections
