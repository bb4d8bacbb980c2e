#include "processor/command_processor.h"

#include <openssl/rand.h>
#include <pthread.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "base/log.h"
#include "base/mutex.h"
#include "base/thread.h"
#include "domain/decide.h"
#include "domain/event_codec.h"
#include "domain/reservation_number.h"
#include "processor/chain_at_close.h"
#include "processor/idempotency.h"
#include "processor/state_restore.h"

namespace hoyo::processor {
namespace {

using base::Error;
using base::ErrorCode;
using eventstore::EventId;

constexpr int kReservationDigits = 9;  // plus the check digit
constexpr int kUserNumberDigits = 7;   // plus the check digit

// Random bits from OpenSSL's CSPRNG, drawn 4 KiB at a time (one call per
// number costs more than the rest of deciding a booking). Fails closed: without
// randomness no number or id is issued.
std::uint64_t csprng_u64() {
  thread_local std::uint64_t buffer[512];
  thread_local std::size_t left = 0;
  if (left == 0) {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(buffer), sizeof buffer) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
    left = 512;
  }
  const std::uint64_t v = buffer[--left];
  buffer[left] = 0;  // do not keep used randomness around
  return v;
}

// What every command gets while the processor cannot write: the store refuses
// writes (a full disk, an I/O error) or the state is being folded again.
Error unavailable_error() {
  Error e{ErrorCode::kUnavailable, base::MessageId::kWritesPaused};
  e.retry_after_seconds = 5;
  return e;
}

// What every command gets while the store is a cluster replica: the writer
// node decides; a retry (hoyod forwards commands to it) will find it.
Error not_writer_error() {
  Error e{ErrorCode::kUnavailable, base::MessageId::kStoreNotWriter};
  e.retry_after_seconds = 1;
  return e;
}

// How often a processor that stopped deciding checks whether it can resume.
constexpr auto kRecoveryPoll = std::chrono::milliseconds(100);

}  // namespace

struct CommandProcessor::Impl {
  struct Job {
    domain::Command command;
    std::string key;
    OutcomeCallback done;
    std::function<void(const domain::BookingState&)> inspect;
  };

  Impl(eventstore::EventStore& s, const Clock& c, ProcessorOptions o)
      : store(s), clock(c), options(std::move(o)) {}

  eventstore::EventStore& store;
  const Clock& clock;
  ProcessorOptions options;
  domain::BookingState state;  // writer thread only
  RebuildStats stats;

  base::Mutex keys_mu;  // the registry is read by the writer and completed by the store
  IdempotencyRegistry keys HOYO_GUARDED_BY(keys_mu);

  mutable base::Mutex queue_mu;
  base::CondVar queue_cv;
  std::deque<Job> queue HOYO_GUARDED_BY(queue_mu);
  bool stopping HOYO_GUARDED_BY(queue_mu) = false;
  std::thread writer;
  std::unique_ptr<Snapshotter> snapshotter;
  std::atomic<bool> failed{false};
  std::atomic<int> in_flight{0};  // appends handed to the store, not yet answered
  // The log position `state` folds to: set by a rebuild, raised by each of
  // its own appends. A head past it with nothing in flight means another
  // node wrote the log meanwhile (cluster mode: this store was a replica).
  std::atomic<std::uint64_t> folded_head{0};
  domain::Instant last_now = 0;     // writer thread: recorded-at never goes backwards
  std::uint64_t events_folded = 0;  // writer thread: domain events in `state`

  // The clock, but never earlier than an instant already recorded: the log's
  // recorded-at times then grow with its positions.
  domain::Instant monotonic_now() { return last_now = std::max(last_now, clock.now()); }
  // A user number not yet issued (a leading zero is avoided: spreadsheets drop it).
  std::string fresh_user_number() {
    std::string n;
    do {
      n = domain::make_number(options.random(), kUserNumberDigits);
    } while (n[0] == '0' || state.accounts.users.count(n));
    return n;
  }
  // The chain hash after the last event recorded before `t` (zeros for none),
  // once everything decided so far is in the log; a read error fails it.
  base::Result<eventstore::Hash> chain_hash_at(domain::Instant t);

