// The live hub's defences, without sockets: a subscription names each
// facility once, and catch-ups (which read the log) are limited per
// connection and per source; past a limit the client is told and keeps its
// live subscription.
#include "http/live/live_hub.h"

#include <gtest/gtest.h>

#include <mutex>

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

}  // namespace
}  // namespace hoyo::http
