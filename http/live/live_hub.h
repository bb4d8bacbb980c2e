// Live vacancy (GET /api/vacancy/live): the WebSocket side of M6's "vacancy
// shown to every open browser changes live". A client sends
// {"subscribe": [facilityId...], "since"?: position}; it is answered
// {"type": "subscribed", facilityIds, position}, caught up on every date whose
// vacancy changed after `since`, and from then on gets
// {"type": "vacancy", facilityId, date, freeRooms, totalRooms, symbol, byStyle,
// bookable, position}
// for every change to a subscribed facility once it is durable and applied.
// Each message is serialized once and shared by every subscriber. A client
// keeps, per date, the message with the highest position (a catch-up message
// may arrive after a newer live one).
//
// A catch-up reads the log: it runs on the work pool, never on the
// connection's thread, one at a time per connection, and within a rate per
// connection and per source (past either the client gets
// {"type":"error","code":"rate_limited"} and its live subscription only).
// Past `max_catch_up_events` events to replay, the facility's next months are
// sent whole instead, which costs no log read.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "http/app/rate_limiter.h"
#include "http/app/services.h"
#include "http/app/work_pool.h"
#include "http/server/server.h"

namespace hoyo::http {

struct LiveHubOptions {
  WorkPool* pool = nullptr;  // runs catch-ups; null: on the calling thread (tests)
  int catch_ups_per_minute_per_connection = 6;
  int catch_ups_per_minute_per_source = 60;
  std::uint64_t max_catch_up_events = 20000;
};

class LiveHub final : public WsApp {
 public:
  // Follows the projections' change feed of `services`, which must outlive the
  // hub, as must options.pool.
  explicit LiveHub(Services& services, LiveHubOptions options = {});
  ~LiveHub() override;  // waits for catch-ups under way

  void on_open(const std::shared_ptr<WsPeer>& peer) override;
  void on_message(const std::shared_ptr<WsPeer>& peer, std::string_view text) override;
  void on_close(WsPeer* peer) override;

  // Leaves the change feed, forgets every subscriber and pushes nothing more:
  // call before the server stops (its connections must not outlive their
  // threads); waits for catch-ups under way, which hold their peers. The hub
  // itself must end before the services it was given.
  void stop();

  std::size_t subscribers() const;                          // peers with a subscription
  std::uint64_t deliveries() const { return deliveries_; }  // messages queued to peers

  // Pushes `date`'s vacancy at `facility` to its subscribers as of `position`
  // (the change feed calls this; public for tests).
  void publish(const std::string& facility, const std::vector<domain::Date>& dates,
               std::uint64_t position);

 private:
  struct Peer {
    std::weak_ptr<WsPeer> peer;
    std::vector<std::string> facilities;
    bool catching_up = false;  // one catch-up at a time per connection
  };
  // Starts a catch-up for `peer` unless one is under way or a rate is spent.
  void start_catch_up(const std::shared_ptr<WsPeer>& peer, std::vector<std::string> facilities,
                      std::uint64_t since, std::uint64_t until);
  void on_change(const projections::Change& change);
  void catch_up(const std::shared_ptr<WsPeer>& peer, const std::vector<std::string>& facilities,
                std::uint64_t since, std::uint64_t until);
  // The messages for `dates` at `facility`, as the stays view has them now.
  std::vector<std::shared_ptr<const std::string>> messages(const std::string& facility,
                                                           const std::vector<domain::Date>& dates,
                                                           std::uint64_t position) const;

  Services& services_;
  LiveHubOptions options_;
  RateLimiter limiter_;
  mutable base::Mutex mu_;
  base::CondVar idle_cv_;  // with mu_: catch_ups_running_ reached 0
  int catch_ups_running_ HOYO_GUARDED_BY(mu_) = 0;
  std::unordered_map<WsPeer*, Peer> peers_ HOYO_GUARDED_BY(mu_);
  // Weak: a connection lives as long as its socket, not as its subscription.
  std::unordered_map<std::string, std::vector<std::weak_ptr<WsPeer>>> by_facility_
      HOYO_GUARDED_BY(mu_);
  bool stopped_ HOYO_GUARDED_BY(mu_) = false;
  std::atomic<std::uint64_t> deliveries_{0};
  // The hub on the projections' change feed, taken off first at destruction.
  std::unique_ptr<projections::ChangeSubscription> feed_;
};

}  // namespace hoyo::http
