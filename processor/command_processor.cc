// The command processor's deciding half: the writer thread takes commands in
// arrival order, decides them against the state and appends their events;
// callers are answered once the events are durable. Folding the log into the
// state is command_fold.cc.
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
#include "domain/publication_limits.h"
#include "domain/reservation_number.h"
#include "processor/chain_at_close.h"
#include "processor/idempotency.h"
#include "processor/internal/command_processor_impl.h"
#include "processor/state_fold.h"

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

std::string CommandProcessor::Impl::fresh_user_number() {
  std::string n;
  do {
    n = domain::make_number(options.random(), kUserNumberDigits);
  } while (n[0] == '0' || state.accounts.users.count(n));
  return n;
}

void CommandProcessor::Impl::fresh_numbers(std::size_t count, std::vector<std::string>& out) {
  std::set<std::string> taken(out.begin(), out.end());
  while (out.size() < count) {
    std::string n = domain::make_number(options.random(), kReservationDigits);
    if (!state.reservation(n) && taken.insert(n).second) out.push_back(std::move(n));
  }
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
  if (auto* join = std::get_if<domain::JoinWaitlist>(&command.body)) {
    do {
      join->id = domain::make_number(options.random(), kReservationDigits);
    } while (state.waitlist.entries.count(join->id));
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
      fresh_numbers(domain::publication_bookings(drawn->second.wins.size()), publish->numbers);
    }
  }
  if (auto* run = std::get_if<domain::RunScheduled>(&command.body)) {
    // For the wins of published periods still to be booked.
    run->numbers.clear();
    if (!state.wins_to_book.empty()) fresh_numbers(domain::kWinsPerCommand, run->numbers);
    // For the waitlist's picks, recorded with each.
    if (!state.waitlist.picks.empty()) run->seed = options.random();
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
