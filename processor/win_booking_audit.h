// A2, the bookings of a publication's kept wins (docs/lottery.md,
// "Publication"): a publication that keeps its wins' rooms held keeps exactly
// the rooms its draw's wins take; each booking from that hold is the next win
// in the draw's order, booked once, for the stay its application won, from a
// room the hold still keeps; a win is passed over (not booked, its rooms
// released) only when its holder's account was erased; and each
// LotteryWinsBooked counts the wins the log booked and names those passed
// over. Part of the whole-log verification (log_audit.h).
#pragma once

#include <cstdint>
#include <map>
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
  std::string booked(const domain::BookingState& before, const domain::ReservationBooked& e);
  std::string closed(const domain::LotteryWinsBooked& e, const domain::BookingState& before);
  // Passes over the period's next wins while their holder's account is
  // erased in `before`, up to (not including) application `until` or the
  // win numbered `last`, their rooms leaving the hold.
  static void pass_erased(const domain::BookingState& before, const std::string& lottery, Period& p,
                          const std::string& until, std::size_t last);

  std::map<std::string, Period> periods_;  // by lottery, until every win is booked
};

}  // namespace hoyo::processor
