// A live vacancy subscriber for tests (docs/api.md "Live vacancy"): one
// WebSocket to GET /api/vacancy/live on 127.0.0.1:PORT, subscribed to some
// facilities, every message it receives kept in arrival order by a reading
// thread until the server closes the connection or the subscriber is
// destroyed.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hoyo::load {

class LiveSubscriber {
 public:
  // Connects and sends {"subscribe": facilities, "since": since (when > 0)};
  // nullptr (with `error` set) when the upgrade or the send failed or took
  // more than 10 s.
  static std::unique_ptr<LiveSubscriber> open(std::uint16_t port,
                                              const std::vector<std::string>& facilities,
                                              std::uint64_t since, std::string* error);
  ~LiveSubscriber();
  LiveSubscriber(const LiveSubscriber&) = delete;
  LiveSubscriber& operator=(const LiveSubscriber&) = delete;

  // The first message received so far or within `timeout` that `match`
  // accepts; nullopt when none did.
  std::optional<boost::json::value> wait_for(
      const std::function<bool(const boost::json::value&)>& match,
      std::chrono::milliseconds timeout);
  // Whether the server ended the connection (or it broke).
  bool closed() const;

 private:
  struct Impl;
  explicit LiveSubscriber(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoyo::load
