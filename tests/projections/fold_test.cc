// The pipelined fold: every event reaches the projection once, in log order,
// intact, whichever of its two threads decoded it, and kinds a projection does
// not want are neither decoded nor applied.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>

#include "domain/event_codec.h"
#include "projections/projection_set.h"
#include "temp_dir.h"

namespace hoyo::projections {
namespace {

constexpr int kEvents = 20000;  // about ten of the fold's batches

// Records what it is given; optionally slow, so that its queue fills up.
class Recorder final : public Projection {
 public:
  explicit Recorder(std::chrono::microseconds per_event, bool bookings_only = false)
      : per_event_(per_event), bookings_only_(bookings_only) {}
  const char* name() const override { return "recorder"; }
  int version() const override { return 1; }
  bool wants(std::size_t index) const override {
    return !bookings_only_ || index == domain::event_index_of<domain::ReservationBooked>;
  }
  void apply(const EventMeta& meta, const domain::Event& event) override {
    const auto until = std::chrono::steady_clock::now() + per_event_;
    while (std::chrono::steady_clock::now() < until) {
    }
    seen.push_back({meta.position, std::string(meta.actor), event});
  }
  std::unique_ptr<Projection> empty() const override {
    return std::make_unique<Recorder>(per_event_, bookings_only_);
  }
  bool same_as(const Projection&) const override { return false; }
  std::string save() const override { return {}; }
  bool restore(std::string_view) override { return false; }

  struct Seen {
    std::uint64_t position;
    std::string actor;
    domain::Event event;
  };
  std::vector<Seen> seen;

 private:
  std::chrono::microseconds per_event_;
  bool bookings_only_;
};

class FoldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(eventstore::EventStore::open(dir_)).value();
    // Bookings and login attempts of varied sizes (odd payload lengths
    // included), appended 500 to a request.
    std::mt19937_64 rng(7);
    std::vector<eventstore::NewEvent> batch;
    for (int i = 0; i < kEvents; ++i) {
      domain::Event e;
      if (i % 3 == 2) {
        e = domain::LoginAttempted{"user:" + std::to_string(1000 + i % 97), i % 2 == 0,
                                   std::string(static_cast<std::size_t>(i % 13), 'x')};
      } else {
        domain::Reservation r;
        r.number = std::to_string(100000000 + i);
        r.user = std::to_string(1000 + i % 97);
        r.facility = "f" + std::to_string(i % 5);
        r.check_in = domain::Date::from_ymd(2027, 1, 1).plus_days(i % 60);
        r.nights = 1 + i % 2;
        r.people = std::vector<int>(static_cast<std::size_t>(r.nights), 1 + i % 4);
        r.booked_at = i;
        e = domain::ReservationBooked{r};
      }
      expected_.push_back(e);
      auto encoded = domain::encode_event(e);
      eventstore::NewEvent ne;
      ne.id = eventstore::time_ordered_event_id(1'700'000'000'000'000 + i, rng());
      ne.type = encoded.type;
      ne.payload = encoded.payload;
      ne.actor = "user:" + std::to_string(i);
      batch.push_back(std::move(ne));
      if (batch.size() == 500) {
        ASSERT_TRUE(store_
                        ->append({"s" + std::to_string(i), eventstore::ExpectedVersion::any(),
                                  std::move(batch)})
                        .ok());
        batch.clear();
      }
    }
  }
  // Every event, in order, equal to what was appended.
  void expect_all(const Recorder& r, bool bookings_only) {
    std::size_t next = 0;
    for (int i = 0; i < kEvents; ++i) {
      const bool booking = std::holds_alternative<domain::ReservationBooked>(expected_[i]);
      if (bookings_only && !booking) continue;
      ASSERT_LT(next, r.seen.size());
      const Recorder::Seen& s = r.seen[next++];
      ASSERT_EQ(s.position, static_cast<std::uint64_t>(i + 1));
      EXPECT_EQ(s.actor, "user:" + std::to_string(i));
      ASSERT_TRUE(s.event == expected_[i]) << "event at " << s.position;
    }
    EXPECT_EQ(next, r.seen.size());
  }

  hoyo::testing::TempDir tmp_;  // outlives the store (members go in reverse order)
  std::string dir_ = tmp_.path();
  std::unique_ptr<eventstore::EventStore> store_;
  std::vector<domain::Event> expected_;
};

TEST_F(FoldTest, AFastApplierDecodesWhatItWouldOtherwiseWaitFor) {
  Recorder r(std::chrono::microseconds(0));
  FoldStats stats;
  auto last = fold(*store_, r, 1, {}, &stats);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last, static_cast<std::uint64_t>(kEvents));
  EXPECT_GT(stats.decoded_by_applier, 0u);  // at least the first batch
  EXPECT_EQ(stats.decoded_by_reader + stats.decoded_by_applier,
            static_cast<std::uint64_t>(kEvents));
  expect_all(r, false);
}

TEST_F(FoldTest, ASlowApplierLeavesTheDecodingToTheReader) {
  Recorder r(std::chrono::microseconds(20));
  FoldStats stats;
  ASSERT_TRUE(fold(*store_, r, 1, {}, &stats).ok());
  EXPECT_GT(stats.decoded_by_reader, static_cast<std::uint64_t>(kEvents / 2));
  EXPECT_EQ(stats.decoded_by_reader + stats.decoded_by_applier,
            static_cast<std::uint64_t>(kEvents));
  expect_all(r, false);
}

TEST_F(FoldTest, KindsNotWantedAreNeitherDecodedNorApplied) {
  Recorder r(std::chrono::microseconds(0), true);
  FoldStats stats;
  ASSERT_TRUE(fold(*store_, r, 1, {}, &stats).ok());
  const std::uint64_t bookings = kEvents - kEvents / 3;
  EXPECT_EQ(stats.decoded_by_reader + stats.decoded_by_applier, bookings);
  expect_all(r, true);
  EXPECT_EQ(r.seen.size(), bookings);
}

}  // namespace
}  // namespace hoyo::projections
