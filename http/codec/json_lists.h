// Lists that several JSON codecs write the same way.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "domain/civil_time.h"

namespace hoyo::http {

// ["YYYY-MM-DD", …] in the order given.
boost::json::array dates_json(const std::vector<domain::Date>& dates);
// The people per night, [n, …], in night order.
boost::json::array people_json(const std::vector<int>& people);

}  // namespace hoyo::http
