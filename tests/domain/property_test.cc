// Thousands of random commands from hundreds of users and a few operators with
// random clock steps: after every step no date and style is sold beyond its
// rooms, the inventory agrees with the reservations, and replaying the events
// from scratch (through their stored form) gives an identical state.
#include <gtest/gtest.h>

#include <random>

#include "domain/event_codec.h"
#include "fixtures.h"
#include "round_trip.h"

namespace hoyo::domain {
namespace {

using namespace testing;

class RandomWorkload {
 public:
  explicit RandomWorkload(std::uint64_t seed) : rng_(seed) {
    Facility forest = standard_facility(2, "forest");
    forest.rules.max_upcoming = 3;
    for (Facility f : {mixed_facility(3, 2), standard_facility(4), forest}) {
      commit(FacilityRegistered{f});
    }
  }

  Command next() {
    const std::string user = std::to_string(100 + rng_() % 300);
    const std::string fac = facilities_[rng_() % facilities_.size()];
    const Date d = tokyo_date(now_).plus_days(static_cast<int>(rng_() % 45));
    switch (rng_() % 10) {
      case 0: {  // an operator closes or reopens dates, or resizes a facility
        const Actor op = Actor::op("op" + std::to_string(rng_() % 5));
        if (rng_() % 3 == 0) {
          Facility f = *state_.facility(fac);
          for (RoomType& t : f.room_types) t.rooms = 1 + static_cast<int>(rng_() % 5);
          return {op, ChangeFacility{f}};
        }
        if (rng_() % 2) return {op, CloseDates{fac, {d, d.plus_days(1)}}};
        return {op, ReopenDates{fac, {d, d.plus_days(1)}}};
      }
      case 1:
      case 2: {  // change one of the user's reservations
        ChangeReservation c{user, pick_own(user), {}, {}, {}};
        if (rng_() % 2) c.drop_night = 1 + static_cast<int>(rng_() % 2);
        if (rng_() % 2) c.wish = static_cast<StyleWish>(rng_() % 3);
        if (rng_() % 2) c.people = std::vector<int>(1 + rng_() % 2, 1 + rng_() % 4);
        return {rng_() % 4 ? Actor::user(user) : Actor::op("op1"), c};
      }
      case 3: {
        std::vector<std::string> numbers{pick_own(user)};
        if (rng_() % 3 == 0) numbers.push_back(pick_own(user));
        return {Actor::user(user), CancelReservations{user, numbers}};
      }
      default: {
        const int nights = 1 + static_cast<int>(rng_() % 2);
        std::vector<int> people(nights);
        for (int& p : people) p = 1 + static_cast<int>(rng_() % 5);
        const StyleWish wish =
            fac == "minato-so" ? static_cast<StyleWish>(rng_() % 3) : StyleWish::kAny;
        return book(user, fac, d, nights, people, make_number(rng_(), 9), wish);
      }
    }
  }

  // Moves the clock forward by up to twenty minutes.
  Instant step_clock() {
    return now_ += static_cast<Instant>(rng_() % (20 * 60)) * kMicrosPerSecond;
  }

  void commit(const Event& e) {
    evolve(state_, e);
    log_.push_back(encode_event(e));
  }

  const BookingState& state() const { return state_; }
  const std::vector<EncodedEvent>& log() const { return log_; }
  Instant now() const { return now_; }

 private:
  std::string pick_own(const std::string& user) {
    auto it = state_.by_user.find(user);
    if (it == state_.by_user.end() || it->second.empty()) return number(1);
    return it->second[rng_() % it->second.size()];
  }

