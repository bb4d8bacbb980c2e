#include "http/app/metrics.h"

#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <thread>

#include "base/mutex.h"
#include "base/thread.h"

namespace hoyo::http {

void Metrics::record(boost::beast::http::verb method, const char* route, unsigned status,
                     std::chrono::nanoseconds duration) {
  {
    base::MutexLock lk(mu_);
    ++requests_[Key{static_cast<int>(method), route, status}];
  }
  const double seconds = std::chrono::duration<double>(duration).count();
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  histogram_[b].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(static_cast<std::uint64_t>(duration.count()), std::memory_order_relaxed);
}

std::string Metrics::render() const {
  std::string out =
      "# HELP hoyo_http_requests_total HTTP requests answered, by method, route and status.\n"
      "# TYPE hoyo_http_requests_total counter\n";
  {
    base::MutexLock lk(mu_);
    for (const auto& [key, n] : requests_) {
      out += "hoyo_http_requests_total{method=\"" +
             std::string(
                 boost::beast::http::to_string(static_cast<boost::beast::http::verb>(key.method))) +
             "\",route=\"" + key.route + "\",status=\"" + std::to_string(key.status) + "\"} " +
             std::to_string(n) + "\n";
    }
  }
  out +=
      "# HELP hoyo_http_request_duration_seconds Time from a whole request to its answer.\n"
      "# TYPE hoyo_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= kBuckets.size(); ++i) {
    cumulative += histogram_[i].load(std::memory_order_relaxed);
    char le[32];
    if (i < kBuckets.size()) {
      std::snprintf(le, sizeof le, "%g", kBuckets[i]);
    } else {
      std::snprintf(le, sizeof le, "+Inf");
    }
    out += "hoyo_http_request_duration_seconds_bucket{le=\"" + std::string(le) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  char sum[64];
  std::snprintf(sum, sizeof sum, "%.6f", sum_nanos_.load() / 1e9);
  out += "hoyo_http_request_duration_seconds_sum " + std::string(sum) + "\n";
  out += "hoyo_http_request_duration_seconds_count " + std::to_string(count_.load()) + "\n";
  return out;
}

struct RequestLog::Impl {
  base::Mutex mu;
  base::CondVar cv;
  std::string buffer HOYO_GUARDED_BY(mu);
  std::size_t max_buffered;
  bool stopping HOYO_GUARDED_BY(mu) = false;
  std::thread thread;
};

RequestLog::RequestLog(std::size_t max_buffered) : impl_(new Impl) {
  impl_->max_buffered = max_buffered;
  impl_->thread = base::start_thread("hoyo-reqlog", [impl = impl_] {
    std::string out;
    for (;;) {
      {
        base::MutexLock lk(impl->mu);
        impl->cv.wait_for(lk, std::chrono::milliseconds(100), [&]() HOYO_REQUIRES(impl->mu) {
          return impl->stopping || impl->buffer.size() > 64 * 1024;
        });
        out.swap(impl->buffer);
        if (out.empty() && impl->stopping) return;
      }
      for (std::size_t at = 0; at < out.size();) {
        const ssize_t n = ::write(2, out.data() + at, out.size() - at);
        if (n <= 0) break;
        at += static_cast<std::size_t>(n);
      }
      out.clear();
    }
  });
}

RequestLog::~RequestLog() {
  {
    base::MutexLock lk(impl_->mu);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  impl_->thread.join();
  delete impl_;
}

void RequestLog::write(std::string line) {
  base::MutexLock lk(impl_->mu);
  if (impl_->buffer.size() > impl_->max_buffered) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  impl_->buffer += line;
  impl_->buffer += '\n';
}

}  // namespace hoyo::http
