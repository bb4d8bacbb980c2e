// An ordered consumer of the whole side stream, from its first message: the
// last value of every key, then what comes. For side_catch_up and
// SideFollower.
#pragma once

#include <nats/nats.h>

#include "base/status.h"
#include "cluster/connection.h"

namespace hoyo::cluster::internal {

base::Result<natsSubscription*> subscribe_side(Connection& side, int pending_messages,
                                               int pending_bytes);
// Unsubscribes and destroys `sub` (null: nothing).
void drop_subscription(natsSubscription* sub);

}  // namespace hoyo::cluster::internal