  std::mt19937_64 rng_;
  BookingState state_;
  std::vector<EncodedEvent> log_;
  std::vector<std::string> facilities_{"minato-so", "seaside", "forest"};
  Instant now_ = jst(2026, 12, 1, 9);
};

// No date and style holds more booked and held rooms than it has, closed dates
// hold none, and the inventory counts exactly the active reservations' nights.
void expect_sound(const BookingState& s) {
  Inventory recount;
  for (const auto& [number, r] : s.reservations) {
    if (!r.active()) continue;
    for (int i = 0; i < r.nights; ++i)
      recount.add_booked(r.facility, r.check_in.plus_days(i), r.style, 1);
  }
  s.inventory.for_each([&](const std::string& fid, Date d, RoomStyle style, Inventory::Count n) {
    const Facility& f = s.facilities.at(fid);
    ASSERT_LE(n.booked + n.held, f.rooms(style)) << fid << " " << d.to_string() << " oversold";
    ASSERT_GE(n.booked, 0);
    if (f.closed.count(d)) {
      ASSERT_EQ(n.booked, 0) << "booked on a closed date";
    }
    ASSERT_EQ(recount.at(fid, d, style).booked, n.booked) << fid << " " << d.to_string();
  });
  recount.for_each([&](const std::string& fid, Date d, RoomStyle style, Inventory::Count n) {
    ASSERT_EQ(s.inventory.at(fid, d, style).booked, n.booked);
  });
}

BookingState replay(const std::vector<EncodedEvent>& log) {
  BookingState s;
  for (const EncodedEvent& e : log) {
    auto decoded = decode_event(e.type, e.payload);
    EXPECT_TRUE(decoded.has_value()) << e.type;
    if (decoded) evolve(s, *decoded);
  }
  return s;
}

TEST(Property, RandomCommandsNeverOversellAndReplayToTheSameState) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    RandomWorkload w(seed);
    int accepted = 0, refused = 0;
    for (int step = 0; step < 4000; ++step) {
      const Command c = w.next();
      const Instant now = w.step_clock();
      auto r = decide(w.state(), c, now);
      if (r.ok()) {
        ++accepted;
        for (const Event& e : r.value()) w.commit(e);
      } else {
        ++refused;
      }
      expect_sound(w.state());
      if (::testing::Test::HasFatalFailure()) return;
      if (step % 500 == 499) {
        ASSERT_EQ(replay(w.log()), w.state()) << "seed " << seed;
      }
    }
    EXPECT_EQ(replay(w.log()), w.state()) << "seed " << seed;
    // The workload exercises both outcomes.
    EXPECT_GT(accepted, 500) << "seed " << seed;
    EXPECT_GT(refused, 500) << "seed " << seed;
  }
}

TEST(EventCodec, EveryEventRoundTrips) {
  Facility f = mixed_facility();
  f.closed = {day(2027, 1, 2)};
  f.rules.max_upcoming = 4;
  RateTable rates;
  rates.effective_from = day(2026, 4, 1);
  rates.adult = 3200;
  rates.child = 2500;
  rates.infant = 100;
  rates.saturday_surcharge = 1000;
  rates.holiday_eve_surcharge = 800;
  rates.disability = ReducedRate{1500, 3};
  rates.reduced_excludes_holiday_eves = false;
  rates.reduced_excluded_ranges = {{{12, 29}, {1, 3}}, {{8, 13}, {8, 16}}};
  rates.bathing_tax = 150;
  RateTable bare;
  bare.effective_from = day(2027, 4, 1);
  bare.senior = ReducedRate{0, 366};
  bare.reduced_excludes_saturdays = false;
  bare.reduced_excluded_ranges.clear();
  f.rates = {rates, bare};
  Reservation r{"1234567890",
                "42",
                "minato-so",
                day(2027, 2, 10),
                2,
                {3, 4},
                RoomStyle::kJapanese,
                StyleWish::kAny,
                ReservationStatus::kBooked,
                Origin::kLottery,
                1'700'000'000'000'000,
                "application-7",
                {{2, 1, 1}, {3, 1, 0}},
                Reduction::kDisability,
                Price{12'300,
                      {{day(2027, 2, 10), PriceCategory::kDisability, 2, 2200, 4400},
                       {day(2027, 2, 10), PriceCategory::kInfant, 1, 0, 0},
                       {day(2027, 2, 11), PriceCategory::kHolidayEveSurcharge, 4, 500, 2000}}}};
  Reservation unpriced = r;
  unpriced.number = "1234567891";
  unpriced.guests.clear();
  unpriced.reduction = Reduction::kNone;
  unpriced.price.reset();
  const std::vector<Event> events = {
      FacilityRegistered{f},
      FacilityChanged{f},
      DatesClosed{"minato-so", {day(2027, 1, 1), day(2027, 1, 5)}},
      DatesReopened{"minato-so", {day(2027, 1, 1)}},
      ReservationBooked{r},
      ReservationBooked{unpriced},
      ReservationChanged{"1234567890",
                         day(2027, 2, 11),
                         1,
                         {4},
                         RoomStyle::kWestern,
                         StyleWish::kWestern,
                         {{3, 1, 2}},
                         Reduction::kSenior,
                         Price{-700, {{day(2027, 2, 11), PriceCategory::kSenior, -1, 700, -700}}},
                         -1200},
      ReservationChanged{"1234567891",
                         day(2027, 2, 11),
                         1,
                         {4},
                         RoomStyle::kWestern,
                         StyleWish::kWestern,
                         {},
                         Reduction::kNone,
                         std::nullopt,
                         std::nullopt},
      ReservationPaid{"1234567890", 1'700'000'000'000'001},
      ReservationCancelled{"1234567890"},
  };
  expect_round_trips(events);
  EXPECT_FALSE(decode_event("NoSuchEvent", encode_event(events[0]).payload));
  EXPECT_FALSE(decode_event("ReservationBooked", "garbage!"));
}

}  // namespace
}  // namespace hoyo::domain
