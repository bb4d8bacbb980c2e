// M6 vacancy: per facility and date, free and total rooms and the mark, as
// docs/rules.md defines them. Computed from the booking projection and the clock
// (windows open and close with time, not with events).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "domain/booking_state.h"

namespace hoyo::projections {

enum class Mark : std::uint8_t {
  kAllFree,      // ● every room of the day is free
  kSomeFree,     // ▲ some, not all
  kFull,         // × none free, while the day is in its first-come window
  kNotBookable,  // － closed, outside the window, or every room held for a lottery
};
const char* mark_symbol(Mark m);  // "●", "▲", "×", "－"

struct VacancyDay {
  domain::Date date;
  int free_rooms = 0;   // bookable first-come right now (a one-night stay)
  int total_rooms = 0;  // rooms of the facility not closed that day
  Mark mark = Mark::kNotBookable;
  bool bookable = false;
  std::array<int, domain::kStyleCount> free_by_style{};  // indexed by RoomStyle
};

// `days` consecutive days from `from`; empty for an unknown facility.
std::vector<VacancyDay> vacancy_days(const domain::BookingState& s, const std::string& facility,
                                     domain::Date from, int days, domain::Instant now);
// The calendar: `months` whole months from the first of `month`'s month.
std::vector<VacancyDay> vacancy_calendar(const domain::BookingState& s, const std::string& facility,
                                         domain::Date month, int months, domain::Instant now);

}  // namespace hoyo::projections
