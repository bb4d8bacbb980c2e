#include "projections/projection_set.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <thread>

#include "base/log.h"
#include "base/mutex.h"
#include "base/thread.h"
#include "domain/event_codec.h"
#include "domain/snapshot_codec.h"
#include "eventstore/snapshots.h"
#include "projections/internal/pipelined_fold.h"

namespace hoyo::projections {
namespace {

using internal::meta_of;
using internal::pipelined_fold;
using internal::Wanted;

// A projection's checkpoint is a snapshot (eventstore/snapshots.h) named
// "projection:NAME" whose format is the projection's code version, with its
// state in one section.
constexpr std::uint32_t kStateSection = 1;

std::string checkpoint_name(const std::string& name) { return "projection:" + name; }

}  // namespace

struct ProjectionSet::Slot {
  explicit Slot(std::string n) : name(std::move(n)) {}
  const std::string name;  // the projection's, which a rebuild keeps
  mutable base::SharedMutex mu;
  std::unique_ptr<Projection> p HOYO_GUARDED_BY(mu);  // swapped by rebuilds
  std::uint64_t position HOYO_GUARDED_BY(mu) = 0;     // the last position applied
};

struct ProjectionSet::Impl {
  explicit Impl(eventstore::EventStore& s) : store(s) {}
  eventstore::EventStore& store;
  std::vector<std::unique_ptr<Slot>> slots;
  std::atomic<std::uint64_t> position{0};
  mutable base::Mutex pos_mu;
  mutable base::CondVar pos_cv;
  // By (position, id): an id each, so that a wait that gave up is forgotten.
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::function<void()>> waiters
      HOYO_GUARDED_BY(pos_mu);
  std::uint64_t next_waiter HOYO_GUARDED_BY(pos_mu) = 1;
  bool waiters_closed HOYO_GUARDED_BY(pos_mu) = false;  // close_waiters()
  int waiters_running HOYO_GUARDED_BY(pos_mu) = 0;      // due callbacks being run (pos_cv)
  base::Mutex calls_mu;  // held while listeners are called, taken before listeners_mu
  base::Mutex listeners_mu HOYO_ACQUIRED_AFTER(calls_mu);
  std::map<std::uint64_t, ChangeListener> listeners HOYO_GUARDED_BY(listeners_mu);  // by id
  std::uint64_t next_listener HOYO_GUARDED_BY(listeners_mu) = 1;
  base::Mutex rebuild_mu;  // one rebuild at a time
  std::unique_ptr<eventstore::Subscription> subscription;
  std::vector<StartReport> report;
  mutable base::Mutex checkpoint_mu;
  base::CondVar checkpoint_cv;
  CheckpointStatus checkpoints HOYO_GUARDED_BY(checkpoint_mu);
  bool stopping HOYO_GUARDED_BY(checkpoint_mu) = false;
  std::thread checkpointer;  // checkpoint_periodically()'s

