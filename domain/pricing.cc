#include "domain/pricing.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "domain/holidays.h"
#include "domain/message_args.h"

namespace hoyo::domain {
namespace {

using base::Error;
using base::ErrorCode;
using base::MessageId;
using base::Result;

constexpr int kMaxPricedNights = 366;
constexpr int kSaturday = 6;

}  // namespace

Result<std::vector<Guests>> guests_per_night(const PriceRequest& r) {
  if (r.nights < 1 || r.nights > kMaxPricedNights) {
    return Error::validation("nights", "out_of_range", MessageId::kRange,
                             {{"min", 1}, {"max", kMaxPricedNights}});
  }
  const auto nights = static_cast<std::size_t>(r.nights);
  if ((r.guests.empty() || !r.people.empty()) && r.people.size() != nights) {
    return Error::validation("people", "count", MessageId::kPeoplePerNight);
  }
  if (!r.guests.empty() && r.guests.size() != nights) {
    return Error::validation("guests", "count", MessageId::kGuestsPerNight);
  }
  std::vector<Guests> out = r.guests;
  if (out.empty()) {
    for (int p : r.people) out.push_back({p, 0, 0});
  }
  for (std::size_t i = 0; i < nights; ++i) {
    const Guests& g = out[i];
    // Each count is bounded before any sum: a room holds a few people, and
    // counts from a client must not overflow what they are added to.
    if (g.adults < 0 || g.children < 0 || g.infants < 0 || g.adults > kMaxGuestsOfAKind ||
        g.children > kMaxGuestsOfAKind || g.infants > kMaxGuestsOfAKind ||
        g.adults + g.children < 1) {
      return Error::validation(r.guests.empty() ? "people" : "guests", "out_of_range",
                               MessageId::kGuestsCount);
    }
    if (!r.people.empty() && g.adults + g.children != r.people[i]) {
      return Error::validation("people", "mismatch", MessageId::kGuestsDisagreeWithPeople);
    }
  }
  return out;
}

namespace {

// Adds the line `count` x `unit` unless there is no one to charge.
void add_line(Price& p, Date d, PriceCategory c, int count, Yen unit) {
  if (count <= 0) return;
  p.lines.push_back({d, c, count, unit, count * unit});
  p.total += count * unit;
}

// The surcharge of a night, if any: the larger of those that apply.
std::optional<std::pair<PriceCategory, Yen>> surcharge(const RateTable& t, Date night) {
  const Yen saturday = night.weekday() == kSaturday ? t.saturday_surcharge : 0;
  const Yen eve = is_holiday_eve(night) ? t.holiday_eve_surcharge : 0;
  if (eve > 0 && eve >= saturday) return std::pair{PriceCategory::kHolidayEveSurcharge, eve};
  if (saturday > 0) return std::pair{PriceCategory::kSaturdaySurcharge, saturday};
  return std::nullopt;
}

}  // namespace

const char* price_category_name(PriceCategory c) {
  switch (c) {
    case PriceCategory::kAdult:
      return "adult";
    case PriceCategory::kSenior:
      return "senior";
    case PriceCategory::kDisability:
      return "disability";
    case PriceCategory::kChild:
      return "child";
    case PriceCategory::kInfant:
      return "infant";
    case PriceCategory::kSaturdaySurcharge:
      return "saturday_surcharge";
    case PriceCategory::kHolidayEveSurcharge:
      return "holiday_eve_surcharge";
    case PriceCategory::kBathingTax:
      return "bathing_tax";
  }
  return "adult";  // unreachable: every category is listed
}

base::Result<Price> price_stay(const std::vector<RateTable>& tables, const PriceRequest& request) {
  auto guests = guests_per_night(request);
  if (!guests.ok()) return guests.error();
  for (const auto& [year, used] : request.reduced_nights_used) {
    if (used < 0 || used > kMaxPricedNights) {
      return Error::validation("reducedNightsUsed", "out_of_range", MessageId::kRange,
                               {{"min", 0}, {"max", kMaxPricedNights}});
    }
  }
  const bool claimed = request.reduction != Reduction::kNone;
  const PriceCategory reduced_category = request.reduction == Reduction::kDisability
                                             ? PriceCategory::kDisability
                                             : PriceCategory::kSenior;
  const int reduced_people = request.reduction == Reduction::kDisability ? 2 : 1;
  std::map<int, int> used = request.reduced_nights_used;
  bool offered = false;
  Price price;
  for (int i = 0; i < request.nights; ++i) {
    const Date night = request.check_in.plus_days(i);
    const Guests& g = (*guests)[static_cast<std::size_t>(i)];
    const RateTable* t = rate_in_force(tables, night);
    if (!t)
      return Error{ErrorCode::kNotFound, MessageId::kNoRatesInForce, {{"date", day_arg(night)}}};
    int reduced = 0;
    const ReducedRate* rate = reduced_rate(*t, request.reduction);
    if (claimed && g.adults < 1) {
      return Error::validation("reduction", "needs_adult", MessageId::kReductionNeedsAdult);
    }
    if (rate) {
      offered = true;
      int& used_this_year = used[fiscal_year(night)];
      if (!reduction_excluded(*t, night) && used_this_year < rate->nights_per_fiscal_year) {
        reduced = std::min(g.adults, reduced_people);
        ++used_this_year;
      }
    }
    add_line(price, night, PriceCategory::kAdult, g.adults - reduced, t->adult);
    if (rate) add_line(price, night, reduced_category, reduced, rate->per_night);
    add_line(price, night, PriceCategory::kChild, g.children, t->child);
    add_line(price, night, PriceCategory::kInfant, g.infants, t->infant);
    if (const auto s = surcharge(*t, night)) {
      add_line(price, night, s->first, g.adults + g.children, s->second);
    }
    if (t->bathing_tax > 0)
      add_line(price, night, PriceCategory::kBathingTax, g.adults, t->bathing_tax);
  }
  if (claimed && !offered) {
    return Error::validation("reduction", "not_offered", MessageId::kReductionNotOffered);
  }
  return price;
}

std::map<int, int> reduced_nights_by_fiscal_year(const Price& price) {
  std::set<Date> nights;
  for (const PriceLine& l : price.lines) {
    if (l.category == PriceCategory::kSenior || l.category == PriceCategory::kDisability) {
      nights.insert(l.date);
    }
  }
  std::map<int, int> out;
  for (Date d : nights) ++out[fiscal_year(d)];
  return out;
}

Price price_difference(const Price& before, const Price& after) {
  using Key = std::tuple<Date, PriceCategory, Yen>;
  std::map<Key, std::pair<int, Yen>> change;
  for (const PriceLine& l : before.lines) {
    auto& [count, amount] = change[{l.date, l.category, l.unit_price}];
    count -= l.count;
    amount -= l.amount;
  }
  for (const PriceLine& l : after.lines) {
    auto& [count, amount] = change[{l.date, l.category, l.unit_price}];
    count += l.count;
    amount += l.amount;
  }
  Price out;
  out.total = after.total - before.total;
  for (const auto& [key, delta] : change) {
    if (delta.first == 0 && delta.second == 0) continue;
    out.lines.push_back(
        {std::get<0>(key), std::get<1>(key), delta.first, std::get<2>(key), delta.second});
  }
  return out;
}

}  // namespace hoyo::domain
