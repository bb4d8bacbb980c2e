// The live hub's defences, without sockets: a subscription names each
// facility once, and catch-ups (which read the log) are limited per
// connection and per source; past a limit the client is told and keeps its
// live subscription; and stop() waits for catch-ups under way.
#include "http/live/live_hub.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "http/app/work_pool.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class FakePeer : public WsPeer {
 public:
  explicit FakePeer(std::string source) : source_(std::move(source)) {}
  void send(std::shared_ptr<const std::string> text) override {
    std::lock_guard lk(mu_);
    sent_.push_back(*text);
  }
  void close() override {}
  const std::string& source() const override { return source_; }
  const void* thread() const override { return this; }
  void run_on_thread(std::function<void()> fn) override { fn(); }
  void queue_here(const std::string& text) override {
    std::lock_guard lk(mu_);
    sent_.push_back(text);
  }
  void flush_here() override {}
  std::vector<json::value> messages() {
    std::lock_guard lk(mu_);
    std::vector<json::value> out;
    for (const auto& s : sent_) out.push_back(json::parse(s));
    return out;
  }
  int count(const std::string& type, const std::string& code = {}) {
    int n = 0;
    for (const auto& m : messages()) {
      if (m.at("type").as_string() != type) continue;
      if (!code.empty() && m.at("code").as_string() != code) continue;
      ++n;
    }
    return n;
  }

 private:
  std::string source_;
  std::mutex mu_;
  std::vector<std::string> sent_;
};

class LiveHubTest : public AppFixture {};

TEST_F(LiveHubTest, ASubscriptionNamesEachFacilityOnce) {
  LiveHub hub(*services_);
  auto peer = std::make_shared<FakePeer>("192.0.2.1");
  hub.on_message(peer, R"({"subscribe":["seaside","seaside","seaside","kogen"]})");
  const auto m = peer->messages();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(json::serialize(m[0].at("facilityIds")), R"(["seaside","kogen"])");
  hub.on_close(peer.get());
}

TEST_F(LiveHubTest, CatchUpsAreLimitedPerConnectionAndPerSource) {
  LiveHubOptions o;
  o.catch_ups_per_minute_per_connection = 3;
  o.catch_ups_per_minute_per_source = 5;
  LiveHub hub(*services_, o);
  const std::string catch_up = R"({"subscribe":["seaside"],"since":0})";
  auto first = std::make_shared<FakePeer>("198.51.100.1");
  for (int i = 0; i < 10; ++i) hub.on_message(first, catch_up);
  // Three catch-ups ran on this connection, seven were refused; every
  // subscription was still answered.
  EXPECT_EQ(first->count("subscribed"), 10);
  EXPECT_EQ(first->count("error", "rate_limited"), 7);
  // Another connection from the same source gets the source's two left.
  auto second = std::make_shared<FakePeer>("198.51.100.1");
  for (int i = 0; i < 3; ++i) hub.on_message(second, catch_up);
  EXPECT_EQ(second->count("error", "rate_limited"), 1);
  // Another source is not held back.
  auto other = std::make_shared<FakePeer>("203.0.113.5");
  hub.on_message(other, catch_up);
  EXPECT_EQ(other->count("error"), 0);
  EXPECT_GT(other->count("vacancy"), 0);
  for (auto* p : {first.get(), second.get(), other.get()}) hub.on_close(p);
}

// A peer whose vacancy sends block until released: a catch-up stuck on a
// slow client.
class BlockingPeer : public FakePeer {
 public:
  using FakePeer::FakePeer;
  void send(std::shared_ptr<const std::string> text) override {
    if (text->find(R"("type":"vacancy")") != std::string::npos) {
      std::unique_lock lk(gate_mu_);
      entered_ = true;
      gate_cv_.notify_all();
      gate_cv_.wait(lk, [&] { return released_; });
    }
    FakePeer::send(std::move(text));
  }
  void wait_entered() {
    std::unique_lock lk(gate_mu_);
    gate_cv_.wait(lk, [&] { return entered_; });
  }
  void release() {
    std::lock_guard lk(gate_mu_);
    released_ = true;
    gate_cv_.notify_all();
  }

 private:
  std::mutex gate_mu_;
  std::condition_variable gate_cv_;
  bool entered_ = false, released_ = false;
};

// A catch-up on the pool holds its peer, whose connection must not outlive
// the server's threads: stop() returns only once no catch-up runs, and the
// job has let its peer go by then. Without the wait, stop() returned at once
// and the server was stopped under a catch-up still sending.
TEST_F(LiveHubTest, StopWaitsForTheCatchUpsUnderWayAndTheirPeersAreLetGo) {
  using namespace std::chrono_literals;
  WorkPool pool(1, 16);
  LiveHubOptions o;
  o.pool = &pool;
  LiveHub hub(*services_, o);
  auto peer = std::make_shared<BlockingPeer>("192.0.2.7");
  hub.on_message(peer, R"({"subscribe":["seaside"],"since":0})");
  peer->wait_entered();  // the first message is blocked inside the catch-up
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    hub.stop();
    stopped = true;
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(stopped.load()) << "stop() returned while a catch-up was still sending";
  peer->release();
  stopper.join();
  EXPECT_TRUE(stopped.load());
  EXPECT_GT(peer->count("vacancy"), 0);
  EXPECT_EQ(peer.use_count(), 1) << "the catch-up still holds its peer after stop()";
}

}  // namespace
}  // namespace hoyo::http
