// Bounds on notice commands, shared by the writer's decision and the routes
// that build them.
#pragma once

#include <cstddef>

namespace hoyo::domain {

// The most notices one MarkNoticesRead marks (one event stays small: about
// 30 bytes an id). "Mark all read" marks the newest this many; a user with
// more unread (only a client that books and cancels in a loop gets there)
// marks again.
inline constexpr std::size_t kMaxNoticesMarkedAtOnce = 500;

}  // namespace hoyo::domain
