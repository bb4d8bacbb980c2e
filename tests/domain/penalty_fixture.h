// The penalty tests' fixture (issue 17): one registered user, u1 (data key k1), and the
// seaside facility; stays booked, cancelled and dropped by the centre.
#pragma once

#include <gtest/gtest.h>

#include "fixtures.h"

namespace hoyo::domain::testing {

inline const Actor kOp = Actor::op("centre");

// Check-in 2027-03-20. The user's own cancellation window closes at 24:00 of
// the day `cancel_days` before check-in; the late period is the last 3 days
// (3/17 through 3/20).
class Penalties : public ::testing::Test {
 protected:
  void SetUp() override { make(5); }

  void make(int cancel_days) {
    Facility f = standard_facility(5);
    f.rules.cancel_close_days_before = cancel_days;
    f.rules.change_close_days_before = cancel_days;
    f.rules.max_upcoming = 10;
    s = with_facilities({f});
    RegistrationSubmitted sub;
    sub.id = "r-u1";
    sub.key_id = "k1";  // what reasons about u1 are sealed under
    sub.email_given = true;
    evolve(s, sub);
    evolve(s, RegistrationApproved{sub.id, "u1", true, 0});
  }

  std::string book_stay(std::uint64_t n, Date check_in = kCheckIn, int nights = 1) {
    const std::string num = number(n);
    auto r = apply(s, book("u1", "seaside", check_in, nights, std::vector<int>(nights, 2), num),
                   jst(2027, 2, 1, 10));
    EXPECT_TRUE(r.ok()) << num;
    return num;
  }

  // A lottery win of u1 for kCheckIn awaiting confirmation until `confirm_by`,
  // folded in as booked (no period: its holder sees it); its number.
  std::string book_win(std::uint64_t n, Instant confirm_by) {
    Reservation win;
    win.number = number(n);
    win.user = "u1";
    win.facility = "seaside";
    win.check_in = kCheckIn;
    win.people = {2};
    win.origin = Origin::kLottery;
    win.confirmation = Confirmation::kRequired;
    win.confirm_by = confirm_by;
    evolve(s, ReservationBooked{win});
    return win.number;
  }

  Result<std::vector<Event>> cancel(const std::string& num, Instant at, PenaltyWaiver w = {},
                                    Actor who = kOp) {
    return apply(s, {who, CancelReservations{"u1", {num}, w}}, at);
  }

  static ChangeReservation drop(const std::string& num, int night, PenaltyWaiver w = {}) {
    ChangeReservation c;
    c.user = "u1";
    c.number = num;
    c.drop_night = night;
    c.waiver = std::move(w);
    return c;
  }

  static const UserSuspended* suspended_in(const std::vector<Event>& events) {
    for (const Event& e : events) {
      if (auto* x = std::get_if<UserSuspended>(&e)) return x;
    }
    return nullptr;
  }

  static constexpr Date kCheckIn = Date{20897};  // 2027-03-20
  BookingState s;
};

}  // namespace hoyo::domain::testing
