// A facility's rate tables as JSON, both ways: json::value_from(table) gives
// {effectiveFrom: "YYYY-MM-DD", adult, child, infant, saturdaySurcharge,
// holidayEveSurcharge, senior?: {perNight, nightsPerFiscalYear}, disability?,
// excludeSaturdays, excludeHolidayEves, excludedRanges: [{from: "MM-DD", to:
// "MM-DD"}], bathingTax}, amounts in yen (docs/booking-core.md, "Fees").
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "base/status.h"
#include "domain/rates.h"

// In domain's namespace for argument-dependent lookup (json::value_from).
namespace hoyo::domain {

void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const RateTable& t);

}  // namespace hoyo::domain

namespace hoyo::http {

// The `rates` of a facility body: an array of tables in the shape above.
// effectiveFrom, adult and child are required; infant, the surcharges and the
// bathing tax default to 0, senior and disability to none, excludeSaturdays
// and excludeHolidayEves to true, excludedRanges to 12-29..01-03. A kValidation
// error names the first field of the wrong shape (kRatesFormat); the values'
// ranges are the domain's to check (domain::validate_rate_tables).
base::Result<std::vector<domain::RateTable>> rates_of(const boost::json::value& v);

}  // namespace hoyo::http
