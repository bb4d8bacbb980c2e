// kill -9 during concurrent booking: after a restart no acknowledged booking
// is lost, none is doubled, and no date is sold beyond its rooms.
// Cycles: $HOYO_CRASH_CYCLES (default 20).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "crash_harness.h"
#include "domain/event_codec.h"
#include "processor_fixture.h"
#include "temp_dir.h"

namespace hoyo::processor {
namespace {

TEST(BookingCrash, AcknowledgedBookingsSurviveKillNineOnceEach) {
  std::mt19937 rng(std::random_device{}());
  std::set<std::string> acked;
  std::optional<hoyo::testing::TempDir> tmp;
  std::string dir;
  std::size_t total = 0;
  const int cycles = hoyo::testing::crash_cycles(20);
  for (int cycle = 0; cycle < cycles; ++cycle) {
    if (cycle % 10 == 0) {  // a fresh log long before the rooms run out
      tmp.reset();  // the last one, removed
      tmp.emplace();
      dir = tmp->path();
      total += acked.size();
      acked.clear();
    }
    for (const std::string& number :
         hoyo::testing::run_and_kill(CRASH_CHILD, {dir}, 10, rng, 80000)) {
      acked.insert(number);
    }
    auto store = std::move(eventstore::EventStore::open(dir)).value();
    SettableClock clock(testing::kOpen);
    auto proc = std::move(CommandProcessor::open(*store, clock)).value();

    std::map<std::string, int> booked_in_log;
    ASSERT_TRUE(
        store
            ->read_all(
                1, UINT64_MAX,
                [&](const eventstore::EventView& e) {
                  if (e.type == "ReservationBooked") {
                    auto ev = domain::decode_event(e.type, e.payload);
                    ++booked_in_log[std::get<domain::ReservationBooked>(*ev).reservation.number];
                  }
                  return true;
                })
            .ok());
    for (const auto& [number, n] : booked_in_log) {
      ASSERT_EQ(n, 1) << "cycle " << cycle << ": reservation " << number << " booked twice";
    }
    proc->inspect([&](const domain::BookingState& s) {
      for (const std::string& number : acked) {
        const domain::Reservation* r = s.reservation(number);
        ASSERT_NE(r, nullptr) << "cycle " << cycle << ": acknowledged " << number << " lost";
        ASSERT_TRUE(r->active());
      }
      s.inventory.for_each([&](const std::string& f, domain::Date d, domain::RoomStyle st,
                               domain::Inventory::Count n) {
        ASSERT_LE(n.booked, s.facilities.at(f).rooms(st)) << d.to_string() << " oversold";
      });
    });
    if (::testing::Test::HasFatalFailure()) break;
    ASSERT_TRUE(store->verify().ok);
  }
  total += acked.size();
  std::fprintf(stderr, "%d cycles, %zu acknowledged bookings checked\n", cycles, total);
  EXPECT_GT(total, 0u);
}

}  // namespace
}  // namespace hoyo::processor
