// One date's vacancy at a facility, as the read side serves it (M6).
#pragma once

#include <array>

#include "domain/civil_time.h"
#include "domain/facility.h"
#include "domain/vacancy_mark.h"

namespace hoyo::projections {

using domain::Mark;
using domain::mark_symbol;

struct VacancyDay {
  domain::Date date;
  int free_rooms = 0;   // bookable first-come right now (a one-night stay)
  int total_rooms = 0;  // rooms of the facility not closed that day
  Mark mark = Mark::kNotBookable;
  bool bookable = false;
  std::array<int, domain::kStyleCount> free_by_style{};  // indexed by RoomStyle
};

}  // namespace hoyo::projections
