// M6's mark of a date, the one rule every view of vacancy uses: ● every room
// of the day free, ▲ some free, × none free while the date is in its
// first-come window, － nothing bookable first-come (closed, outside the
// window, or every room held for a lottery).
#pragma once

#include <cstdint>

namespace hoyo::domain {

enum class Mark : std::uint8_t {
  kAllFree,      // ●
  kSomeFree,     // ▲
  kFull,         // ×
  kNotBookable,  // －
};
const char* mark_symbol(Mark m);  // "●", "▲", "×", "－"

// The mark of a date with `total_rooms` rooms not closed, `held_rooms` of
// them held for a lottery and `free_rooms` bookable first-come now.
Mark mark_of(bool closed, bool in_first_come_window, int total_rooms, int held_rooms,
             int free_rooms);

}  // namespace hoyo::domain
