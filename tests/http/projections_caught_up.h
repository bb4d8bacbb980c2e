// For fixtures that write (the demo data) and then read what they wrote:
// reads are served by projections that fold the log on their own thread.
#pragma once

#include "daemon/runtime.h"
#include "eventually.h"

namespace hoyo::http {

// True once every projection has applied the log's head as it is now (at
// most eventually()'s wait).
inline bool projections_caught_up(daemon::Runtime& services) {
  const std::uint64_t head = services.store().head();
  return ::hoyo::testing::eventually([&] { return services.projections().position() >= head; });
}

}  // namespace hoyo::http
