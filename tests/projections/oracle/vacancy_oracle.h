// A test oracle: M6 vacancy computed straight from the write side's whole
// state (domain::BookingState) and the clock, the simplest way there is, for
// the served views (projections/stay_view.h) to be compared with.
#pragma once

#include <string>
#include <vector>

#include "domain/booking_state.h"
#include "projections/vacancy_day.h"

namespace hoyo::projections {

// `days` consecutive days from `from`; empty for an unknown facility.
std::vector<VacancyDay> vacancy_days(const domain::BookingState& s, const std::string& facility,
                                     domain::Date from, int days, domain::Instant now);
// The calendar: `months` whole months from the first of `month`'s month.
std::vector<VacancyDay> vacancy_calendar(const domain::BookingState& s, const std::string& facility,
                                         domain::Date month, int months, domain::Instant now);

}  // namespace hoyo::projections
