// A session's last use is recorded once a minute with a synced side write
// (in a cluster, a round trip to the side stream's quorum). That write is
// made without the session store's lock: other requests are not held up by
// it, and ending the session waits for it, so it never brings the session
// back.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "eventually.h"
#include "http/app/session_store.h"
#include "temp_dir.h"

namespace hoyo::http {
namespace {

constexpr domain::Instant kMinute = 60 * domain::kMicrosPerSecond;

// Holds the first side write it is handed until released (a slow quorum).
class GateReplicator : public eventstore::SideReplicator {
 public:
  base::Status replicate(const std::vector<eventstore::SideWrite>&, bool) override {
    if (calls_.fetch_add(1) == 0) {
      entered_ = true;
      open_.get_future().wait();
    }
    return base::ok_status();
  }
  base::Status replicate_blob(const eventstore::Hash&, std::string_view) override {
    return base::ok_status();
  }
  base::Status erase_blob(const eventstore::Hash&) override { return base::ok_status(); }
  void release() { open_.set_value(); }
  bool entered() const { return entered_.load(); }

 private:
  std::atomic<int> calls_{0};
  std::atomic<bool> entered_{false};
  std::promise<void> open_;
};

class SessionLastUse : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(eventstore::EventStore::open(dir_.path())).value();
    sessions_ = std::make_unique<SessionStore>(*store_, clock_);
  }
  void TearDown() override { store_->set_side_replicator(nullptr); }
  hoyo::testing::TempDir dir_;
  processor::SettableClock clock_{domain::tokyo_time(domain::Date::from_ymd(2026, 12, 7), 9, 0)};
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<SessionStore> sessions_;
};

TEST_F(SessionLastUse, ALastUseBeingRecordedHoldsUpNoOtherSessionsRequest) {
  const std::string stale = sessions_->create("user:10000001", "user");
  clock_.advance(2 * kMinute);  // its next use is recorded
  const std::string fresh = sessions_->create("user:10000002", "user");
  auto gate = std::make_shared<GateReplicator>();
  store_->set_side_replicator(gate);
  std::thread recording([&] { EXPECT_TRUE(sessions_->touch(stale)); });
  ::hoyo::testing::eventually([&] { return gate->entered(); });
  // The other session's request is answered while the write waits.
  auto other = std::async(std::launch::async, [&] { return sessions_->touch(fresh).has_value(); });
  const bool answered = other.wait_for(std::chrono::seconds(3)) == std::future_status::ready;
  gate->release();
  recording.join();
  EXPECT_TRUE(answered) << "a request waited for another session's last-use write";
  EXPECT_TRUE(other.get());
}

TEST_F(SessionLastUse, AnEndedSessionIsNotBroughtBackByItsLastUseLandingAfter) {
  const std::string id = sessions_->create("user:10000001", "user");
  clock_.advance(2 * kMinute);
  auto gate = std::make_shared<GateReplicator>();
  store_->set_side_replicator(gate);
  std::thread recording([&] { EXPECT_TRUE(sessions_->touch(id)); });
  ::hoyo::testing::eventually([&] { return gate->entered(); });
  auto ended = std::async(std::launch::async, [&] { sessions_->end(id); });
  // The end waits for the write under way.
  EXPECT_EQ(ended.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  gate->release();
  recording.join();
  ended.get();
  // Not in memory, and not in the table either (where a late write would
  // have put it back).
  EXPECT_FALSE(sessions_->touch(id).has_value());
}

TEST_F(SessionLastUse, AnAccountsSessionsEndAfterTheirLastUseLanded) {
  const std::string id = sessions_->create("user:10000001", "user");
  const std::string other = sessions_->create("user:10000002", "user");
  clock_.advance(2 * kMinute);
  auto gate = std::make_shared<GateReplicator>();
  store_->set_side_replicator(gate);
  std::thread recording([&] { EXPECT_TRUE(sessions_->touch(id)); });
  ::hoyo::testing::eventually([&] { return gate->entered(); });
  auto ended = std::async(std::launch::async, [&] { sessions_->end_all("user:10000001"); });
  EXPECT_EQ(ended.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
  gate->release();
  recording.join();
  ended.get();
  EXPECT_FALSE(sessions_->touch(id).has_value());
  EXPECT_TRUE(sessions_->touch(other).has_value());  // another account's stays
}

}  // namespace
}  // namespace hoyo::http
