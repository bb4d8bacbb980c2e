// A reservation: one room at one facility for one or two nights.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/confirmation.h"
#include "domain/facility.h"
#include "domain/penalties.h"
#include "domain/pricing.h"
#include "domain/sealed_text.h"

namespace hoyo::domain {

// kLapsed: a lottery win not confirmed by its deadline (cancelled by the
// scheduler; never a late cancellation).
enum class ReservationStatus : std::uint8_t { kBooked = 0, kCancelled = 1, kLapsed = 2 };
const char* reservation_status_name(ReservationStatus s);  // "booked", "cancelled", "lapsed"
// kRunnerUp: an accepted offer to a runner-up (offer.h), counted like a
// lottery win. kWaitlist: an accepted waitlist offer (waitlist.h), counted
// like a first-come booking (K).
enum class Origin : std::uint8_t { kFirstCome = 0, kLottery = 1, kRunnerUp = 2, kWaitlist = 3 };

const char* origin_name(Origin o);  // "first_come", "lottery", "runner_up", "waitlist"

struct Reservation {
  std::string number;    // digits with a check digit (reservation_number.h)
  std::string user;      // user number
  std::string facility;  // facility id
  Date check_in;
  int nights = 1;
  std::vector<int> people;                 // one entry per night
  RoomStyle style = RoomStyle::kStandard;  // the style assigned
  StyleWish wish = StyleWish::kAny;        // what the guest asked for
  ReservationStatus status = ReservationStatus::kBooked;
  Origin origin = Origin::kFirstCome;
  Instant booked_at = 0;
  std::string application;  // the lottery application it won (kLottery, kRunnerUp)
  // The guests per night as booked; empty: `people` adults (docs/booking-core.md).
  std::vector<Guests> guests;
  Reduction reduction = Reduction::kNone;  // the reduction claimed
  // The price recorded when booked or last changed; absent where the facility
  // had no rate table in force (and for reservations made before prices).
  std::optional<Price> price;
  // Win confirmation: kRequired with its deadline (the last second) until
  // confirmed or lapsed; kNone for first-come bookings and final wins.
  Confirmation confirmation = Confirmation::kNone;
  Instant confirm_by = 0;
  bool paid = false;  // marked paid at the facility by an operator
  // What the facility reported after the check-in day (operators record it).
  Attendance attendance = Attendance::kUnknown;
  // Why an operator booked for a suspended user (empty: no override): plain
  // in events before sealing, sealed under the user's data key since. The
  // writer's state keeps neither sealed bytes nor (new) text.
  std::string override_reason{};
  SealedText sealed_override_reason{};

  bool active() const { return status == ReservationStatus::kBooked; }
  Date last_night() const { return check_in.plus_days(nights - 1); }
  bool operator==(const Reservation&) const = default;
};

}  // namespace hoyo::domain
