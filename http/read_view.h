// Reads a projection for a route: once the projection has applied the
// position the answer must reflect (a write's own position, or the client's
// X-Min-Position), with X-Log-Position on the answer. Waiting, when it must,
// happens on the work pool and is bounded; past the bound the answer is 503
// `stale` with Retry-After.
#pragma once

#include <chrono>
#include <optional>

#include "http/api.h"
#include "http/call.h"
#include "http/json_io.h"
#include "http/problem.h"

namespace hoyo::http {

inline constexpr std::chrono::milliseconds kMinPositionWait{2000};

Response stale_answer(const Request& req);

// `fn(const P&) -> Response` runs under the projection's read lock.
template <class P, class F>
void read_view(const Call& call, const char* name, std::uint64_t at, F fn) {
  const std::uint64_t want = std::max(at, min_position(call.req));
  auto attempt = [call, name, want, fn](std::chrono::milliseconds wait) -> std::optional<Response> {
    std::optional<Response> out;
    const std::uint64_t seen = call.services().projections().template read_as<P>(
        name, want, wait, [&](const P& view) { out = fn(view); });
    if (seen == 0 || !out) return std::nullopt;
    out->set("X-Log-Position", std::to_string(seen));
    return out;
  };
  if (auto r = attempt(std::chrono::milliseconds(0))) return call.answer(std::move(*r));
  call.off_thread([attempt, call]() -> Response {
    if (auto r = attempt(kMinPositionWait)) return std::move(*r);
    return stale_answer(call.req);
  });
}

}  // namespace hoyo::http
