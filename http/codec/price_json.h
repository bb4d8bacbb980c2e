// A stay's price and guests as JSON (docs/api.md, "Prices"): {total, currency:
// "JPY", lines: [{date, category, count, unitPrice, amount}]}, amounts in yen.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <vector>

#include "domain/events.h"
#include "domain/pricing.h"

namespace hoyo::http {

// The price object; null when there is no price (no rate table in force).
boost::json::value price_json(const std::optional<domain::Price>& price);
// The guests per night: `guests`, or without them `people` as adults.
boost::json::array guests_json(const std::vector<domain::Guests>& guests,
                               const std::vector<int>& people);
// What a log event records of a claim, when it records any: `guests` (when
// given) and `reduction` (when claimed) set on `o`.
void add_claim_json(boost::json::object& o, const std::vector<domain::Guests>& guests,
                    domain::Reduction reduction);

// The priceDifference of a change's answer: the new total minus the old, from
// the ReservationChanged among `events`; null when either price is absent.
boost::json::value price_difference_json(const std::vector<domain::Event>& events);

}  // namespace hoyo::http