  Slot* find(const std::string& name) const {
    for (const auto& s : slots) {
      if (name == s->name) return s.get();
    }
    return nullptr;
  }
  void published(std::uint64_t at) {
    std::vector<std::function<void()>> due;
    {
      base::MutexLock lk(pos_mu);
      position.store(at);
      auto end = waiters.upper_bound({at, UINT64_MAX});
      for (auto it = waiters.begin(); it != end; ++it) due.push_back(std::move(it->second));
      waiters.erase(waiters.begin(), end);
      if (!due.empty()) ++waiters_running;
    }
    pos_cv.notify_all();
    if (due.empty()) return;
    for (auto& fn : due) fn();
    due.clear();  // what they hold goes before close_waiters() returns
    {
      base::MutexLock lk(pos_mu);
      --waiters_running;
    }
    pos_cv.notify_all();
  }
  // Live: one event to every projection, then to the listeners.
  void apply_live(const eventstore::EventView& e) {
    auto event = domain::decode_event(e.type, e.payload);
    const EventMeta meta = meta_of(e);
    for (const auto& s : slots) {
      base::WriterLock lk(s->mu);
      if (event && e.position > s->position && s->p->wants(event->index())) {
        s->p->apply(meta, *event);
      }
      s->position = std::max(s->position, e.position);
    }
    published(e.position);
    if (!event) return;
    base::MutexLock calls(calls_mu);  // a subscription ending waits for this
    std::vector<ChangeListener> copy;
    {
      base::MutexLock lk(listeners_mu);
      if (listeners.empty()) return;
      copy.reserve(listeners.size());
      for (const auto& [id, l] : listeners) copy.push_back(l);
    }
    for (const auto& l : copy) l(Change{e.position, &*event, meta});
  }
};

ProjectionSet::ProjectionSet(eventstore::EventStore& store)
    : impl_(std::make_unique<Impl>(store)) {}

ProjectionSet::~ProjectionSet() {
  {
    base::MutexLock lk(impl_->checkpoint_mu);
    impl_->stopping = true;
  }
  impl_->checkpoint_cv.notify_all();
  if (impl_->checkpointer.joinable()) impl_->checkpointer.join();
  impl_->subscription.reset();
}

void ProjectionSet::add(std::unique_ptr<Projection> p) {
  auto slot = std::make_unique<Slot>(p->name());
  {
    base::WriterLock lk(slot->mu);  // before anyone else can see it, for the analysis
    slot->p = std::move(p);
  }
  impl_->slots.push_back(std::move(slot));
}

// Runs before the live feed starts and before any reader can reach a slot:
// nothing else touches the slots yet, so they are read and written without
// their locks (taking them for every event folded would slow a restart).
base::Status ProjectionSet::start(const std::vector<std::string>& rebuild,
                                  const std::function<void(const RebuildProgress&)>& progress)
    HOYO_NO_THREAD_SAFETY_ANALYSIS {
  const std::uint64_t head = impl_->store.head();
  for (const auto& s : impl_->slots) {
    const bool forced = std::find(rebuild.begin(), rebuild.end(), s->p->name()) != rebuild.end();
    StartReport report{s->p->name(), false, 0};
    const auto restoring = std::chrono::steady_clock::now();
    if (!forced) {
      // A checkpoint of another code version is not used (an older one is
      // "unusable", a newer one "future_format"): the projection is rebuilt.
      const auto version = static_cast<std::uint32_t>(s->p->version());
      auto taken = eventstore::load_snapshot(
          impl_->store, checkpoint_name(s->name), version,
          [&](const eventstore::Snapshot& cp) HOYO_NO_THREAD_SAFETY_ANALYSIS {
            auto state = cp.sections.find(kStateSection);
            return cp.format == version && cp.position <= head && state != cp.sections.end() &&
                   s->p->restore(state->second);
          });
      if (taken) {
        s->position = *taken;
        report = {s->p->name(), true, *taken};
      }
    }
    base::log_line(
        "info", "a projection's checkpoint is read",
        {{"projection", s->name},
         {"restored", report.restored ? "true" : "false"},
         {"seconds",
          std::to_string(std::chrono::duration<double>(std::chrono::steady_clock::now() - restoring)
                             .count())}});
    impl_->report.push_back(report);
  }
  // Catch every projection up from its own position, in one pass over the log.
  std::uint64_t from = head + 1;
  for (const auto& s : impl_->slots) from = std::min(from, s->position + 1);
  RebuildProgress rp{0, head};
  const Wanted wanted([&](std::size_t i) HOYO_NO_THREAD_SAFETY_ANALYSIS {
    return std::any_of(impl_->slots.begin(), impl_->slots.end(),
                       [&](const auto& s)
                           HOYO_NO_THREAD_SAFETY_ANALYSIS { return s->p->wants(i); });
  });
  auto read =
      pipelined_fold(impl_->store, from, wanted,
                     [&](const EventMeta& meta, const auto& event) HOYO_NO_THREAD_SAFETY_ANALYSIS {
                       for (const auto& s : impl_->slots) {
                         if (meta.position <= s->position) continue;
                         if (event && s->p->wants(event->index())) s->p->apply(meta, *event);
                         s->position = meta.position;
                       }
                       if (progress && (meta.position & 0xffff) == 0) {
                         rp.applied = meta.position;
                         progress(rp);
                       }
                     });
  if (!read.ok()) return read.status();
  std::uint64_t last = 0;
  for (const auto& s : impl_->slots) {
    s->position = std::max(s->position, *read);
    last = s->position;
  }
  if (progress) progress({last, head});
  impl_->published(last);
  Impl* p = impl_.get();
  impl_->subscription = impl_->store.subscribe(last, [p](const eventstore::EventView& e) {
    p->apply_live(e);
    return true;
  });
  return base::ok_status();
}

base::Status ProjectionSet::checkpoint() {
  const auto started = std::chrono::steady_clock::now();
  double longest_hold = 0;
  std::uint64_t lowest = UINT64_MAX;
  for (const auto& s : impl_->slots) {
    eventstore::Snapshot cp;
    {
      const auto held = std::chrono::steady_clock::now();
      base::ReaderLock lk(s->mu);  // the live feed waits; readers do not
      cp.sections[kStateSection] = s->p->save();
      cp.position = s->position;
      cp.format = static_cast<std::uint32_t>(s->p->version());
      longest_hold =
          std::max(longest_hold,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - held).count());
    }
    lowest = std::min(lowest, cp.position);
    if (cp.position > 0) {
      auto at = impl_->store.read_at(cp.position);
      if (!at.ok()) return at.status();
      cp.chain = at->chain_hash;
    }
    if (auto st = eventstore::save_snapshot(impl_->store, checkpoint_name(s->name), cp); !st.ok()) {
      return st;
    }
  }
  base::MutexLock lk(impl_->checkpoint_mu);
  CheckpointStatus& c = impl_->checkpoints;
  c.position = lowest == UINT64_MAX ? 0 : lowest;
  ++c.written;
  c.last_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  c.longest_hold_seconds = longest_hold;
  return base::ok_status();
}

