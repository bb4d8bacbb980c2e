#include "http/codec/rates_json.h"

#include <cstdio>
#include <limits>
#include <optional>
#include <string>

namespace hoyo::domain {

namespace json = boost::json;

namespace {

std::string month_day(MonthDay md) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u-%02u", md.month % 100, md.day % 100);
  return buf;
}

json::value reduced_json(const ReducedRate& r) {
  return {{"perNight", r.per_night}, {"nightsPerFiscalYear", r.nights_per_fiscal_year}};
}

}  // namespace

void tag_invoke(json::value_from_tag, json::value& v, const RateTable& t) {
  json::array ranges;
  for (const MonthDayRange& r : t.reduced_excluded_ranges) {
    ranges.push_back({{"from", month_day(r.from)}, {"to", month_day(r.to)}});
  }
  json::object o{{"effectiveFrom", t.effective_from.to_string()},
                 {"adult", t.adult},
                 {"child", t.child},
                 {"infant", t.infant},
                 {"saturdaySurcharge", t.saturday_surcharge},
                 {"holidayEveSurcharge", t.holiday_eve_surcharge}};
  if (t.senior) o["senior"] = reduced_json(*t.senior);
  if (t.disability) o["disability"] = reduced_json(*t.disability);
  o["excludeSaturdays"] = t.reduced_excludes_saturdays;
  o["excludeHolidayEves"] = t.reduced_excludes_holiday_eves;
  o["excludedRanges"] = std::move(ranges);
  o["bathingTax"] = t.bathing_tax;
  v = std::move(o);
}

}  // namespace hoyo::domain

namespace hoyo::http {

namespace json = boost::json;
using base::Error;
using domain::RateTable;

namespace {

// Reads a table field by field; `bad` names the first field of the wrong shape.
class TableReader {
 public:
  TableReader(const json::object& o, std::string at) : o_(o), at_(std::move(at)) {}

  // An integer field; `required` ones must be present.
  void yen(const char* name, domain::Yen& out, bool required) {
    const json::value* v = o_.if_contains(name);
    if (!v) {
      if (required) fail(name);
      return;
    }
    if (!v->is_int64()) return fail(name);
    out = v->as_int64();
  }
  void flag(const char* name, bool& out) {
    const json::value* v = o_.if_contains(name);
    if (!v) return;
    if (!v->is_bool()) return fail(name);
    out = v->as_bool();
  }
  void reduced(const char* name, std::optional<domain::ReducedRate>& out) {
    const json::value* v = o_.if_contains(name);
    if (!v) return;
    const json::object* r = v->if_object();
    const json::value* per = r ? r->if_contains("perNight") : nullptr;
    const json::value* cap = r ? r->if_contains("nightsPerFiscalYear") : nullptr;
    if (!per || !per->is_int64() || !cap || !cap->is_int64() ||
        cap->as_int64() < std::numeric_limits<int>::min() ||
        cap->as_int64() > std::numeric_limits<int>::max()) {
      return fail(name);
    }
    out = domain::ReducedRate{per->as_int64(), static_cast<int>(cap->as_int64())};
  }
  void date(const char* name, domain::Date& out) {
    const json::value* v = o_.if_contains(name);
    const auto d = v && v->is_string() ? domain::Date::parse(v->as_string()) : std::nullopt;
    if (!d) return fail(name);
    out = *d;
  }
  void ranges(const char* name, std::vector<domain::MonthDayRange>& out) {
    const json::value* v = o_.if_contains(name);
    if (!v) return;
    if (!v->is_array()) return fail(name);
    out.clear();
    for (const json::value& item : v->as_array()) {
      const json::object* r = item.if_object();
      const auto from = r ? month_day(r->if_contains("from")) : std::nullopt;
      const auto to = r ? month_day(r->if_contains("to")) : std::nullopt;
      if (!from || !to) return fail(name);
      out.push_back({*from, *to});
    }
  }
  const std::optional<std::string>& bad() const { return bad_; }

 private:
  // "MM-DD" as numbers; whether the day exists is the domain's check.
  static std::optional<domain::MonthDay> month_day(const json::value* v) {
    if (!v || !v->is_string()) return std::nullopt;
    const json::string& s = v->as_string();
    auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
    if (s.size() != 5 || s[2] != '-' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) {
      return std::nullopt;
    }
    return domain::MonthDay{static_cast<unsigned>((s[0] - '0') * 10 + (s[1] - '0')),
                            static_cast<unsigned>((s[3] - '0') * 10 + (s[4] - '0'))};
  }
  void fail(const char* name) {
    if (!bad_) bad_ = at_ + "." + name;
  }

  const json::object& o_;
  std::string at_;
  std::optional<std::string> bad_;
};

Error format_error(std::string field) {
  return Error::validation(std::move(field), "invalid", base::MessageId::kRatesFormat);
}

}  // namespace

base::Result<std::vector<RateTable>> rates_of(const json::value& v) {
  const json::array* list = v.if_array();
  if (!list) return format_error("rates");
  std::vector<RateTable> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = "rates[" + std::to_string(i) + "]";
    const json::object* o = (*list)[i].if_object();
    if (!o) return format_error(at);
    RateTable t;
    TableReader r(*o, at);
    r.date("effectiveFrom", t.effective_from);
    r.yen("adult", t.adult, true);
    r.yen("child", t.child, true);
    r.yen("infant", t.infant, false);
    r.yen("saturdaySurcharge", t.saturday_surcharge, false);
    r.yen("holidayEveSurcharge", t.holiday_eve_surcharge, false);
    r.reduced("senior", t.senior);
    r.reduced("disability", t.disability);
    r.flag("excludeSaturdays", t.reduced_excludes_saturdays);
    r.flag("excludeHolidayEves", t.reduced_excludes_holiday_eves);
    r.ranges("excludedRanges", t.reduced_excluded_ranges);
    r.yen("bathingTax", t.bathing_tax, false);
    if (r.bad()) return format_error(*r.bad());
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace hoyo::http
