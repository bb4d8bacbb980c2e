// The price of a stay, computed from a facility's rate tables (rates.h), with
// a line per night and category (docs/booking-core.md, "Fees"). Pure.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "base/status.h"
#include "domain/civil_time.h"
#include "domain/rates.h"

namespace hoyo::domain {

inline constexpr const char* kCurrency = "JPY";
// More people of one kind in one room-night than any facility holds: the
// bound of every guest count.
inline constexpr int kMaxGuestsOfAKind = 100;

// The guests of one night. A room's people count is adults + children;
// infants (under 4) are not counted.
struct Guests {
  int adults = 0;
  int children = 0;
  int infants = 0;
  int people() const { return adults + children; }  // what a room counts
  bool operator==(const Guests&) const = default;
};

// What a stay's price is asked for.
struct PriceRequest {
  Date check_in;
  int nights = 1;
  // One per night. Empty: every person of `people` is an adult.
  std::vector<Guests> guests;
  // One per night (adults + children). May be empty when `guests` is given;
  // when both are given they must agree.
  std::vector<int> people;
  Reduction reduction = Reduction::kNone;
  // The account holder's reduced nights already used, by fiscal year
  // (fiscal_year()); a year not listed has none used.
  std::map<int, int> reduced_nights_used;
};

// The guests of every night of `request`: its `guests`, or without them each
// night's `people` as adults. Refused with kValidation (`nights`, `guests`,
// `people`) when a list does not hold one entry per night, a count is outside
// 0..100, a night has no adult or child, or both lists are given and adults +
// children differ from people on a night. Rates and reductions are not read.
base::Result<std::vector<Guests>> guests_per_night(const PriceRequest& request);

// A price line's category. The values are stable.
enum class PriceCategory : std::uint8_t {
  kAdult = 0,
  kSenior = 1,      // the holder at the senior reduced rate
  kDisability = 2,  // the holder and one caregiver at the disability reduced rate
  kChild = 3,
  kInfant = 4,
  kSaturdaySurcharge = 5,
  kHolidayEveSurcharge = 6,
  kBathingTax = 7,
};
// "adult", "senior", "disability", "child", "infant", "saturday_surcharge",
// "holiday_eve_surcharge", "bathing_tax".
const char* price_category_name(PriceCategory c);

// `count` people (or, in a difference, the change in people) at `unit_price`
// yen on the night of `date`: amount = count * unit_price.
struct PriceLine {
  Date date;
  PriceCategory category = PriceCategory::kAdult;
  int count = 0;
  Yen unit_price = 0;
  Yen amount = 0;
  bool operator==(const PriceLine&) const = default;
};

// A price in yen (kCurrency): the lines by night, then by category.
struct Price {
  Yen total = 0;
  std::vector<PriceLine> lines;
  bool operator==(const Price&) const = default;
};

// The price of a stay: every night priced by the table in force that night.
// Per night and table:
// - adults at `adult`, children at `child`, infants at `infant`;
// - with a reduction claimed, on a night that is not excluded
//   (reduction_excluded) and while the holder's cap for that night's fiscal
//   year is not used up: the holder (senior), or the holder and one more adult
//   as caregiver (disability), at the reduced rate instead of `adult`; each
//   such night uses one night of the holder's cap, whatever the people count;
// - one surcharge per adult and child: the larger of the Saturday and the
//   holiday-eve surcharge that apply (the holiday eve's on a tie);
// - the bathing tax per adult, reduced or not.
// Categories with no one are left out; an infant line shows even at 0 yen.
// Refused with kValidation (`nights`, `guests`, `people`, `reduction`,
// `reducedNightsUsed`) or kNotFound when no table is in force on a night.
base::Result<Price> price_stay(const std::vector<RateTable>& tables, const PriceRequest& request);

// The reduced nights a price uses, by fiscal year.
std::map<int, int> reduced_nights_by_fiscal_year(const Price& price);

// What a change costs: after minus before, line by line (the same night,
// category and unit price), leaving out lines that cancel out. A negative
// count or amount is a refund.
Price price_difference(const Price& before, const Price& after);

}  // namespace hoyo::domain