ProjectionSet::CheckpointStatus ProjectionSet::checkpoint_status() const {
  base::MutexLock lk(impl_->checkpoint_mu);
  return impl_->checkpoints;
}

void ProjectionSet::checkpoint_periodically(eventstore::SnapshotPolicy policy) {
  if (!policy.periodic() || impl_->checkpointer.joinable()) return;
  {
    base::MutexLock lk(impl_->checkpoint_mu);
    impl_->checkpoints.position = position();
  }
  Impl* p = impl_.get();
  ProjectionSet* set = this;
  impl_->checkpointer = base::start_thread("hoyo-checkpoint", [p, set, policy] {
    auto last = std::chrono::steady_clock::now();
    for (;;) {
      std::uint64_t at = 0;
      {
        base::MutexLock lk(p->checkpoint_mu);
        if (p->checkpoint_cv.wait_for(
                lk, std::chrono::seconds(1),
                [p]() HOYO_REQUIRES(p->checkpoint_mu) { return p->stopping; })) {
          return;
        }
        at = p->checkpoints.position;
      }
      if (!policy.due(set->position(), at, std::chrono::steady_clock::now() - last)) continue;
      if (base::Status s = set->checkpoint(); !s.ok()) {
        base::log_line("error", "the projections' checkpoint could not be written",
                       {{"error", s.to_string()}});
      }
      last = std::chrono::steady_clock::now();
    }
  });
}

std::vector<ProjectionSet::StartReport> ProjectionSet::start_report() const {
  return impl_->report;
}

std::uint64_t ProjectionSet::read(const std::string& name, std::uint64_t min_position,
                                  std::chrono::milliseconds timeout,
                                  const std::function<void(const Projection&)>& fn) const {
  Slot* slot = impl_->find(name);
  if (!slot) return 0;
  if (min_position > impl_->position.load()) {
    base::MutexLock lk(impl_->pos_mu);
    if (!impl_->pos_cv.wait_for(lk, timeout,
                                [&] { return impl_->position.load() >= min_position; })) {
      return 0;
    }
  }
  base::ReaderLock lk(slot->mu);
  fn(*slot->p);
  return std::max<std::uint64_t>(slot->position, 1);
}

std::uint64_t ProjectionSet::position() const { return impl_->position.load(); }

std::vector<ProjectionSet::Applied> ProjectionSet::applied() const {
  std::vector<Applied> out;
  for (const auto& slot : impl_->slots) {
    base::ReaderLock lk(slot->mu);
    out.push_back({slot->name, slot->position});
  }
  return out;
}

std::uint64_t ProjectionSet::when_applied(std::uint64_t position, std::function<void()> fn) {
  {
    base::MutexLock lk(impl_->pos_mu);
    if (impl_->waiters_closed) return 0;
    if (impl_->position.load() < position) {
      const std::uint64_t id = impl_->next_waiter++;
      impl_->waiters.emplace(std::make_pair(position, id), std::move(fn));
      return id;
    }
  }
  fn();
  return 0;
}

void ProjectionSet::forget_waiter(std::uint64_t position, std::uint64_t id) {
  std::function<void()> dropped;  // what it holds goes outside the lock
  base::MutexLock lk(impl_->pos_mu);
  auto it = impl_->waiters.find({position, id});
  if (it == impl_->waiters.end()) return;
  dropped = std::move(it->second);
  impl_->waiters.erase(it);
}  // the lock ends before `dropped`

