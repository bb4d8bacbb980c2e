// A readable one-line summary of an audit line (GET /api/audit/events'
// JSON): its type, then its data's fields as key=value, nested objects
// flattened, lists joined by commas. Built from the JSON so that the data
// directory and --server give the same text.
#pragma once

#include <boost/json.hpp>
#include <string>

namespace hoyo::tools {

// "ReservationBooked: number=R-1 user=10000012 facility=minato checkIn=2027-03-01 ..."
std::string event_summary(const boost::json::object& audit_line);

// A JSON scalar as text (a string without quotes; null as "-").
std::string scalar_text(const boost::json::value& v);

}  // namespace hoyo::tools