  base::Status rebuild();
  // After a failed append: once every append is answered and the store takes
  // writes again, folds the log afresh (the state ran ahead of it) and
  // resumes deciding. True when the processor decides again.
  bool recover();
  // Cluster mode: first folds into the state what the log holds past it
  // (another node wrote it: this store is or was a replica; nothing of ours
  // is in flight), so that reads and decisions see the log; a failure to
  // read it leaves the processor failed, for recover() to fold afresh.
  // Then false while the store is a replica (another node writes the log).
  bool writing();
  // Folds the log's events past folded_head into the state; false (and
  // failed) when they cannot be read.
  bool catch_up();
  // Forgets the state and folds the log afresh; false (and failed) when
  // the log cannot be read.
  bool refold();
  void run();
  void process(Job& job);
  void append(domain::Command& command, std::vector<domain::Event> events, const EventId* key,
              domain::Instant now, OutcomeCallback done);
  void finish(const EventId* key, base::Result<Outcome> result, const OutcomeCallback& done);
};

base::Status CommandProcessor::Impl::rebuild() {
  const auto started = std::chrono::steady_clock::now();
  FoldedState folded;
  RestoreReport report;
  if (base::Status s =
          restore_state(store, clock.now() - options.idempotency_window, folded, &report);
      !s.ok()) {
    return s;
  }
  state = std::move(folded.state);
  last_now = folded.last_now;
  events_folded = folded.events;
  folded_head.store(folded.position);
  {
    // Before the writer starts: nobody else holds it, the analysis wants it held.
    base::MutexLock lk(keys_mu);
    keys = std::move(folded.keys);
  }
  stats.events = report.tail_events;
  stats.from_snapshot = report.from_snapshot;
  stats.snapshot_position = report.snapshot_position;
  stats.snapshot_seconds = report.snapshot_seconds;
  stats.snapshots_rejected = report.rejected.size();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  SnapshotStatus initial;
  if (report.from_snapshot) {
    initial.any = true;
    initial.position = report.snapshot_position;
    initial.written_at = folded.written_at;
  }
  snapshotter = std::make_unique<Snapshotter>(store, clock, options.snapshots,
                                              options.idempotency_window, initial);
  return base::ok_status();
}

bool CommandProcessor::Impl::recover() {
  if (!failed.load()) return true;
  if (in_flight.load() > 0 || store.condition() != eventstore::StoreCondition::kHealthy) {
    return false;
  }
  if (!refold()) return false;
  failed.store(false);
  return true;
}

bool CommandProcessor::Impl::refold() {
  {
    base::MutexLock lk(keys_mu);
    keys = IdempotencyRegistry();
  }
  state = domain::BookingState();
  stats = RebuildStats();
  if (rebuild().ok()) return true;
  failed.store(true);
  return false;
}

bool CommandProcessor::Impl::writing() {
  // The role before the head: a store that turns writer after this read
  // holds nothing this fold has not seen (set_role waits for an idle store).
  const bool writer = store.role() == eventstore::StoreRole::kWriter;
  if (!failed.load() && in_flight.load() == 0) {
    const std::uint64_t head = store.head();
    if (head > folded_head.load()) {
      catch_up();
    } else if (head < folded_head.load()) {
      refold();  // the log is not what the state folds: never decide on it
    }
  }
  return writer;
}

bool CommandProcessor::Impl::catch_up() {
  FoldedState folded;
  folded.state = std::move(state);
  folded.last_now = last_now;
  folded.position = folded_head.load();
  folded.events = events_folded;
  {
    base::MutexLock lk(keys_mu);
    folded.keys = std::move(keys);
  }
  const domain::Instant keys_since = clock.now() - options.idempotency_window;
  const std::uint64_t head = store.head();
  auto read = store.read_all(folded.position + 1, head - folded.position,
                             [&](const eventstore::EventView& e) {
                               folded.apply(e, keys_since);
                               return true;
                             });
  state = std::move(folded.state);
  last_now = folded.last_now;
  events_folded = folded.events;
  {
    base::MutexLock lk(keys_mu);
    keys = std::move(folded.keys);
  }
  if (!read.ok()) {
    // Part of the tail is folded: recover() folds the whole log afresh.
    failed.store(true);
    return false;
  }
  folded_head.store(folded.position);
  return true;
}

