// When a follower asks whether its ordered consumer is lost (the log's
// Follower, the side tables' SideFollower): nats.c 3.4 recreates an ordered
// consumer only on a gap it sees or when its own connection reconnects, so
// one whose nats-server died (an R1 consumer lives on one server) just goes
// quiet. A follower that heard nothing for a while asks the stream.
#pragma once

#include <chrono>

namespace hoyo::cluster::internal {

class QuietWatch {
 public:
  explicit QuietWatch(std::chrono::milliseconds after) : after_(after) {}

  // A message came, or the consumer was made anew.
  void heard() { quiet_since_ = Clock::now(); }
  // True when nothing was heard for `after` and the last true is `after`
  // ago: time to ask (at most once per `after` while it stays quiet).
  bool time_to_ask() {
    const Clock::time_point now = Clock::now();
    if (now - quiet_since_ < after_ || now - asked_ < after_) return false;
    asked_ = now;
    return true;
  }

 private:
  using Clock = std::chrono::steady_clock;
  const std::chrono::milliseconds after_;
  Clock::time_point quiet_since_ = Clock::now();
  Clock::time_point asked_ = quiet_since_;
};

}  // namespace hoyo::cluster::internal
