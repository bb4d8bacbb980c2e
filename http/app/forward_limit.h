// Cluster mode (docs/cluster.md): how large a request a follower may hand
// to the writer. Apart from forwarding.h, which api.h includes.
#pragma once

#include <cstddef>

#include "http/app/app_config.h"

namespace hoyo::http {

// The most header bytes a forwarded request may carry (the servers take 8
// KiB by default; the follower adds the client's address).
inline constexpr std::size_t kForwardedHeaderLimit = 64 * 1024;

// The largest forwarded request the writer takes: its largest body (the
// registration upload's) and the header allowance, as one node takes it.
std::size_t forwarded_request_limit(const AppConfig& config);

}  // namespace hoyo::http
