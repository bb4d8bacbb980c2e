#include <gtest/gtest.h>

#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

std::unique_ptr<EventStore> open_store(const TempDir& dir, StoreOptions options = {}) {
  auto s = EventStore::open(dir.path(), std::move(options));
  EXPECT_TRUE(s.ok()) << s.status().to_string();
  return std::move(s).value();
}

TEST(Append, FirstEventsGetPositionsFromOneAndStreamVersionsFromOne) {
  TempDir dir;
  auto store = open_store(dir);
  EXPECT_EQ(store->head(), 0u);
  auto r = store->append(
      {"facility-1", ExpectedVersion::no_stream(), {make_event(), make_event(), make_event()}});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->first_position, 1u);
  EXPECT_EQ(r->last_position, 3u);
  EXPECT_EQ(r->stream_version, 3u);
  EXPECT_FALSE(r->duplicate);
  EXPECT_EQ(store->head(), 3u);

  auto r2 = store->append({"facility-2", ExpectedVersion::any(), {make_event()}});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->first_position, 4u);
  EXPECT_EQ(r2->stream_version, 1u);
}

TEST(Append, ExpectedVersionExactAnyAndNoStream) {
  TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store->append({"s", ExpectedVersion::no_stream(), {make_event()}}).ok());
  ASSERT_TRUE(store->append({"s", ExpectedVersion::exact(1), {make_event()}}).ok());
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  EXPECT_EQ(store->stream_version("s").value(), 3u);
  EXPECT_EQ(store->stream_version("other").value(), 0u);
}

TEST(Append, WrongExpectedVersionWritesNothing) {
  TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event(), make_event()}}).ok());
  const auto before = store->head();

  for (ExpectedVersion wrong :
       {ExpectedVersion::no_stream(), ExpectedVersion::exact(1), ExpectedVersion::exact(3)}) {
    auto r = store->append({"s", wrong, {make_event()}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), base::ErrorCode::kWrongExpectedVersion);
  }
  auto fresh = store->append({"new", ExpectedVersion::exact(1), {make_event()}});
  EXPECT_EQ(fresh.status().code(), base::ErrorCode::kWrongExpectedVersion);

  EXPECT_EQ(store->head(), before);
  EXPECT_EQ(store->stream_version("s").value(), 2u);
  EXPECT_EQ(store->stream_version("new").value(), 0u);
  // The next accepted append continues without a gap.
  auto next = store->append({"s", ExpectedVersion::exact(2), {make_event()}});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->first_position, before + 1);
}

TEST(Append, MalformedRequestsAreRefused) {
  TempDir dir;
  auto store = open_store(dir);
  NewEvent zero_id = make_event();
  zero_id.id = EventId{};
  NewEvent no_type = make_event("");
  NewEvent a = make_event();
  const std::vector<AppendRequest> bad = {
      {"", ExpectedVersion::any(), {make_event()}},
      {std::string("a\0b", 3), ExpectedVersion::any(), {make_event()}},
      {"s", ExpectedVersion::any(), {}},
      {"s", ExpectedVersion::any(), {zero_id}},
      {"s", ExpectedVersion::any(), {no_type}},
      {"s", ExpectedVersion::any(), {a, a}},
  };
  for (const auto& req : bad) {
    auto r = store->append(req);
    EXPECT_EQ(r.status().code(), base::ErrorCode::kInvalidArgument) << req.stream_id;
  }
  EXPECT_EQ(store->head(), 0u);
}

TEST(Append, PositionsVersionsAndChainSurviveReopen) {
  TempDir dir;
  Hash hash;
  {
    auto store = open_store(dir);
    ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event(), make_event()}}).ok());
    hash = store->head_hash();
  }
  auto store = open_store(dir);
  EXPECT_EQ(store->head(), 2u);
  EXPECT_EQ(store->head_hash(), hash);
  auto r = store->append({"s", ExpectedVersion::exact(2), {make_event()}});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->first_position, 3u);
  EXPECT_EQ(r->stream_version, 3u);
  EXPECT_TRUE(store->verify().ok);
}

TEST(Append, RecordedAtComesFromTheEventOrTheStoreClock) {
  TempDir dir;
  StoreOptions options;
  options.clock = [] { return std::int64_t{1'700'000'000'000'000}; };
  auto store = open_store(dir, options);
  NewEvent stamped = make_event();
  stamped.recorded_at_us = 42;
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event(), stamped}}).ok());
  EXPECT_EQ(store->read_at(1).value().recorded_at_us, 1'700'000'000'000'000);
  EXPECT_EQ(store->read_at(2).value().recorded_at_us, 42);
}

TEST(Append, StoredFieldsRoundTrip) {
  TempDir dir;
  auto store = open_store(dir);
  NewEvent e = make_event("ReservationBooked", std::string("\0binary\xff", 8));
  e.actor = "operator:alice";
  e.correlation_id = testing::random_id();
  e.causation_id = testing::random_id();
  ASSERT_TRUE(store->append({"reservation-77", ExpectedVersion::any(), {e}}).ok());
  StoredEvent got = store->read_at(1).value();
  EXPECT_EQ(got.position, 1u);
  EXPECT_EQ(got.stream_id, "reservation-77");
  EXPECT_EQ(got.stream_version, 1u);
  EXPECT_EQ(got.id, e.id);
  EXPECT_EQ(got.type, "ReservationBooked");
  EXPECT_EQ(got.actor, "operator:alice");
  EXPECT_EQ(got.correlation_id, e.correlation_id);
  EXPECT_EQ(got.causation_id, e.causation_id);
  EXPECT_EQ(got.payload, e.payload);
  EXPECT_EQ(got.chain_hash, store->head_hash());
}

}  // namespace
}  // namespace hoyo::eventstore

namespace hoyo::eventstore {
namespace {

TEST(TimeOrderedEventId, FollowsTheUuidV7LayoutAndSortsByTime) {
  const EventId a = time_ordered_event_id(1'700'000'000'123'456, 0);
  const EventId b = time_ordered_event_id(1'700'000'000'123'457, ~0ull);
  const EventId c = time_ordered_event_id(1'700'000'001'000'000, 5);
  EXPECT_LT(a, c);
  EXPECT_LE(a, b);
  EXPECT_EQ(a[6] >> 4, 7);  // version 7
  EXPECT_EQ(a[8] >> 6, 2);  // RFC 4122 variant
  // The first 48 bits are the Unix milliseconds, big-endian.
  std::uint64_t ms = 0;
  for (int i = 0; i < 6; ++i) ms = (ms << 8) | a[i];
  EXPECT_EQ(ms, 1'700'000'000'123u);
  EXPECT_NE(time_ordered_event_id(1, 1), time_ordered_event_id(1, 2));
}

}  // namespace
}  // namespace hoyo::eventstore
