#include "processor/state_restore.h"

#include <chrono>

#include "base/log.h"
#include "processor/state_snapshot.h"

namespace hoyo::processor {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

base::Status fold_tail(const eventstore::EventStore& store, domain::Instant keys_since,
                       FoldedState& s) {
  // Only what is durable: a snapshot never holds an event a crash could take back.
  const std::uint64_t head = store.head();
  if (head <= s.position) return base::ok_status();
  auto read =
      store.read_all(s.position + 1, head - s.position, [&](const eventstore::EventView& e) {
        s.apply(e, keys_since);
        return true;
      });
  return read.ok() ? base::ok_status() : read.status();
}

base::Status restore_state(const eventstore::EventStore& store, domain::Instant keys_since,
                           FoldedState& out, RestoreReport* report) {
  RestoreReport local;
  RestoreReport& r = report ? *report : local;
  auto started = std::chrono::steady_clock::now();
  auto taken = eventstore::load_snapshot(
      store, kStateSnapshotName, kStateFormat,
      [&](const eventstore::Snapshot& snap) {
        domain::Instant recorded_at = 0;
        if (snap.position > 0) {
          auto at = store.read_at(snap.position);
          if (!at.ok()) return false;
          recorded_at = at->recorded_at_us;
        }
        FoldedState candidate;
        std::string why;
        const auto decoding = std::chrono::steady_clock::now();
        const bool decoded = decode_state(snap, recorded_at, candidate, why);
        r.decode_seconds += seconds_since(decoding);
        if (!decoded) {
          base::log_line("warn", "the writer's snapshot does not decode",
                         {{"position", std::to_string(snap.position)}, {"reason", why}});
          return false;
        }
        out = std::move(candidate);
        return true;
      },
      &r.rejected);
  if (taken) {
    r.from_snapshot = true;
    r.snapshot_position = *taken;
  } else {
    out = FoldedState{};
  }
  r.snapshot_seconds = seconds_since(started);
  started = std::chrono::steady_clock::now();
  const std::uint64_t before = out.events;
  if (base::Status s = fold_tail(store, keys_since, out); !s.ok()) return s;
  r.tail_events = out.events - before;
  r.tail_seconds = seconds_since(started);
  base::log_line("info", "the writer's state is restored",
                 {{"fromSnapshot", r.from_snapshot ? "true" : "false"},
                  {"snapshotPosition", std::to_string(r.snapshot_position)},
                  {"snapshotSeconds", std::to_string(r.snapshot_seconds)},
                  {"decodeSeconds", std::to_string(r.decode_seconds)},
                  {"tailEvents", std::to_string(r.tail_events)},
                  {"tailSeconds", std::to_string(r.tail_seconds)}});
  return base::ok_status();
}

}  // namespace hoyo::processor
