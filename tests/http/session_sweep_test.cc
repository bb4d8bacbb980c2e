// Expired sessions are swept from memory and from the sessions side table,
// a bounded slice per pass, on the settable clock; Services runs the sweep
// periodically.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "http/app/periodic_task.h"
#include "daemon/runtime.h"
#include "http/app/session_store.h"
#include "temp_dir.h"
#include "eventually.h"

namespace hoyo::http {
namespace {

constexpr domain::Instant kMinute = 60 * domain::kMicrosPerSecond;

std::size_t stored(const eventstore::EventStore& store, const std::string& prefix) {
  std::size_t n = 0;
  EXPECT_TRUE(store
                  .side_scan(eventstore::SideTable::kSessions, prefix,
                             [&](std::string_view, std::string_view) { return ++n, true; })
                  .ok());
  return n;
}

class SessionSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(eventstore::EventStore::open(dir_.path())).value();
    sessions_ = std::make_unique<SessionStore>(*store_, clock_);
  }
  hoyo::testing::TempDir dir_;
  processor::SettableClock clock_{domain::tokyo_time(domain::Date::from_ymd(2026, 11, 24), 9, 0)};
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<SessionStore> sessions_;
};

TEST_F(SessionSweep, ExpiredSessionsLeaveMemoryAndTheTableABoundedSliceAtATime) {
  std::vector<std::string> idle;
  for (int i = 0; i < 5; ++i)
    idle.push_back(sessions_->create("user:1000001" + std::to_string(i), "user"));
  const std::string busy = sessions_->create("operator:demo-operator", "operator");
  clock_.advance(20 * kMinute);
  ASSERT_TRUE(sessions_->touch(busy));
  clock_.advance(11 * kMinute);  // the five are idle past 30 minutes; busy is not
  const std::string fresh = sessions_->create("user:10000020", "user");
  EXPECT_EQ(stored(*store_, "id:"), 7u);
  EXPECT_EQ(stored(*store_, "acct:"), 7u);
  EXPECT_EQ(sessions_->cached(), 7u);

  // Each pass looks at no more than its budget; together they find all five.
  std::size_t removed = 0;
  for (int pass = 0; pass < 4; ++pass) {
    const std::size_t n = sessions_->sweep(2);
    EXPECT_LE(n, 2u);
    removed += n;
  }
  EXPECT_EQ(removed, 5u);
  EXPECT_EQ(stored(*store_, "id:"), 2u);
  EXPECT_EQ(stored(*store_, "acct:"), 2u);  // the per-account index goes too
  EXPECT_EQ(sessions_->cached(), 2u);
  EXPECT_EQ(sessions_->sweep(100), 0u);
  EXPECT_TRUE(sessions_->touch(busy));
  EXPECT_TRUE(sessions_->touch(fresh));
  for (const std::string& id : idle) EXPECT_FALSE(sessions_->touch(id));

  // The absolute limit expires a session however busy.
  for (int i = 0; i < 34; ++i) {  // until 11h51 after busy was created
    clock_.advance(20 * kMinute);
    ASSERT_TRUE(sessions_->touch(busy)) << i;
    ASSERT_TRUE(sessions_->touch(fresh)) << i;
  }
  clock_.advance(10 * kMinute);
  EXPECT_EQ(sessions_->sweep(100), 1u);  // busy is 12h01 old, fresh 11h30
  EXPECT_FALSE(sessions_->touch(busy));
  EXPECT_EQ(stored(*store_, "id:"), 1u);
}

TEST_F(SessionSweep, SessionsOnlyInTheTableAreSweptToo) {
  const std::string id = sessions_->create("user:10000012", "user");
  // A restart: the memory is empty, the table holds the session.
  sessions_ = std::make_unique<SessionStore>(*store_, clock_);
  EXPECT_EQ(sessions_->cached(), 0u);
  clock_.advance(31 * kMinute);
  EXPECT_EQ(sessions_->sweep(10), 1u);
  EXPECT_EQ(stored(*store_, ""), 0u);
  EXPECT_FALSE(sessions_->touch(id));
}

TEST(PeriodicTask, RunsUntilDestroyed) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task("test-periodic", std::chrono::milliseconds(5), [&] { ++runs; });
    EXPECT_TRUE(hoyo::testing::eventually([&] { return runs >= 3; }));
  }
  const int after = runs.load();
  EXPECT_GE(after, 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(runs.load(), after);
}

TEST(ServicesSweep, ExpiredSessionsAreSweptWithoutAnyRequest) {
  hoyo::testing::TempDir dir;
  daemon::RuntimeOptions o;
  o.data_dir = dir.path();
  o.test_clock = true;
  o.accounts.hash = {1024, 1, 1};
  o.sessions.sweep_every = std::chrono::seconds(1);
  auto services = std::move(daemon::Runtime::open(o)).value();
  for (int i = 0; i < 3; ++i) ASSERT_FALSE(services->sessions().create("user:1", "user").empty());
  ASSERT_TRUE(services->set_test_clock(services->clock().now() + 31 * kMinute));
  EXPECT_TRUE(
      hoyo::testing::eventually([&] { return stored(services->store(), "id:") == 0; }));
  EXPECT_EQ(services->sessions().cached(), 0u);
}

}  // namespace
}  // namespace hoyo::http