void CommandProcessor::Impl::run() {
  std::deque<Job> jobs;
  for (;;) {
    {
      base::MutexLock lk(queue_mu);
      const auto ready = [this]() HOYO_REQUIRES(queue_mu) { return stopping || !queue.empty(); };
      // Stopped deciding: wakes now and then to resume as soon as it can, so
      // that health turns ok without waiting for the next command.
      while (failed.load() && !queue_cv.wait_for(lk, kRecoveryPoll, ready)) {
        lk.unlock();
        recover();
        lk.lock();
      }
      queue_cv.wait(lk, ready);
      if (queue.empty()) return;
      jobs.swap(queue);
    }
    for (Job& job : jobs) process(job);
    jobs.clear();
  }
}

void CommandProcessor::Impl::process(Job& job) {
  const bool writer = writing();
  if (job.inspect) {
    job.inspect(state);
    return;
  }
  // A replica decides nothing: the writer node does (hoyod forwards to it).
  if (!writer) return job.done(not_writer_error());
  // Not deciding (a failed append), a key already answered is still answered:
  // that is a read; anything else waits for the store.
  const bool deciding = recover();
  const domain::Instant now = monotonic_now();
  domain::Command& command = job.command;
  const int kind = static_cast<int>(command.body.index());

  std::optional<EventId> key;
  if (!job.key.empty()) {
    key = correlation_for(command.actor.to_string(), job.key);
    base::MutexLock lk(keys_mu);
    keys.prune(now, options.idempotency_window);
    if (IdempotencyRegistry::Entry* prior = keys.find(*key)) {
      if (prior->kind != kind) {
        return job.done(Error{ErrorCode::kConflict, base::MessageId::kIdempotencyKeyReused});
      }
      if (!prior->durable) {
        prior->waiters.push_back(std::move(job.done));
        return;
      }
      Outcome replay = prior->outcome;
      replay.replayed = true;
      return job.done(std::move(replay));
    }
    if (!deciding) return job.done(unavailable_error());
    keys.start(*key, kind, now);
  }
  if (!deciding) return job.done(unavailable_error());

  if (auto* book = std::get_if<domain::BookRoom>(&command.body)) {
    do {
      book->number = domain::make_number(options.random(), kReservationDigits);
    } while (state.reservation(book->number));
  }
  if (auto* accept = std::get_if<domain::AcceptOffer>(&command.body)) {
    do {
      accept->number = domain::make_number(options.random(), kReservationDigits);
    } while (state.reservation(accept->number));
  }
  if (auto* apply = std::get_if<domain::ApplyToLottery>(&command.body)) {
    do {
      apply->id = domain::make_number(options.random(), kReservationDigits);
    } while (state.applications.count(apply->id));
  }
  if (auto* submit = std::get_if<domain::SubmitRegistration>(&command.body)) {
    submit->user_number = fresh_user_number();
  }
  if (auto* approve = std::get_if<domain::ApproveRegistration>(&command.body)) {
    approve->user_number = fresh_user_number();
  }
  if (auto* draw = std::get_if<domain::DrawLottery>(&command.body)) {
    if (const domain::LotteryPeriod* p = state.lottery(draw->lottery)) {
      // The seed depends on it: without it, nothing is drawn and nothing written.
      auto chain = chain_hash_at(p->closes_at);
      if (!chain.ok()) {
        return finish(key ? &*key : nullptr,
                      Error{ErrorCode::kFailed,
                            base::MessageId::kLogUnreadable,
                            {{"cause", chain.status().to_string()}}},
                      job.done);
      }
      draw->chain_hash = *chain;
    }
  }
  if (auto* publish = std::get_if<domain::PublishLottery>(&command.body)) {
    auto drawn = state.draws.find(publish->lottery);
    publish->numbers.clear();
    if (drawn != state.draws.end()) {
      std::set<std::string> taken;
      while (publish->numbers.size() < drawn->second.wins.size()) {
        std::string n = domain::make_number(options.random(), kReservationDigits);
        if (!state.reservation(n) && taken.insert(n).second) publish->numbers.push_back(n);
      }
    }
  }
  auto decided = domain::decide(state, command, now);
  if (!decided.ok()) return finish(key ? &*key : nullptr, decided.error(), job.done);
  append(command, std::move(decided).value(), key ? &*key : nullptr, now, std::move(job.done));
}

