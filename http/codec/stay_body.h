// The request bodies that carry a stay or a change (a booking, a lottery
// application, a change of a reservation, lists of ids): parsed and checked
// field by field, every bad field named. Pure: no I/O, no HTTP.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "domain/commands.h"

namespace hoyo::http {

// The stay fields shared by a booking and an application.
struct Stay {
  std::string facility;
  domain::Date check_in;
  int nights = 1;
  std::vector<int> people;
  domain::StyleWish wish = domain::StyleWish::kAny;
  std::vector<domain::Guests> guests;  // empty when not given
  domain::Reduction reduction = domain::Reduction::kNone;
};
// {facilityId, checkIn, nights, people?, guests?, reduction?, roomStyle?}; a
// validation error names each bad field. `guests` holds one {adults,
// children, infants?} per night, each count 0..100 (domain::kMaxGuestsOfAKind)
// and adults + children at least 1; `people` may then be left out (it is
// adults + children per night) and, when given, must agree (`people`,
// `mismatch`). `reduction` is "senior" or "disability" ("none": no claim).
base::Result<Stay> stay_of(const boost::json::object& o);
// The booking of `stay` for `user` (the writer gives the number).
domain::BookRoom booking_of(const std::string& user, const Stay& stay);
// {people?, guests?, reduction?, dropNight?, roomStyle?} for reservation
// `number` of `user`; guests of 1 or 2 nights checked as in stay_of (the
// domain checks them against the nights that remain).
base::Result<domain::ChangeReservation> change_of(const boost::json::object& o,
                                                  const std::string& user,
                                                  const std::string& number);
// The centre's penalty fields of a cancellation or change: {waivePenalty?:
// bool, reason?: string} (the domain checks that a waiver has a reason).
base::Result<domain::PenaltyWaiver> waiver_of(const boost::json::object& o);
// An optional string field ("" when absent or null); a validation error
// when it is there and not a string.
base::Result<std::string> optional_string(const boost::json::object& o, const char* field);
// A list of 1..50 strings under `field`.
std::optional<std::vector<std::string>> id_list(const boost::json::object& o, const char* field);

}  // namespace hoyo::http
