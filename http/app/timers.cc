#include "base/mutex.h"
#include "http/app/timers.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "base/thread.h"

namespace hoyo::http {

struct Timers::Entry {
  explicit Entry(boost::asio::io_context& io) : timer(io) {}
  boost::asio::steady_timer timer;
  std::function<void()> fn;
};

Timers::Timers(std::size_t max_pending) : max_pending_(max_pending) {
  thread_ = base::start_thread("hoyo-timers", [this] {
    auto work = boost::asio::make_work_guard(io_);
    io_.run();
  });
}

Timers::~Timers() {
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

Timers::Handle Timers::after(std::chrono::steady_clock::duration delay, std::function<void()> fn) {
  auto entry = std::make_shared<Entry>(io_);
  entry->fn = std::move(fn);
  Handle h;
  {
    base::MutexLock lk(mu_);
    if (pending_.size() >= max_pending_) return 0;
    h = next_++;
    pending_.emplace(h, entry);
  }
  // The timer is touched on its own thread only.
  boost::asio::post(io_, [this, h, entry, delay] {
    entry->timer.expires_after(delay);
    entry->timer.async_wait([this, h, entry](boost::system::error_code ec) {
      {
        base::MutexLock lk(mu_);
        // Cancelled (erased) first: nothing to run.
        if (pending_.erase(h) == 0) return;
      }
      if (!ec) entry->fn();
    });
  });
  return h;
}

void Timers::cancel(Handle h) {
  std::shared_ptr<Entry> entry;
  {
    base::MutexLock lk(mu_);
    auto it = pending_.find(h);
    if (it == pending_.end()) return;
    entry = std::move(it->second);
    pending_.erase(it);
  }
  boost::asio::post(io_, [entry] { entry->timer.cancel(); });
}

std::size_t Timers::pending() const {
  base::MutexLock lk(mu_);
  return pending_.size();
}

}  // namespace hoyo::http
