// The price of a stay at every edge: Saturdays, holiday eves (also one that is
// itself a holiday), the year-end exclusion, fiscal-year boundaries and caps,
// infants, stays given as people only, and rate changes mid-stay. Each case
// lists the expected lines as "date category count x unit = amount".
#include "domain/pricing.h"

#include <gtest/gtest.h>

#include <climits>
#include <string>
#include <vector>

namespace hoyo::domain {
namespace {

using base::ErrorCode;
using base::MessageId;

Date day(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }

// みなと荘-like, from fiscal 2026: adult 3,200, child 2,500, infants free,
// Saturday +1,000, holiday eve +800, senior 2,000 and disability 1,500 for 2
// nights a fiscal year, bathing tax 150; the default days without reductions.
RateTable minato_so() {
  RateTable t;
  t.effective_from = day(2026, 4, 1);
  t.adult = 3200;
  t.child = 2500;
  t.saturday_surcharge = 1000;
  t.holiday_eve_surcharge = 800;
  t.senior = ReducedRate{2000, 2};
  t.disability = ReducedRate{1500, 2};
  t.bathing_tax = 150;
  return t;
}

std::vector<std::string> lines_of(const Price& p) {
  std::vector<std::string> out;
  for (const PriceLine& l : p.lines) {
    out.push_back(l.date.to_string() + " " + price_category_name(l.category) + " " +
                  std::to_string(l.count) + "x" + std::to_string(l.unit_price) + "=" +
                  std::to_string(l.amount));
  }
  return out;
}

PriceRequest stay(Date check_in, std::vector<Guests> guests, Reduction r = Reduction::kNone,
                  std::map<int, int> used = {}) {
  PriceRequest q;
  q.check_in = check_in;
  q.nights = static_cast<int>(guests.size());
  q.guests = std::move(guests);
  q.reduction = r;
  q.reduced_nights_used = std::move(used);
  return q;
}

struct Case {
  const char* what;
  PriceRequest request;
  std::vector<std::string> lines;
  Yen total;
};

void expect_prices(const std::vector<RateTable>& tables, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    const auto price = price_stay(tables, c.request);
    ASSERT_TRUE(price.ok()) << c.what << ": " << price.error();
    EXPECT_EQ(lines_of(*price), c.lines) << c.what;
    EXPECT_EQ(price->total, c.total) << c.what;
    Yen sum = 0;
    for (const PriceLine& l : price->lines) sum += l.amount;
    EXPECT_EQ(sum, price->total) << c.what;
  }
}

const Reduction kSenior = Reduction::kSenior;
const Reduction kDisability = Reduction::kDisability;

TEST(Pricing, WeekdaysSaturdaysAndHolidayEves) {
  expect_prices(
      {minato_so()},
      {
          {"a Wednesday; the infant is free by default",
           stay(day(2027, 2, 3), {{2, 1, 1}}),
           {"2027-02-03 adult 2x3200=6400", "2027-02-03 child 1x2500=2500",
            "2027-02-03 infant 1x0=0", "2027-02-03 bathing_tax 2x150=300"},
           9200},
          {"a Saturday: the surcharge for adults and children, not infants",
           stay(day(2026, 12, 5), {{2, 1, 1}}),
           {"2026-12-05 adult 2x3200=6400", "2026-12-05 child 1x2500=2500",
            "2026-12-05 infant 1x0=0", "2026-12-05 saturday_surcharge 3x1000=3000",
            "2026-12-05 bathing_tax 2x150=300"},
           12200},
          {"the eve of 建国記念の日 (a Wednesday)",
           stay(day(2027, 2, 10), {{2, 0, 0}}),
           {"2027-02-10 adult 2x3200=6400", "2027-02-10 holiday_eve_surcharge 2x800=1600",
            "2027-02-10 bathing_tax 2x150=300"},
           8300},
          {"5/3 and 5/4 are holidays and eves; 5/5 is a holiday before a working day",
           stay(day(2027, 5, 3), {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}),
           {"2027-05-03 adult 1x3200=3200", "2027-05-03 holiday_eve_surcharge 1x800=800",
            "2027-05-03 bathing_tax 1x150=150", "2027-05-04 adult 1x3200=3200",
            "2027-05-04 holiday_eve_surcharge 1x800=800", "2027-05-04 bathing_tax 1x150=150",
            "2027-05-05 adult 1x3200=3200", "2027-05-05 bathing_tax 1x150=150"},
           11650},
          {"a Saturday that is also an eve pays the larger surcharge, once",
           stay(day(2027, 3, 20), {{1, 0, 0}}),
           {"2027-03-20 adult 1x3200=3200", "2027-03-20 saturday_surcharge 1x1000=1000",
            "2027-03-20 bathing_tax 1x150=150"},
           4350},
          {"a Sunday holiday before its 振替休日 is an eve",
           stay(day(2027, 3, 21), {{1, 0, 0}}),
           {"2027-03-21 adult 1x3200=3200", "2027-03-21 holiday_eve_surcharge 1x800=800",
            "2027-03-21 bathing_tax 1x150=150"},
           4150},
      });
  RateTable eve_dearer = minato_so();
  eve_dearer.holiday_eve_surcharge = 1000;  // a tie goes to the holiday eve
  expect_prices({eve_dearer},
                {{"a tie between the two surcharges",
                  stay(day(2027, 3, 20), {{1, 0, 0}}),
                  {"2027-03-20 adult 1x3200=3200", "2027-03-20 holiday_eve_surcharge 1x1000=1000",
                   "2027-03-20 bathing_tax 1x150=150"},
                  4350}});
}

TEST(Pricing, ReductionsGoToTheHolderAndOneCaregiverOnDaysNotExcluded) {
  expect_prices({minato_so()},
                {
                    {"senior: the holder only",
                     stay(day(2027, 2, 3), {{2, 0, 0}}, kSenior),
                     {"2027-02-03 adult 1x3200=3200", "2027-02-03 senior 1x2000=2000",
                      "2027-02-03 bathing_tax 2x150=300"},
                     5500},
                    {"disability: the holder and one caregiver, not a third adult",
                     stay(day(2027, 2, 3), {{3, 1, 0}}, kDisability),
                     {"2027-02-03 adult 1x3200=3200", "2027-02-03 disability 2x1500=3000",
                      "2027-02-03 child 1x2500=2500", "2027-02-03 bathing_tax 3x150=450"},
                     9150},
                    {"disability alone: the holder",
                     stay(day(2027, 2, 3), {{1, 0, 0}}, kDisability),
                     {"2027-02-03 disability 1x1500=1500", "2027-02-03 bathing_tax 1x150=150"},
                     1650},
                    {"not on a Saturday",
                     stay(day(2026, 12, 5), {{1, 0, 0}}, kSenior),
                     {"2026-12-05 adult 1x3200=3200", "2026-12-05 saturday_surcharge 1x1000=1000",
                      "2026-12-05 bathing_tax 1x150=150"},
                     4350},
                    {"not on an eve that is itself a holiday",
                     stay(day(2027, 5, 3), {{1, 0, 0}}, kSenior),
                     {"2027-05-03 adult 1x3200=3200", "2027-05-03 holiday_eve_surcharge 1x800=800",
                      "2027-05-03 bathing_tax 1x150=150"},
                     4150},
                    {"12/28 reduced; 12/29 starts the year-end exclusion",
                     stay(day(2026, 12, 28), {{1, 0, 0}, {1, 0, 0}}, kSenior),
                     {"2026-12-28 senior 1x2000=2000", "2026-12-28 bathing_tax 1x150=150",
                      "2026-12-29 adult 1x3200=3200", "2026-12-29 bathing_tax 1x150=150"},
                     5500},
                    {"the exclusion wraps the year: 1/3 excluded, 1/4 reduced",
                     stay(day(2027, 1, 3), {{1, 0, 0}, {1, 0, 0}}, kSenior),
                     {"2027-01-03 adult 1x3200=3200", "2027-01-03 bathing_tax 1x150=150",
                      "2027-01-04 senior 1x2000=2000", "2027-01-04 bathing_tax 1x150=150"},
                     5500},
                });
}

TEST(Pricing, CapsCountPerFiscalYearAndRunOutMidStay) {
  expect_prices(
      {minato_so()},
      {
          {"one night left: the first night takes it, the second pays in full",
           stay(day(2027, 2, 2), {{1, 0, 0}, {1, 0, 0}}, kSenior, {{2026, 1}}),
           {"2027-02-02 senior 1x2000=2000", "2027-02-02 bathing_tax 1x150=150",
            "2027-02-03 adult 1x3200=3200", "2027-02-03 bathing_tax 1x150=150"},
           5500},
          {"none left: the claim stands, nothing is reduced",
           stay(day(2027, 2, 2), {{1, 0, 0}}, kSenior, {{2026, 2}}),
           {"2027-02-02 adult 1x3200=3200", "2027-02-02 bathing_tax 1x150=150"},
           3350},
          {"across 3/31: fiscal 2026 has one night left, fiscal 2027 starts afresh",
           stay(day(2027, 3, 30), {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}, kSenior, {{2026, 1}}),
           {"2027-03-30 senior 1x2000=2000", "2027-03-30 bathing_tax 1x150=150",
            "2027-03-31 adult 1x3200=3200", "2027-03-31 bathing_tax 1x150=150",
            "2027-04-01 senior 1x2000=2000", "2027-04-01 bathing_tax 1x150=150"},
           7650},
          {"a used-up year does not lend to the next",
           stay(day(2027, 3, 31), {{1, 0, 0}, {1, 0, 0}}, kSenior, {{2026, 2}, {2027, 2}}),
           {"2027-03-31 adult 1x3200=3200", "2027-03-31 bathing_tax 1x150=150",
            "2027-04-01 adult 1x3200=3200", "2027-04-01 bathing_tax 1x150=150"},
           6700},
      });
  const auto p = price_stay({minato_so()}, stay(day(2027, 3, 30), {{2, 0, 0}, {2, 0, 0}, {2, 0, 0}},
                                                kDisability, {{2026, 1}}));
  ASSERT_TRUE(p.ok());
  // Two people reduced on a night use one night of the holder's cap.
  EXPECT_EQ(reduced_nights_by_fiscal_year(*p), (std::map<int, int>{{2026, 1}, {2027, 1}}));
}

TEST(Pricing, WithoutGuestsEveryoneIsAnAdult) {
  PriceRequest q;
  q.check_in = day(2027, 2, 2);
  q.nights = 2;
  q.people = {3, 2};
  expect_prices({minato_so()},
                {{"people only",
                  q,
                  {"2027-02-02 adult 3x3200=9600", "2027-02-02 bathing_tax 3x150=450",
                   "2027-02-03 adult 2x3200=6400", "2027-02-03 bathing_tax 2x150=300"},
                  16750}});
  // People that agree with the guests are accepted.
  q.guests = {{2, 1, 3}, {1, 1, 0}};
  EXPECT_TRUE(price_stay({minato_so()}, q).ok());
}

TEST(Pricing, EachNightIsPricedByTheTableInForceThatNight) {
  RateTable fy2027 = minato_so();
  fy2027.effective_from = day(2027, 4, 1);
  fy2027.adult = 3400;
  fy2027.bathing_tax = 0;  // no line where there is nothing to pay
  expect_prices({fy2027, minato_so()},
                {{"a stay across the new fiscal year's prices",
                  stay(day(2027, 3, 31), {{1, 0, 0}, {1, 0, 0}}),
                  {"2027-03-31 adult 1x3200=3200", "2027-03-31 bathing_tax 1x150=150",
                   "2027-04-01 adult 1x3400=3400"},
                  6750}});
}

TEST(Pricing, RefusalsNameTheField) {
  const std::vector<RateTable> tables = {minato_so()};
  struct Refusal {
    const char* what;
    PriceRequest request;
    ErrorCode code;
    std::string field;
    MessageId message;
  };
  PriceRequest disagree = stay(day(2027, 2, 3), {{2, 1, 0}});
  disagree.people = {2};
  PriceRequest no_people = stay(day(2027, 2, 3), {});
  no_people.nights = 1;
  PriceRequest no_nights = stay(day(2027, 2, 3), {});
  const Refusal refusals[] = {
      {"no table yet", stay(day(2026, 3, 31), {{1, 0, 0}}), ErrorCode::kNotFound, "",
       MessageId::kNoRatesInForce},
      {"no nights", no_nights, ErrorCode::kValidation, "nights", MessageId::kRange},
      {"neither guests nor people", no_people, ErrorCode::kValidation, "people",
       MessageId::kPeoplePerNight},
      {"guests and people disagree", disagree, ErrorCode::kValidation, "people",
       MessageId::kGuestsDisagreeWithPeople},
      {"a negative infant count", stay(day(2027, 2, 3), {{1, 0, -1}}), ErrorCode::kValidation,
       "guests", MessageId::kGuestsCount},
      {"infants alone", stay(day(2027, 2, 3), {{0, 0, 2}}), ErrorCode::kValidation, "guests",
       MessageId::kGuestsCount},
      // Counts from a client are bounded before they are added (INT_MAX + 1
      // adults and children overflowed an int).
      {"an absurd adult count", stay(day(2027, 2, 3), {{INT_MAX, 1, 0}}), ErrorCode::kValidation,
       "guests", MessageId::kGuestsCount},
      {"101 children", stay(day(2027, 2, 3), {{1, 101, 0}}), ErrorCode::kValidation, "guests",
       MessageId::kGuestsCount},
      {"a reduction with no adult", stay(day(2027, 2, 3), {{0, 2, 0}}, kSenior),
       ErrorCode::kValidation, "reduction", MessageId::kReductionNeedsAdult},
      {"negative nights used", stay(day(2027, 2, 3), {{1, 0, 0}}, kSenior, {{2026, -1}}),
       ErrorCode::kValidation, "reducedNightsUsed", MessageId::kRange},
  };
  for (const Refusal& r : refusals) {
    const auto p = price_stay(tables, r.request);
    ASSERT_FALSE(p.ok()) << r.what;
    EXPECT_EQ(p.code(), r.code) << r.what;
    EXPECT_EQ(p.error().message, r.message) << r.what;
    if (!r.field.empty()) {
      EXPECT_EQ(p.error().fields.at(0).field, r.field) << r.what;
    }
  }
  PriceRequest mismatch = stay(day(2027, 2, 3), {{1, 0, 0}});
  mismatch.nights = 2;
  EXPECT_EQ(price_stay(tables, mismatch).error().fields.at(0).field, "guests");
  const auto missing = price_stay(tables, stay(day(2026, 3, 31), {{1, 0, 0}}));
  EXPECT_EQ(base::arg_text(missing.error().args, "date"), "2026-03-31");

  RateTable no_reductions = minato_so();
  no_reductions.senior.reset();
  const auto refused = price_stay({no_reductions}, stay(day(2027, 2, 3), {{1, 0, 0}}, kSenior));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).code, "not_offered");
  // Offered on one night of the stay: claimed, and given where offered.
  no_reductions.effective_from = day(2027, 4, 1);
  expect_prices({minato_so(), no_reductions},
                {{"the reduction ends with the old table",
                  stay(day(2027, 3, 31), {{1, 0, 0}, {1, 0, 0}}, kSenior),
                  {"2027-03-31 senior 1x2000=2000", "2027-03-31 bathing_tax 1x150=150",
                   "2027-04-01 adult 1x3200=3200", "2027-04-01 bathing_tax 1x150=150"},
                  5500}});
}