void CommandProcessor::Impl::append(domain::Command& command, std::vector<domain::Event> events,
                                    const EventId* key, domain::Instant now, OutcomeCallback done) {
  if (events.empty()) {
    return finish(key, Outcome{{}, store.head(), false}, done);
  }
  // The next command must see these events: fold them in now. Should the
  // append fail, the state is ahead of the log and the processor stops deciding.
  for (const domain::Event& e : events) domain::evolve(state, e);
  events_folded += events.size();

  const std::string actor = command.actor.to_string();
  std::vector<eventstore::AppendRequest> group;
  for (const domain::Event& e : events) {
    domain::EncodedEvent encoded = domain::encode_event(e);
    eventstore::NewEvent ne;
    ne.id = eventstore::time_ordered_event_id(now, options.random());
    ne.type = std::move(encoded.type);
    ne.payload = std::move(encoded.payload);
    ne.actor = actor;
    if (key) ne.correlation_id = *key;
    ne.recorded_at_us = now;
    std::string stream = domain::stream_of(e);
    if (!group.empty() && group.back().stream_id == stream) {
      group.back().events.push_back(std::move(ne));
    } else {
      group.push_back({std::move(stream), eventstore::ExpectedVersion::any(), {}});
      group.back().events.push_back(std::move(ne));
    }
  }
  std::optional<EventId> key_copy;
  if (key) key_copy = *key;
  ++in_flight;
  store.append_group_async(std::move(group),
                           [this, events = std::move(events), key_copy, done = std::move(done)](
                               base::Result<std::vector<eventstore::AppendResult>> r) mutable {
                             const EventId* k = key_copy ? &*key_copy : nullptr;
                             if (!r.ok()) {
                               failed.store(true);
                               --in_flight;
                               return finish(k, unavailable_error(), done);
                             }
                             // Raised before in_flight drops: writing() never takes our own
                             // append for another node's.
                             const std::uint64_t last = r->back().last_position;
                             for (std::uint64_t seen = folded_head.load();
                                  seen < last && !folded_head.compare_exchange_weak(seen, last);) {
                             }
                             --in_flight;
                             finish(k, Outcome{std::move(events), last, false}, done);
                           });
}

