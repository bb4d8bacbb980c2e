// Subscriptions: a reader thread per subscriber that catches up from the log and
// then follows the head. The writer only bumps the head and notifies, so a slow
// subscriber delays nobody but itself.
#include <atomic>
#include <thread>

#include "base/mutex.h"
#include "base/thread.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {
namespace {

class ThreadSubscription final : public Subscription {
 public:
  ThreadSubscription(const EventStore* store, EventStore::Impl* impl, std::uint64_t after,
                     EventVisitor on_event)
      : store_(store), impl_(impl), position_(after), on_event_(std::move(on_event)) {
    thread_ = base::start_thread("hoyo-subscribe", [this] { run(); });
  }

  ~ThreadSubscription() override {
    {
      base::MutexLock lk(impl_->head_mu);
      stop_.store(true);
    }
    impl_->head_cv.notify_all();
    thread_.join();
  }

  std::uint64_t position() const override { return position_.load(); }

 private:
  void run() {
    constexpr std::uint64_t kChunk = 1024;
    while (!stop_.load()) {
      const std::uint64_t from = position_.load() + 1;
      auto read = store_->read_all(from, kChunk, [this](const EventView& e) {
        on_event_(e);
        position_.store(e.position);
        return !stop_.load();
      });
      if (read.ok() && read.value() > 0) continue;
      // Nothing new (or a read error, retried after the wait): sleep until the head moves.
      base::MutexLock lk(impl_->head_mu);
      impl_->head_cv.wait_for(lk, std::chrono::milliseconds(500), [&] {
        return stop_.load() || impl_->head.load() >= position_.load() + 1;
      });
    }
  }

  const EventStore* store_;
  EventStore::Impl* impl_;
  std::atomic<std::uint64_t> position_;
  EventVisitor on_event_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Subscription> EventStore::subscribe(std::uint64_t after, EventVisitor on_event) {
  return std::make_unique<ThreadSubscription>(this, impl_.get(), after, std::move(on_event));
}

}  // namespace hoyo::eventstore