std::size_t ProjectionSet::waiting() const {
  base::MutexLock lk(impl_->pos_mu);
  return impl_->waiters.size();
}

void ProjectionSet::close_waiters() {
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::function<void()>> dropped;
  {
    base::MutexLock lk(impl_->pos_mu);
    impl_->waiters_closed = true;
    dropped.swap(impl_->waiters);
    impl_->pos_cv.wait(
        lk, [this]() HOYO_REQUIRES(impl_->pos_mu) { return impl_->waiters_running == 0; });
  }
  // `dropped` (what its callbacks hold) ends here, outside the lock.
}

namespace {

class ListenerHandle final : public ChangeSubscription {
 public:
  ListenerHandle(base::Mutex& listeners_mu, base::Mutex& calls_mu,
                 std::map<std::uint64_t, ChangeListener>& listeners, std::uint64_t id)
      : listeners_mu_(listeners_mu), calls_mu_(calls_mu), listeners_(listeners), id_(id) {}
  ~ListenerHandle() override {
    base::MutexLock calls(calls_mu_);  // no call of it is in progress after this
    base::MutexLock lk(listeners_mu_);
    listeners_.erase(id_);
  }

 private:
  base::Mutex& listeners_mu_;
  base::Mutex& calls_mu_;
  std::map<std::uint64_t, ChangeListener>& listeners_ HOYO_GUARDED_BY(listeners_mu_);
  std::uint64_t id_;
};

}  // namespace

std::unique_ptr<ChangeSubscription> ProjectionSet::on_change(ChangeListener listener) {
  base::MutexLock lk(impl_->listeners_mu);
  const std::uint64_t id = impl_->next_listener++;
  impl_->listeners.emplace(id, std::move(listener));
  return std::make_unique<ListenerHandle>(impl_->listeners_mu, impl_->calls_mu, impl_->listeners,
                                          id);
}

std::vector<std::string> ProjectionSet::names() const {
  std::vector<std::string> out;
  for (const auto& s : impl_->slots) out.push_back(s->name);
  return out;
}

base::Status ProjectionSet::rebuild(const std::string& name,
                                    const std::function<void(const RebuildProgress&)>& progress) {
  base::MutexLock one(impl_->rebuild_mu);
  Slot* slot = impl_->find(name);
  if (!slot) return {base::ErrorCode::kNotFound, base::MessageId::kNoProjection, {{"name", name}}};
  std::unique_ptr<Projection> shadow;
  {
    base::ReaderLock lk(slot->mu);
    shadow = slot->p->empty();
  }
  RebuildProgress rp{0, impl_->store.head()};
  // The bulk, while reads and live updates go on against the live copy.
  auto folded = fold(impl_->store, *shadow, 1, [&](std::uint64_t at) {
    rp.applied = at;
    if (progress) progress(rp);
  });
  if (!folded.ok()) return folded.status();
  // The tail, with the live copy held still, then the swap.
  base::WriterLock lk(slot->mu);
  if (slot->position > *folded) {
    auto tail = impl_->store.read_all(*folded + 1, slot->position - *folded,
                                      [&](const eventstore::EventView& e) {
                                        if (auto event = domain::decode_event(e.type, e.payload)) {
                                          if (shadow->wants(event->index())) {
                                            shadow->apply(meta_of(e), *event);
                                          }
                                        }
                                        return true;
                                      });
    if (!tail.ok()) return tail.status();
  }
  slot->p = std::move(shadow);
  // The shadow may have folded past what the live copy had applied: the live
  // feed must not apply those events to it a second time.
  slot->position = std::max(slot->position, *folded);
  return base::ok_status();
}

base::Result<std::uint64_t> fold(const eventstore::EventStore& store, Projection& p,
                                 std::uint64_t from,
                                 const std::function<void(std::uint64_t)>& progress,
                                 FoldStats* stats) {
  const Wanted wanted([&](std::size_t i) { return p.wants(i); });
  auto read = pipelined_fold(
      store, from, wanted,
      [&](const EventMeta& meta, const auto& event) {
        if (event) p.apply(meta, *event);
        if (progress && (meta.position & 0xffff) == 0) progress(meta.position);
      },
      stats);
  if (!read.ok()) return read.status();
  if (progress) progress(*read);
  return *read;
}

}  // namespace hoyo::projections
