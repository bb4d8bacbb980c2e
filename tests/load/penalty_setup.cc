#include <boost/json.hpp>

#include "lottery_setup.h"
#include "penalties.h"

namespace hoyo::load {

namespace json = boost::json;

std::optional<std::string> open_penalty_facility(HttpClient& http, const Staff& staff,
                                                 const std::string& today, World& world,
                                                 std::uint64_t& written) {
  // A late cancellation bars for 2 days (some suspensions end as the clock
  // moves, others are lifted), a no-show for 30 (lifted, or kept).
  constexpr int kLateCancellationDays = 2, kNoShowDays = 30;
  const json::object body{
      {"name", "負荷試験の利用停止の宿"},
      {"roomTypes",
       json::array{json::object{{"style", "standard"}, {"rooms", 4}, {"capacity", 4}}}},
      {"rules", json::object{{"openMonthsBefore", 2},
                             {"openHour", 9},
                             {"closeDaysBefore", 0},
                             {"changeCloseDaysBefore", 10},
                             {"cancelCloseDaysBefore", 10},
                             {"maxUpcoming", world.max_upcoming},
                             {"maxNights", 2}}},
      {"penalties", json::object{{"lateDays", 10},
                                 {"lateCancellationDays", kLateCancellationDays},
                                 {"noShowDays", kNoShowDays}}},
      {"rates", json::array{json::object{
                    {"effectiveFrom", today},
                    {"adult", 4000},
                    {"child", 2500},
                    {"infant", 500},
                    {"saturdaySurcharge", 700},
                    {"holidayEveSurcharge", 900},
                    {"senior", json::object{{"perNight", 2000}, {"nightsPerFiscalYear", 3}}},
                    {"disability", json::object{{"perNight", 1500}, {"nightsPerFiscalYear", 2}}},
                    {"bathingTax", 150}}}}};
  const Answer a = http.send({"PUT",
                              std::string("/api/operator/facilities/") + kPenaltyFacility,
                              json::serialize(body),
                              staff.operator_cookie,
                              {},
                              0});
  if (a.status != 201) return failed("registering the penalty facility", a);
  written = std::max(written, a.position);
  world.late_cancellation_days = kLateCancellationDays;
  world.no_show_days = kNoShowDays;
  return std::nullopt;
}

}  // namespace hoyo::load
