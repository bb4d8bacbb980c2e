#include <gtest/gtest.h>

#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

TEST(GroupAppend, SeveralStreamsGetConsecutivePositionsInRequestOrder) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  ASSERT_TRUE(store->append({"b", ExpectedVersion::any(), {make_event()}}).ok());
  auto r = store->append_group({{"a", ExpectedVersion::no_stream(), {make_event(), make_event()}},
                                {"b", ExpectedVersion::exact(1), {make_event()}},
                                {"c", ExpectedVersion::any(), {make_event()}}});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].first_position, 2u);
  EXPECT_EQ((*r)[0].last_position, 3u);
  EXPECT_EQ((*r)[0].stream_version, 2u);
  EXPECT_EQ((*r)[1].first_position, 4u);
  EXPECT_EQ((*r)[1].stream_version, 2u);
  EXPECT_EQ((*r)[2].first_position, 5u);
  EXPECT_EQ(store->head(), 5u);
  EXPECT_TRUE(store->verify().ok);
}

TEST(GroupAppend, OneRefusedRequestRefusesTheWholeGroup) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  ASSERT_TRUE(store->append({"b", ExpectedVersion::any(), {make_event()}}).ok());
  auto r = store->append_group({{"a", ExpectedVersion::no_stream(), {make_event()}},
                                {"b", ExpectedVersion::no_stream(), {make_event()}}});
  EXPECT_EQ(r.status().code(), base::ErrorCode::kWrongExpectedVersion);
  EXPECT_EQ(store->head(), 1u);
  EXPECT_EQ(store->stream_version("a").value(), 0u);

  auto bad = store->append_group({{"a", ExpectedVersion::any(), {make_event()}},
                                  {"", ExpectedVersion::any(), {make_event()}}});
  EXPECT_EQ(bad.status().code(), base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(store->head(), 1u);
  // The next append takes the next position: nothing was reserved.
  EXPECT_EQ(store->append({"a", ExpectedVersion::any(), {make_event()}})->first_position, 2u);
}

TEST(GroupAppend, RequestsOnOneStreamSeeTheOnesBeforeThem) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  auto r = store->append_group({{"s", ExpectedVersion::no_stream(), {make_event()}},
                                {"s", ExpectedVersion::exact(1), {make_event()}}});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ((*r)[1].stream_version, 2u);
  auto wrong = store->append_group({{"t", ExpectedVersion::no_stream(), {make_event()}},
                                    {"t", ExpectedVersion::no_stream(), {make_event()}}});
  EXPECT_EQ(wrong.status().code(), base::ErrorCode::kWrongExpectedVersion);
  EXPECT_EQ(store->head(), 2u);
}

TEST(GroupAppend, RetriedGroupReturnsTheOriginalResults) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  const std::vector<AppendRequest> group = {{"a", ExpectedVersion::no_stream(), {make_event()}},
                                            {"b", ExpectedVersion::no_stream(), {make_event()}}};
  auto first = store->append_group(group);
  ASSERT_TRUE(first.ok());
  auto again = store->append_group(group);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  ASSERT_EQ(again->size(), 2u);
  EXPECT_TRUE((*again)[0].duplicate);
  EXPECT_EQ((*again)[0].first_position, (*first)[0].first_position);
  EXPECT_EQ((*again)[1].first_position, (*first)[1].first_position);
  EXPECT_EQ(store->head(), 2u);

  // One old id inside a new group: a conflict, nothing written.
  auto mixed = store->append_group({{"c", ExpectedVersion::any(), {make_event()}},
                                    {"a", ExpectedVersion::any(), {group[0].events[0]}}});
  EXPECT_EQ(mixed.status().code(), base::ErrorCode::kIdempotencyConflict);
  EXPECT_EQ(store->head(), 2u);
}

}  // namespace
}  // namespace hoyo::eventstore
