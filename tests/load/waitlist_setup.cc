#include <boost/json.hpp>

#include "lottery_setup.h"
#include "waitlist.h"

namespace hoyo::load {

namespace json = boost::json;

std::optional<std::string> open_waitlist_facility(HttpClient& http, const Staff& staff,
                                                  const std::string& today, World& world,
                                                  std::uint64_t& written) {
  constexpr int kEntriesPerMonth = 2;
  const json::object body{
      {"name", "負荷試験の宿"},
      {"roomTypes",
       json::array{json::object{{"style", "standard"}, {"rooms", 3}, {"capacity", 4}}}},
      {"waitlist", json::object{{"enabled", true},
                                {"entriesPerMonth", kEntriesPerMonth},
                                {"closeDaysBefore", 0},
                                {"pickAt", "09:00"},
                                {"offerDays", 1},
                                {"offerBy", "23:59"}}},
      // Priced, with both reductions and small caps: the
      // offers accepted are priced with their entries'
      // guests and claims, caps used up or not.
      {"rates", json::array{json::object{
                    {"effectiveFrom", today},
                    {"adult", 3800},
                    {"child", 2400},
                    {"infant", 300},
                    {"senior", json::object{{"perNight", 1800}, {"nightsPerFiscalYear", 2}}},
                    {"disability", json::object{{"perNight", 1400}, {"nightsPerFiscalYear", 2}}},
                    {"bathingTax", 150}}}}};
  const Answer a = http.send({"PUT",
                              std::string("/api/operator/facilities/") + kWaitlistFacility,
                              json::serialize(body),
                              staff.operator_cookie,
                              {},
                              0});
  if (a.status != 201) return failed("registering the waitlist facility", a);
  written = std::max(written, a.position);
  world.waitlist_facility = kWaitlistFacility;
  world.waitlist_entries_per_month = kEntriesPerMonth;
  return std::nullopt;
}

Answer next_waitlist_day(HttpClient& http, World& world) {
  std::string error;
  const auto now = clock_now(http, &error);
  if (!now) return Answer{0, {}, 0, {}, {}, error};
  const std::string tomorrow = add_days(tokyo_time(*now).substr(0, 10), 1);
  const auto to = parse_time(tomorrow + "T09:00:30+09:00");
  Answer a = move_clock(http, to.value_or(0));
  if (a.status == 200) ++world.clock_days;
  return a;
}

}  // namespace hoyo::load
