#include "domain/event_codec_rates.h"

namespace hoyo::domain::internal {
namespace {

void put_reduced(schema::ReducedRate::Builder b, const ReducedRate& r) {
  b.setPerNight(r.per_night);
  b.setNightsPerFiscalYear(static_cast<std::uint16_t>(r.nights_per_fiscal_year));
}

ReducedRate get_reduced(schema::ReducedRate::Reader r) {
  return {r.getPerNight(), static_cast<int>(r.getNightsPerFiscalYear())};
}

}  // namespace

void put_rates(schema::Facility::Builder b, const std::vector<RateTable>& rates) {
  auto list = b.initRates(static_cast<unsigned>(rates.size()));
  for (unsigned i = 0; i < rates.size(); ++i) {
    const RateTable& t = rates[i];
    auto o = list[i];
    o.setEffectiveFrom(t.effective_from.days);
    o.setAdult(t.adult);
    o.setChild(t.child);
    o.setInfant(t.infant);
    o.setSaturdaySurcharge(t.saturday_surcharge);
    o.setHolidayEveSurcharge(t.holiday_eve_surcharge);
    if (t.senior) put_reduced(o.initSenior(), *t.senior);
    if (t.disability) put_reduced(o.initDisability(), *t.disability);
    o.setReducedExcludesSaturdays(t.reduced_excludes_saturdays);
    o.setReducedExcludesHolidayEves(t.reduced_excludes_holiday_eves);
    auto ranges =
        o.initReducedExcludedRanges(static_cast<unsigned>(t.reduced_excluded_ranges.size()));
    for (unsigned j = 0; j < t.reduced_excluded_ranges.size(); ++j) {
      const MonthDayRange& r = t.reduced_excluded_ranges[j];
      ranges[j].setFromMonth(static_cast<std::uint8_t>(r.from.month));
      ranges[j].setFromDay(static_cast<std::uint8_t>(r.from.day));
      ranges[j].setToMonth(static_cast<std::uint8_t>(r.to.month));
      ranges[j].setToDay(static_cast<std::uint8_t>(r.to.day));
    }
    o.setBathingTax(t.bathing_tax);
  }
}

std::vector<RateTable> get_rates(schema::Facility::Reader b) {
  std::vector<RateTable> out;
  for (auto o : b.getRates()) {
    RateTable t;
    t.effective_from = Date{o.getEffectiveFrom()};
    t.adult = o.getAdult();
    t.child = o.getChild();
    t.infant = o.getInfant();
    t.saturday_surcharge = o.getSaturdaySurcharge();
    t.holiday_eve_surcharge = o.getHolidayEveSurcharge();
    if (o.hasSenior()) t.senior = get_reduced(o.getSenior());
    if (o.hasDisability()) t.disability = get_reduced(o.getDisability());
    t.reduced_excludes_saturdays = o.getReducedExcludesSaturdays();
    t.reduced_excludes_holiday_eves = o.getReducedExcludesHolidayEves();
    t.reduced_excluded_ranges.clear();
    for (auto r : o.getReducedExcludedRanges()) {
      t.reduced_excluded_ranges.push_back(
          {{r.getFromMonth(), r.getFromDay()}, {r.getToMonth(), r.getToDay()}});
    }
    t.bathing_tax = o.getBathingTax();
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace hoyo::domain::internal
