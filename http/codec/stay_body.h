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
};
// {facilityId, checkIn, nights, people, roomStyle?}; a validation error names
// each bad field.
base::Result<Stay> stay_of(const boost::json::object& o);
// {people?, dropNight?, roomStyle?} for reservation `number` of `user`.
base::Result<domain::ChangeReservation> change_of(const boost::json::object& o,
                                                  const std::string& user,
                                                  const std::string& number);
// A list of 1..50 strings under `field`.
std::optional<std::vector<std::string>> id_list(const boost::json::object& o, const char* field);

}  // namespace hoyo::http
