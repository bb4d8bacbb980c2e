#include "http/app/read_view.h"

#include <atomic>
#include <thread>

#include "http/app/errors.h"
#include "http/app/timers.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

Response busy(const Request& req) {
  base::Error e{base::ErrorCode::kRateLimited, base::MessageId::kBusy};
  e.retry_after_seconds = 1;
  return error_response(req, e);
}

}  // namespace

Response stale_answer(const Request& req) {
  Response res = problem(req, bhttp::status::service_unavailable, "stale",
                         base::MessageId::kTitleStale, base::MessageId::kStaleDetail);
  res.set(bhttp::field::retry_after, "1");
  return res;
}

Response position_ahead_answer(const Request& req, std::uint64_t head) {
  Response res =
      problem(req, bhttp::status::conflict, "position_ahead", base::MessageId::kTitlePositionAhead,
              base::MessageId::kPositionAheadDetail, {{"head", static_cast<std::int64_t>(head)}});
  res.set("X-Log-Position", std::to_string(head));
  return res;
}

void after_position(const Call& call, std::uint64_t want, std::function<void()> then) {
  auto& projections = call.services().projections();
  if (want <= projections.position()) return then();
  const std::uint64_t head = call.ctx.store->head();
  // A cluster follower's head follows the writer's: a position past it may
  // be on its way, so it is waited for like any other, within a budget.
  const bool follower =
      call.ctx.to_writer &&
      !(call.ctx.writes_here ? call.ctx.writes_here()
                             : call.ctx.store->role() == eventstore::StoreRole::kWriter);
  if (want > head) {
    if (!follower || want - head > kClusterAheadMax) {
      return call.answer(position_ahead_answer(call.req, head));
    }
    if (projections.waiting() >= kClusterWaitersMax) return call.answer(busy(call.req));
  }
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
    std::atomic<std::uint64_t> waiter{0};  // the projections' id of the wait
  };
  auto wait = std::make_shared<Wait>();
  const Timers::Handle h = timers->after(kMinPositionWait, [wait, call, want] {
    if (wait->done.exchange(true)) return;
    call.answer(stale_answer(call.req));
    // A position that never comes holds nothing once its read gave up.
    call.services().projections().forget_waiter(want, wait->waiter.load());
  });
  if (h == 0) return call.answer(busy(call.req));
  wait->timer.store(h);
  wait->waiter =
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
