// What users see of a lottery (M2 demand, M3 list, M5 result), computed from
// the decision state. Results stay "pending" until publication.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/booking_state.h"

namespace hoyo::domain {

struct DemandDay {
  Date date;
  int applications = 0;  // active applications checking in that day (申込総数)
  int winnable = 0;      // rooms held for the lottery that night (当選可能数)
};

// `days` days of demand for one facility of a lottery, from `from`.
std::vector<DemandDay> lottery_demand(const BookingState& s, const std::string& lottery,
                                      const std::string& facility, Date from, int days = 7);

enum class ApplicationView : std::uint8_t { kActive, kCancelled, kWon, kLost };
const char* application_view_name(ApplicationView v);  // "active", "cancelled", "won", "lost"

struct UserApplication {
  LotteryApplication application;
  ApplicationView status = ApplicationView::kActive;
  std::string reservation_number;  // for a published win
  // A published win's reservation: its state and confirmation (confirm_by
  // while kRequired).
  ReservationStatus reservation_status = ReservationStatus::kBooked;
  Confirmation confirmation = Confirmation::kNone;
  Instant confirm_by = 0;
};

// The user's applications in a lottery; won (in the draw or by an accepted
// offer) and lost show only once published.
std::vector<UserApplication> user_lottery_applications(const BookingState& s,
                                                       const std::string& user,
                                                       const std::string& lottery);

// kOffered: lost, but a lapsed win's room is offered to the user now
// (`offer`, open); an accepted offer is a win (its reservation, origin
// kRunnerUp).
struct LotteryResult {
  enum class Status : std::uint8_t { kPending, kWon, kLost, kOffered } status = Status::kPending;
  std::optional<UserApplication> won;
  std::vector<UserApplication> lost;
  std::optional<Offer> offer;
};

// The user's open offer in a lottery, if any (at most one: offer.h).
std::optional<Offer> open_offer(const std::map<std::string, Offer>& offers, const std::string& user,
                                const std::string& lottery);
// The open offers of a user in any lottery, soonest deadline first.
std::vector<Offer> open_offers_of(const std::map<std::string, Offer>& offers,
                                  const std::string& user);

LotteryResult lottery_result(const BookingState& s, const std::string& user,
                             const std::string& lottery);

}  // namespace hoyo::domain