base::Result<eventstore::Hash> CommandProcessor::Impl::chain_hash_at(domain::Instant t) {
  // Everything decided before now must be in the log first.
  while (in_flight.load() > 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
  // recorded-at grows with position (monotonic_now).
  return chain_hash_before(store.head(), t,
                           [this](std::uint64_t position) { return store.read_at(position); });
}

void CommandProcessor::Impl::finish(const EventId* key, base::Result<Outcome> result,
                                    const OutcomeCallback& done) {
  std::vector<OutcomeCallback> waiters;
  if (key) {
    base::MutexLock lk(keys_mu);
    if (IdempotencyRegistry::Entry* entry = keys.find(*key)) {
      waiters = std::move(entry->waiters);
      if (result.ok()) {
        entry->durable = true;
        entry->outcome = result.value();
      } else {
        keys.erase(*key);  // a refusal wrote nothing: a retry is decided afresh
      }
    }
  }
  for (const OutcomeCallback& w : waiters) {
    if (result.ok()) {
      Outcome replay = result.value();
      replay.replayed = true;
      w(std::move(replay));
    } else {
      w(result.error());
    }
  }
  done(std::move(result));
}

base::Result<std::unique_ptr<CommandProcessor>> CommandProcessor::open(
    eventstore::EventStore& store, const Clock& clock, ProcessorOptions options) {
  if (!options.random) options.random = csprng_u64;
  auto impl = std::make_unique<Impl>(store, clock, std::move(options));
  if (base::Status s = impl->rebuild(); !s.ok()) return s;
  Impl* p = impl.get();
  impl->writer = base::start_thread("hoyo-decide", [p] { p->run(); });
  return std::unique_ptr<CommandProcessor>(new CommandProcessor(std::move(impl)));
}

CommandProcessor::CommandProcessor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CommandProcessor::~CommandProcessor() {
  {
    base::MutexLock lk(impl_->queue_mu);
    impl_->stopping = true;
  }
  impl_->queue_cv.notify_all();
  impl_->writer.join();
  if (impl_->options.snapshots.on_close && !impl_->failed.load()) {
    // Everything decided is answered only once durable: wait for the last appends.
    while (impl_->in_flight.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // The writer stopped and everything it decided is durable: its own state
  // is the fold of the log up to the head, unless another node wrote the
  // log meanwhile (a cluster replica's state is stale: the snapshotter's
  // periodic ones fold the log itself).
  if (impl_->options.snapshots.on_close && !impl_->failed.load() &&
      impl_->folded_head.load() == impl_->store.head()) {
    FoldedState final_state;
    final_state.state = std::move(impl_->state);
    {
      base::MutexLock lk(impl_->keys_mu);
      final_state.keys = std::move(impl_->keys);
    }
    final_state.last_now = impl_->last_now;
    final_state.position = impl_->store.head();
    final_state.events = impl_->events_folded;
    if (base::Status s = impl_->snapshotter->write_final(final_state); !s.ok()) {
      base::log_line("error", "the writer's last snapshot could not be written",
                     {{"error", s.to_string()}});
    }
  }
  impl_->snapshotter.reset();
}

void CommandProcessor::submit(domain::Command command, std::string idempotency_key,
                              OutcomeCallback done) {
  {
    base::MutexLock lk(impl_->queue_mu);
    if (!impl_->stopping) {
      impl_->queue.push_back({std::move(command), std::move(idempotency_key), std::move(done), {}});
      impl_->queue_cv.notify_one();
      return;
    }
  }
  done(unavailable_error());
}

std::future<base::Result<Outcome>> CommandProcessor::submit(domain::Command command,
                                                            std::string idempotency_key) {
  auto promise = std::make_shared<std::promise<base::Result<Outcome>>>();
  auto future = promise->get_future();
  submit(std::move(command), std::move(idempotency_key),
         [promise](base::Result<Outcome> r) { promise->set_value(std::move(r)); });
  return future;
}

void CommandProcessor::inspect(const std::function<void(const domain::BookingState&)>& read) {
  std::promise<void> done;
  auto future = done.get_future();
  {
    base::MutexLock lk(impl_->queue_mu);
    impl_->queue.push_back({{}, {}, {}, [&](const domain::BookingState& s) {
                              read(s);
                              done.set_value();
                            }});
    impl_->queue_cv.notify_one();
  }
  future.wait();
}

std::size_t CommandProcessor::queue_depth() const {
  base::MutexLock lk(impl_->queue_mu);
  return impl_->queue.size();
}

RebuildStats CommandProcessor::rebuild_stats() const { return impl_->stats; }

bool CommandProcessor::deciding() const { return !impl_->failed.load(); }

SnapshotStatus CommandProcessor::snapshot_status() const { return impl_->snapshotter->status(); }

base::Status CommandProcessor::write_snapshot() {
  while (impl_->in_flight.load() > 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
  return impl_->snapshotter->write_now();
}

}  // namespace hoyo::processor
