// The subscribers of hoyo-bench fanout: many WebSocket clients on one thread
// (pinned to a CPU), each subscribed to one facility, recording when each
// vacancy message arrived, by the log position it carries.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace hoyo::bench {

class WsSwarm {
 public:
  struct Arrival {
    std::uint64_t position;
    std::int64_t at_ns;  // steady clock
  };

  // Connects `clients` to ws://127.0.0.1:port/api/vacancy/live and sends each
  // `subscribe` (a JSON text). Runs on its own thread pinned to `cpu`.
  WsSwarm(std::uint16_t port, int clients, const std::string& subscribe, int cpu);
  ~WsSwarm();  // closes everything and joins

  // Waits until every client got its subscription's answer; false on timeout.
  bool wait_subscribed(std::chrono::seconds timeout) const;
  int subscribed() const { return subscribed_.load(); }
  int failed() const { return failed_.load(); }
  // Every client's arrivals so far (call after the load has stopped).
  std::vector<std::vector<Arrival>> arrivals() const;
  // Forgets the arrivals so far.
  void clear();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> subscribed_{0};
  std::atomic<int> failed_{0};
};

// Now on the steady clock, in nanoseconds (the swarm's time base).
std::int64_t steady_ns();

}  // namespace hoyo::bench