TEST(Pricing, TheDifferenceOfAChangeLineByLine) {
  const std::vector<RateTable> tables = {minato_so()};
  const Price before = *price_stay(tables, stay(day(2027, 2, 2), {{2, 0, 0}, {2, 0, 0}}));
  const Price after = *price_stay(tables, stay(day(2027, 2, 2), {{2, 1, 0}}));
  const Price diff = price_difference(before, after);
  EXPECT_EQ(diff.total, after.total - before.total);
  EXPECT_EQ(diff.total, 2500 - 6700);
  EXPECT_EQ(lines_of(diff), (std::vector<std::string>{"2027-02-02 child 1x2500=2500",
                                                      "2027-02-03 adult -2x3200=-6400",
                                                      "2027-02-03 bathing_tax -2x150=-300"}));
  EXPECT_TRUE(price_difference(before, before).lines.empty());
  EXPECT_EQ(price_difference(before, before).total, 0);
  // A rate change between the two: the old line goes, the new one comes.
  RateTable dearer = minato_so();
  dearer.adult = 3400;
  const Price repriced = *price_stay({dearer}, stay(day(2027, 2, 2), {{2, 0, 0}, {2, 0, 0}}));
  EXPECT_EQ(
      lines_of(price_difference(before, repriced)),
      (std::vector<std::string>{"2027-02-02 adult -2x3200=-6400", "2027-02-02 adult 2x3400=6800",
                                "2027-02-03 adult -2x3200=-6400", "2027-02-03 adult 2x3400=6800"}));
}

}  // namespace
}  // namespace hoyo::domain
