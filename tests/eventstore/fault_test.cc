#include <gtest/gtest.h>

#include "eventstore/event_store.h"
#include "eventstore/fault_injection.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

class FaultTest : public ::testing::TestWithParam<bool /*fail syncs, else writes*/> {};

TEST_P(FaultTest, AnIoErrorAcknowledgesNothingAndLeavesTheStoreFailedUntilReopened) {
  TempDir dir;
  auto faults = std::make_shared<FaultInjector>();
  std::vector<NewEvent> acked;
  {
    StoreOptions options;
    options.faults = faults;
    auto store = std::move(EventStore::open(dir.path(), options)).value();
    for (int i = 0; i < 5; ++i) {
      NewEvent e = make_event();
      ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {e}}).ok());
      acked.push_back(e);
    }
    GetParam() ? faults->fail_syncs(true) : faults->fail_writes(true);
    auto r = store->append({"s", ExpectedVersion::any(), {make_event()}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::ErrorCode::kUnavailable) << r.status().to_string();
    EXPECT_EQ(store->head(), 5u);
    EXPECT_EQ(store->health().code(), base::ErrorCode::kUnavailable);
    EXPECT_EQ(store->health().error().message, base::MessageId::kStoreReadOnly);
    EXPECT_EQ(store->condition(), StoreCondition::kReadOnly);
    EXPECT_STREQ(condition_name(store->condition()), "io_error");
    EXPECT_NE(store->health().to_string().find("injected"), std::string::npos)
        << store->health().to_string();

    // Even with the disk healthy again, the store stays failed until reopened.
    faults->fail_syncs(false);
    faults->fail_writes(false);
    // (A failed sync cannot be trusted: unlike a full disk, nothing resumes it.)
    auto after = store->append({"s", ExpectedVersion::any(), {make_event()}});
    EXPECT_EQ(after.status().code(), base::ErrorCode::kUnavailable);
    EXPECT_EQ(store->put_blob("x").status().code(), base::ErrorCode::kUnavailable);
    EXPECT_EQ(store->side_put(SideTable::kSettings, "k", "v").code(),
              base::ErrorCode::kUnavailable);
    EXPECT_EQ(store->condition(), StoreCondition::kReadOnly);
    EXPECT_EQ(store->recoveries(), 0u);
    // Reads still work.
    EXPECT_EQ(store->read_at(5).value().id, acked[4].id);
  }
  auto store = std::move(EventStore::open(dir.path())).value();
  EXPECT_TRUE(store->health().ok());
  EXPECT_GE(store->head(), 5u);  // the unacknowledged event may or may not have landed
  for (std::size_t i = 0; i < acked.size(); ++i) {
    EXPECT_EQ(store->read_at(i + 1).value().id, acked[i].id);
  }
  auto r = store->append({"s", ExpectedVersion::any(), {make_event()}});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  VerifyReport v = store->verify();
  EXPECT_TRUE(v.ok) << v.reason;
}

INSTANTIATE_TEST_SUITE_P(SyncAndWrite, FaultTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Sync" : "Write"; });

TEST(ReadFaults, FailReadAtWhileSetAndNothingElse) {
  TempDir dir;
  auto faults = std::make_shared<FaultInjector>();
  StoreOptions options;
  options.faults = faults;
  auto store = std::move(EventStore::open(dir.path(), options)).value();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  }
  faults->fail_reads(true);
  auto r = store->read_at(2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), base::ErrorCode::kIoError);
  EXPECT_EQ(r.status().error().message, base::MessageId::kStoreInjectedReadFailure);
  // Appends, scans and the store's health are untouched.
  EXPECT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  EXPECT_EQ(store->read_all(1, 10, [](const EventView&) { return true; }).value(), 4u);
  EXPECT_TRUE(store->health().ok());
  faults->fail_reads(false);
  EXPECT_TRUE(store->read_at(2).ok());
}

}  // namespace
}  // namespace hoyo::eventstore
