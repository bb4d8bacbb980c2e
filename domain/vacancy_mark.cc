#include "domain/vacancy_mark.h"

namespace hoyo::domain {

const char* mark_symbol(Mark m) {
  switch (m) {
    case Mark::kAllFree:
      return "●";
    case Mark::kSomeFree:
      return "▲";
    case Mark::kFull:
      return "×";
    case Mark::kNotBookable:
      break;
  }
  return "－";
}

Mark mark_of(bool closed, bool in_first_come_window, int total_rooms, int held_rooms,
             int free_rooms) {
  if (closed || !in_first_come_window || total_rooms == 0 || held_rooms >= total_rooms) {
    return Mark::kNotBookable;
  }
  if (free_rooms == total_rooms) return Mark::kAllFree;
  if (free_rooms > 0) return Mark::kSomeFree;
  return Mark::kFull;
}

}  // namespace hoyo::domain
