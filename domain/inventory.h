// Rooms taken per facility, date and style. A room is either booked (first-come
// or a lottery win) or held for a lottery period (not bookable first-come until
// the period publishes); holds are first-class counts, not reservations.
#pragma once

#include <array>
#include <map>
#include <string>
#include <unordered_map>

#include "domain/civil_time.h"
#include "domain/facility.h"

namespace hoyo::domain {

class Inventory {
 public:
  struct Count {
    int booked = 0;
    int held = 0;
    bool operator==(const Count&) const = default;
  };

  Count at(const std::string& facility, Date d, RoomStyle s) const;
  void add_booked(const std::string& facility, Date d, RoomStyle s, int delta);
  void add_held(const std::string& facility, Date d, RoomStyle s, int delta);

  // Rooms of style `s` bookable first-come on `d`: none on a closed date,
  // otherwise the style's rooms less booked and held ones.
  int free_first_come(const Facility& f, Date d, RoomStyle s) const;

  // Equal when every (facility, date, style) has the same counts; entries that
  // went back to zero count as absent.
  bool operator==(const Inventory& other) const;

  // Visits every (facility, date, style, count) with a non-zero count.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [facility, days] : counts_) {
      for (const auto& [day, styles] : days) {
        for (int s = 0; s < kStyleCount; ++s) {
          if (styles[s].booked != 0 || styles[s].held != 0) {
            f(facility, Date{day}, static_cast<RoomStyle>(s), styles[s]);
          }
        }
      }
    }
  }

 private:
  // facility -> day -> counts by style (days ordered: for_each visits them in order).
  std::unordered_map<std::string, std::map<std::int32_t, std::array<Count, kStyleCount>>> counts_;
};

}  // namespace hoyo::domain
