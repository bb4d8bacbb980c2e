// Scenario files: events in, the expected read model out (tests/projections/
// scenarios/*.txt). One statement per line; '#' starts a comment.
//
//   now 2026-12-01T09:00:00+09:00            the clock for the queries that follow
//   facility ID STYLE:ROOMS:CAP... [wish]    FacilityRegistered (japanese|western|standard)
//   close ID DATE...                         DatesClosed
//   reopen ID DATE...                        DatesReopened
//   book NUMBER USER FACILITY DATE NIGHTS STYLE [lottery=APP]   ReservationBooked
//   change NUMBER DATE NIGHTS STYLE          ReservationChanged (people 2 a night)
//   cancel NUMBER                            ReservationCancelled
//   lottery ID MONTH FACILITY...             LotteryOpened holding every room of the month
//   apply APP LOTTERY USER FACILITY DATE PREF   LotteryApplied
//   withdraw LOTTERY APP...                  LotteryApplicationsCancelled
//   publish ID                               LotteryPublished
//   expect vacancy FACILITY DATE FREE TOTAL MARK      one day of M6
//   expect reservations USER NUMBER:FLAGS...           M7/M8 (FLAGS: changeable,cancellable,
//                                                      cancelled or -), or "none"
//   expect demand LOTTERY FACILITY DATE APPLICATIONS WINNABLE   one day of M2
#pragma once

#include <string>
#include <vector>

namespace hoyo::projections::testing {

// Runs the scenario in `path`; returns the failures, each "line N: what".
std::vector<std::string> run_scenario(const std::string& path);

}  // namespace hoyo::projections::testing
