#include "http/app/read_view.h"

#include <atomic>
#include <thread>

#include "http/app/errors.h"
#include "http/app/timers.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

Response busy(const Request& req) {
  domain::DomainError e{domain::ErrorCode::kRateLimited, "the server is busy", {}};
  e.retry_after_seconds = 1;
  return error_response(req, e);
}

}  // namespace

Response stale_answer(const Request& req) {
  Response res = problem(req, bhttp::status::service_unavailable, "stale", "まだ反映されていません",
                         "Not up to date yet", "the requested log position is not applied yet");
  res.set(bhttp::field::retry_after, "1");
  return res;
}

Response position_ahead_answer(const Request& req, std::uint64_t head) {
  Response res = problem(req, bhttp::status::conflict, "position_ahead",
                         "指定された位置はまだ記録されていません", "Position not yet written",
                         "X-Min-Position is past the log's head (" + std::to_string(head) + ")");
  res.set("X-Log-Position", std::to_string(head));
  return res;
}

void after_position(const Call& call, std::uint64_t want, std::function<void()> then) {
  auto& projections = call.services().projections();
  if (want <= projections.position()) return then();
  const std::uint64_t head = call.ctx.store->head();
  if (want > head) return call.answer(position_ahead_answer(call.req, head));
  Timers* timers = call.ctx.timers;
  if (!timers) {
    // No timers (handler tests and tools): wait here, bounded.
    const auto deadline = std::chrono::steady_clock::now() + kMinPositionWait;
    while (projections.position() < want && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return projections.position() >= want ? then() : call.answer(stale_answer(call.req));
  }
  // Whichever comes first, the position or the deadline, answers.
  struct Wait {
    std::atomic<bool> done{false};
    std::atomic<Timers::Handle> timer{0};
  };
  auto wait = std::make_shared<Wait>();
  const Timers::Handle h = timers->after(kMinPositionWait, [wait, call] {
    if (!wait->done.exchange(true)) call.answer(stale_answer(call.req));
  });
  if (h == 0) return call.answer(busy(call.req));
  wait->timer.store(h);
  projections.when_applied(want, [wait, call, timers, then = std::move(then)]() mutable {
    if (wait->done.exchange(true)) return;
    timers->cancel(wait->timer.load());
    auto run = [call, then = std::move(then)] {
      try {
        then();
      } catch (...) {
        call.answer(internal_error_thrown(call.req));
      }
    };
    if (!call.ctx.pool) return run();
    if (!call.ctx.pool->post(std::move(run))) call.answer(busy(call.req));
  });
}

}  // namespace hoyo::http
