// A2, the bookings of a publication's wins (docs/lottery.md, "Publication"):
// a publication that keeps its wins' rooms held keeps exactly the rooms its
// draw's wins take; each booking from that hold is the next win in the draw's
// order, booked once, for the stay its application won, from a room the hold
// still keeps; a win is passed over (not booked, its rooms released) only
// when its holder's account was erased; and each LotteryWinsBooked counts the
// wins the log booked and names those passed over. A publication that books
// its wins in its own group (one with its instant `at`, not keeping rooms) is
// checked the same way: the bookings that follow it are its wins in the
// draw's order, and each win its group leaves unbooked must have a holder
// whose account was erased by then. Part of the whole-log verification
// (log_audit.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "domain/booking_state.h"
#include "domain/events.h"

namespace hoyo::processor {

class WinBookingAudit {
 public:
  // The fault event `e` makes, in words that name it and its lottery (empty
  // when none), with `before` the log folded up to just before `e`; then
  // takes `e` into account. Call it for every event, in log order.
  std::string step(const domain::BookingState& before, const domain::Event& e);
  // The fault the log's end leaves (a publication's own group that ends the
  // log and leaves a win neither booked nor passed over), with `state` the
  // whole log folded; empty when none. Call it once, after the last step.
  std::string finish(const domain::BookingState& state);

 private:
  using Room = std::tuple<std::string, std::int32_t, domain::RoomStyle>;
  // A published period whose wins are being booked from the hold.
  struct Period {
    std::size_t next = 0;                 // the draw's wins taken up (booked or passed over)
    std::map<Room, int> kept;             // rooms the hold still keeps
    std::set<std::string> booked;         // applications booked from it
    std::vector<domain::DrawWin> passed;  // passed over since the last LotteryWinsBooked
  };
  std::string published(const domain::BookingState& before, const domain::LotteryPublished& e);
  // A publication whose own group books its wins.
  struct Own {
    std::string lottery;
    Period period;
  };
  std::string booked(const domain::BookingState& before, const domain::ReservationBooked& e);
  // Takes booking `r` (application `app` of `lottery`) as the next win of
  // `period`, the fault it makes prefixed by `who`.
  static std::string take(const domain::BookingState& before, const std::string& lottery,
                          Period& period, const domain::Reservation& r,
                          const domain::LotteryApplication& app, const std::string& who);
  // Ends own_ (its group is over): each win it did not book must be passed
  // over for an erased holder in `state`.
  std::string own_group_ended(const domain::BookingState& state);
  std::string closed(const domain::LotteryWinsBooked& e, const domain::BookingState& before);
  // Passes over the period's next wins while their holder's account is
  // erased in `before`, up to (not including) application `until` or the
  // win numbered `last`, their rooms leaving the hold.
  static void pass_erased(const domain::BookingState& before, const std::string& lottery, Period& p,
                          const std::string& until, std::size_t last);

  std::map<std::string, Period> periods_;  // by lottery, until every win is booked
  std::optional<Own> own_;                 // while its group's bookings are read
};

}  // namespace hoyo::processor
