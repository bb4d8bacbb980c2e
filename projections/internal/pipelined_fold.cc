#include "projections/internal/pipelined_fold.h"

#include <pthread.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "base/mutex.h"
#include "base/thread.h"

namespace hoyo::projections::internal {
namespace {

// One event of a batch: decoded by the reading thread, or left raw (a wanted
// type whose payload sits in the batch's bytes) for the applying thread.
struct Decoded {
  std::uint64_t position = 0;
  std::int64_t recorded_at = 0;
  std::string actor;
  std::optional<domain::Event> event;
  const std::string* raw_type = nullptr;  // set when left raw
  std::uint32_t offset = 0, size = 0;     // the payload in Batch::bytes (words, bytes)
};
struct Batch {
  std::vector<Decoded> events;
  std::vector<std::uint64_t> bytes;  // raw payloads, each starting on a word
};

}  // namespace

base::Result<std::uint64_t> pipelined_fold(
    const eventstore::EventStore& store, std::uint64_t from, Wanted wanted,
    const std::function<void(const EventMeta&, const std::optional<domain::Event>&)>& apply,
    FoldStats* stats) {
  FoldStats counted;
  constexpr std::size_t kBatch = 2048, kMaxBatches = 8;
  base::Mutex mu;
  base::CondVar cv;
  std::deque<Batch> ready;
  bool done = false;
  std::optional<base::Status> failure;
  std::thread reader = base::start_thread("hoyo-fold-read", [&] {
    Batch batch;
    batch.events.reserve(kBatch);
    bool decode_here = false;
    auto hand_over = [&] {
      base::MutexLock lk(mu);
      cv.wait(lk, [&] { return ready.size() < kMaxBatches; });
      ready.push_back(std::move(batch));
      decode_here = ready.size() > 1;  // the applier is still busy with an earlier one
      cv.notify_all();
      lk.unlock();
      batch = {};
      batch.events.reserve(kBatch);
    };
    auto r = store.read_all(from, UINT64_MAX, [&](const eventstore::EventView& e) {
      Decoded& d = batch.events.emplace_back();
      d.position = e.position;
      d.recorded_at = e.recorded_at_us;
      if (const std::string* type = wanted(e.type)) {
        d.actor = e.actor;
        if (decode_here) {
          d.event = domain::decode_event(e.type, e.payload);
          ++counted.decoded_by_reader;
        } else {
          d.raw_type = type;
          d.offset = static_cast<std::uint32_t>(batch.bytes.size());
          d.size = static_cast<std::uint32_t>(e.payload.size());
          batch.bytes.resize(batch.bytes.size() + (e.payload.size() + 7) / 8);
          if (d.size > 0) {
            std::memcpy(batch.bytes.data() + d.offset, e.payload.data(), e.payload.size());
          }
        }
      }
      if (batch.events.size() == kBatch) hand_over();
      return true;
    });
    if (!batch.events.empty()) hand_over();
    base::MutexLock lk(mu);
    if (!r.ok()) failure = r.status();
    done = true;
    cv.notify_all();
  });
  std::uint64_t last = from - 1;
  for (;;) {
    Batch batch;
    {
      base::MutexLock lk(mu);
      cv.wait(lk, [&] { return done || !ready.empty(); });
      if (ready.empty()) break;
      batch = std::move(ready.front());
      ready.pop_front();
      cv.notify_all();
    }
    for (Decoded& d : batch.events) {
      if (d.raw_type) {
        ++counted.decoded_by_applier;
        d.event = domain::decode_event(
            *d.raw_type, {reinterpret_cast<const char*>(batch.bytes.data() + d.offset), d.size});
      }
      apply(EventMeta{d.position, d.recorded_at, d.actor}, d.event);
      last = d.position;
    }
  }
  reader.join();
  if (stats) *stats = counted;
  if (failure) return *failure;
  return last;
}

}  // namespace hoyo::projections::internal
