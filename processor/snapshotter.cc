#include "processor/snapshotter.h"

#include <optional>
#include <thread>

#include "base/log.h"
#include "base/mutex.h"
#include "base/thread.h"
#include "processor/state_fold.h"
#include "processor/state_restore.h"
#include "processor/state_snapshot.h"

namespace hoyo::processor {

struct Snapshotter::Impl {
  Impl(eventstore::EventStore& s, const Clock& c, SnapshotPolicy p, domain::Instant w,
       SnapshotStatus initial)
      : store(s), clock(c), policy(p), window(w), status(initial) {}

  eventstore::EventStore& store;
  const Clock& clock;
  const SnapshotPolicy policy;
  const domain::Instant window;

  base::Mutex write_mu;  // one snapshot at a time
  std::optional<FoldedState> copy HOYO_GUARDED_BY(write_mu);

  mutable base::Mutex mu;
  base::CondVar cv;
  bool stopping HOYO_GUARDED_BY(mu) = false;
  SnapshotStatus status HOYO_GUARDED_BY(mu);
  std::thread thread;

  base::Status write() HOYO_REQUIRES(write_mu);
  // Encodes and stores `s`; `started` is when the work began.
  base::Status store_state(const FoldedState& s, std::chrono::steady_clock::time_point started);
  bool due(std::chrono::steady_clock::time_point last) const;
  void run();
};

base::Status Snapshotter::Impl::write() {
  const auto started = std::chrono::steady_clock::now();
  const domain::Instant keys_since = clock.now() - window;
  if (!copy) {
    copy.emplace();
    if (base::Status s = restore_state(store, keys_since, *copy); !s.ok()) {
      copy.reset();
      return s;
    }
  } else if (base::Status s = fold_tail(store, keys_since, *copy); !s.ok()) {
    return s;
  }
  copy->keys.prune(clock.now(), window);
  return store_state(*copy, started);
}

base::Status Snapshotter::Impl::store_state(const FoldedState& s,
                                            std::chrono::steady_clock::time_point started) {
  {
    base::MutexLock lk(mu);
    if (status.any && status.position == s.position) return base::ok_status();
  }
  eventstore::Hash chain{};
  if (s.position > 0) {
    auto at = store.read_at(s.position);
    if (!at.ok()) return at.status();
    chain = at->chain_hash;
  }
  const domain::Instant now = clock.now();
  const auto encode_started = std::chrono::steady_clock::now();
  const std::string bytes = eventstore::encode_snapshot(encode_state(s, chain, now - window, now));
  const double encode_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - encode_started).count();
  base::Status written =
      eventstore::put_snapshot_bytes(store, kStateSnapshotName, s.position, bytes);
  base::MutexLock lk(mu);
  if (!written.ok()) {
    ++status.failures;
    return written;
  }
  status.any = true;
  status.position = s.position;
  status.written_at = now;
  ++status.written;
  status.last_bytes = bytes.size();
  status.last_encode_seconds = encode_seconds;
  status.last_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return written;
}

bool Snapshotter::Impl::due(std::chrono::steady_clock::time_point last) const {
  std::uint64_t at = 0;
  {
    base::MutexLock lk(mu);
    at = status.any ? status.position : 0;
  }
  return policy.due(store.head(), at, std::chrono::steady_clock::now() - last);
}

void Snapshotter::Impl::run() {
  // The copy is restored when the first snapshot is due, not at once: a
  // starting process has better use for its cores and memory.
  auto last = std::chrono::steady_clock::now();
  for (;;) {
    {
      base::MutexLock lk(mu);
      if (cv.wait_for(lk, std::chrono::seconds(1),
                      [this]() HOYO_REQUIRES(mu) { return stopping; })) {
        return;
      }
    }
    if (!due(last)) continue;
    base::MutexLock w(write_mu);
    if (base::Status s = write(); !s.ok()) {
      base::log_line("error", "the writer's snapshot could not be written",
                     {{"error", s.to_string()}});
    }
    last = std::chrono::steady_clock::now();
  }
}

Snapshotter::Snapshotter(eventstore::EventStore& store, const Clock& clock, SnapshotPolicy policy,
                         domain::Instant idempotency_window, SnapshotStatus initial)
    : impl_(std::make_unique<Impl>(store, clock, policy, idempotency_window, initial)) {
  if (policy.periodic()) {
    Impl* p = impl_.get();
    impl_->thread = base::start_thread("hoyo-snapshot", [p] { p->run(); });
  }
}

Snapshotter::~Snapshotter() {
  {
    base::MutexLock lk(impl_->mu);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

base::Status Snapshotter::write_now() {
  base::MutexLock w(impl_->write_mu);
  return impl_->write();
}

base::Status Snapshotter::write_final(const FoldedState& final_state) {
  base::MutexLock w(impl_->write_mu);
  return impl_->store_state(final_state, std::chrono::steady_clock::now());
}

SnapshotStatus Snapshotter::status() const {
  base::MutexLock lk(impl_->mu);
  return impl_->status;
}

}  // namespace hoyo::processor
