#include <gtest/gtest.h>

#include <thread>

#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

TEST(Idempotency, RetriedAppendReturnsOriginalPositionsAndWritesNothing) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  const AppendRequest req{"s", ExpectedVersion::no_stream(), {make_event(), make_event()}};
  auto first = store->append(req);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(store->append({"other", ExpectedVersion::any(), {make_event()}}).ok());

  // The retry carries a now-stale expected version: a retry still gets the first answer.
  auto again = store->append(req);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->first_position, first->first_position);
  EXPECT_EQ(again->last_position, first->last_position);
  EXPECT_EQ(again->stream_version, first->stream_version);
  EXPECT_EQ(store->head(), 3u);
  EXPECT_EQ(store->stream_version("s").value(), 2u);
}

TEST(Idempotency, SurvivesRestart) {
  TempDir dir;
  const AppendRequest req{"s", ExpectedVersion::any(), {make_event()}};
  {
    auto store = std::move(EventStore::open(dir.path())).value();
    ASSERT_TRUE(store->append(req).ok());
  }
  auto store = std::move(EventStore::open(dir.path())).value();
  auto again = store->append(req);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->first_position, 1u);
  EXPECT_EQ(store->head(), 1u);
}

TEST(Idempotency, SameIdWithOtherContentIsAConflict) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  NewEvent e = make_event("A", "one");
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {e}}).ok());

  NewEvent other_payload = e;
  other_payload.payload = "two";
  NewEvent other_type = e;
  other_type.type = "B";
  for (const auto& req : {AppendRequest{"s", ExpectedVersion::any(), {other_payload}},
                          AppendRequest{"s", ExpectedVersion::any(), {other_type}},
                          AppendRequest{"t", ExpectedVersion::any(), {e}}}) {
    auto r = store->append(req);
    EXPECT_EQ(r.status().code(), base::ErrorCode::kIdempotencyConflict);
  }
  EXPECT_EQ(store->head(), 1u);
}

TEST(Idempotency, PartlySeenIdsAreAConflict) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  NewEvent e = make_event();
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {e}}).ok());
  auto r = store->append({"s", ExpectedVersion::any(), {e, make_event()}});
  EXPECT_EQ(r.status().code(), base::ErrorCode::kIdempotencyConflict);
  EXPECT_EQ(store->head(), 1u);
}

TEST(Idempotency, ConcurrentRetriesOfOneAppendWriteItOnce) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  const AppendRequest req{"s", ExpectedVersion::any(), {make_event()}};
  std::vector<std::future<base::Result<AppendResult>>> futures;
  for (int i = 0; i < 50; ++i) futures.push_back(store->append_future(req));
  int fresh = 0;
  for (auto& f : futures) {
    auto r = f.get();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->first_position, 1u);
    fresh += r->duplicate ? 0 : 1;
  }
  EXPECT_EQ(fresh, 1);
  EXPECT_EQ(store->head(), 1u);
}

}  // namespace
}  // namespace hoyo::eventstore
