// Reads a projection for a route: once the projection has applied the
// position the answer must reflect (a write's own position, or the client's
// X-Min-Position), with X-Log-Position on the answer.
//
// Waiting costs no thread: when the projections are behind, the read is
// registered with them (ProjectionSet::when_applied) and runs on the work
// pool once they catch up; a timer answers 503 `stale` with Retry-After after
// kMinPositionWait. A position past the log's head will never come (on a
// single node the head is the writer's): 409 `position_ahead` at once. In
// cluster mode it is waited for: the writer may have written it.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "http/app/api.h"
#include "http/app/call.h"
#include "http/codec/json_io.h"
#include "http/server/problem.h"

namespace hoyo::http {

inline constexpr std::chrono::milliseconds kMinPositionWait{2000};
// Cluster mode: how far past the node's head a position may be and still be
// waited for (further: 409 position_ahead), and how many reads may wait for
// positions past it at once (more: 503 busy).
inline constexpr std::uint64_t kClusterAheadMax = 100000;
inline constexpr std::size_t kClusterWaitersMax = 10000;
// For reads behind after_position: the position is there, nothing to wait for.
inline constexpr std::chrono::milliseconds kNoWait{0};

Response stale_answer(const Request& req);
Response position_ahead_answer(const Request& req, std::uint64_t head);

// Runs `then` once every projection has applied `want`: at once when they
// have; otherwise on the work pool when they do, having answered nobody
// meanwhile. Answers the call itself (and never runs `then`) with 409
// position_ahead, 503 stale after kMinPositionWait, or 429/503 when the
// timers or the pool are full. `then` must answer the call.
void after_position(const Call& call, std::uint64_t want, std::function<void()> then);

// after_position for the request's own X-Min-Position.
inline void after_min_position(const Call& call, std::function<void()> then) {
  after_position(call, min_position(call.req), std::move(then));
}

// `fn(const P&) -> Response` runs under the projection's read lock once it
// has applied max(at, X-Min-Position).
template <class P, class F>
void read_view(const Call& call, const char* name, std::uint64_t at, F fn) {
  const std::uint64_t want = std::max(at, min_position(call.req));
  after_position(call, want, [call, name, want, fn] {
    std::optional<Response> out;
    const std::uint64_t seen = call.services().projections().template read_as<P>(
        name, want, std::chrono::milliseconds(0), [&](const P& view) { out = fn(view); });
    if (seen == 0 || !out) return call.answer(stale_answer(call.req));
    out->set("X-Log-Position", std::to_string(seen));
    call.answer(std::move(*out));
  });
}

}  // namespace hoyo::http
