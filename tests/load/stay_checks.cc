// Checker's part about issue 17's prices, limits and payments (checks.h,
// stays()): the prices are the domain's own (domain::stay_price, and
// domain::price_claimed for what a waitlist booking keeps of its entry's
// claim), with the
// rate tables read back from the log by the API's own parser
// (http::rates_of), so that no rule is written twice.
#include <boost/json.hpp>

#include "checks.h"
#include "domain/rates.h"
#include "domain/stay_price.h"
#include "http/codec/rates_json.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// The price `v` records (its `price`): nullopt when it has none; `error`
// says why a price there does not read.
std::optional<domain::Price> recorded_price(const json::value& v, std::string* error) {
  const json::value* p = v.as_object().if_contains("price");
  if (!p || p->is_null()) return std::nullopt;
  domain::Price price;
  price.total = num(*p, "total");
  const json::value* lines = p->is_object() ? p->as_object().if_contains("lines") : nullptr;
  if (!lines || !lines->is_array()) {
    *error = "a price without lines";
    return price;
  }
  for (const json::value& l : lines->as_array()) {
    domain::PriceLine line;
    const auto date = domain::Date::parse(str(l, "date"));
    bool named = false;
    for (int c = 0; c <= static_cast<int>(domain::PriceCategory::kBathingTax) && !named; ++c) {
      line.category = static_cast<domain::PriceCategory>(c);
      named = str(l, "category") == domain::price_category_name(line.category);
    }
    if (!date || !named) *error = "an unreadable price line " + json::serialize(l);
    line.date = date.value_or(domain::Date{});
    line.count = static_cast<int>(num(l, "count"));
    line.unit_price = num(l, "unitPrice");
    line.amount = num(l, "amount");
    price.lines.push_back(line);
  }
  return price;
}

std::string price_text(const std::optional<domain::Price>& p) {
  if (!p) return "unpriced";
  std::string s = std::to_string(p->total) + " yen (";
  for (const domain::PriceLine& l : p->lines) {
    s += l.date.to_string() + " " + domain::price_category_name(l.category) + " " +
         std::to_string(l.count) + "x" + std::to_string(l.unit_price) + "; ";
  }
  return s + ")";
}

// The guests a log record carries under "guests" (none: empty).
std::vector<domain::Guests> logged_guests(const json::value& v) {
  std::vector<domain::Guests> out;
  const json::value* g = v.as_object().if_contains("guests");
  if (!g || !g->is_array()) return out;
  for (const json::value& n : g->as_array()) {
    out.push_back({static_cast<int>(num(n, "adults")), static_cast<int>(num(n, "children")),
                   static_cast<int>(num(n, "infants"))});
  }
  return out;
}

// An application as LotteryApplied records it, with its claims.
domain::LotteryApplication logged_application(const json::value& data) {
  domain::LotteryApplication a;
  a.id = str(data, "id");
  a.lottery = str(data, "lottery");
  a.user = str(data, "user");
  a.facility = str(data, "facility");
  a.check_in = domain::Date::parse(str(data, "checkIn")).value_or(domain::Date{});
  a.nights = static_cast<int>(num(data, "nights"));
  for (const json::value& p : data.at("people").as_array()) {
    a.people.push_back(static_cast<int>(p.as_int64()));
  }
  a.guests = logged_guests(data);
  const std::string reduction = str(data, "reduction");
  a.reduction = domain::parse_reduction(reduction.empty() ? "none" : reduction)
                    .value_or(domain::Reduction::kNone);
  return a;
}

}  // namespace

void Checker::check_win_price(const json::value& record, const ReservationState& r,
                              const std::string& user) {
  std::string error;
  const std::optional<domain::Price> logged = recorded_price(record, &error);
  if (!error.empty()) faults_.add("the log's booking " + r.number + " records " + error);
  fold_.prices[r.number] = logged;
  const std::string what =
      "the log's " + r.origin + " booking " + r.to_string() + " of user " + user;
  auto app = fold_.claims.find(str(record, "application"));
  auto f = fold_.facilities.find(r.facility);
  const auto check_in = domain::Date::parse(r.check_in);
  if (app == fold_.claims.end() || f == fold_.facilities.end() || !check_in) {
    faults_.add(what + " names no application, facility or date the log has");
    return;
  }
  // A win: the rate tables of its period's publication (those of the
  // facility now when its own group publishes it: the same). An offer: now.
  domain::Facility pricing = f->second;
  if (r.origin == "lottery") {
    auto published = fold_.published_rates.find(app->second.lottery);
    if (published != fold_.published_rates.end()) {
      auto then = published->second.find(r.facility);
      if (then != published->second.end()) pricing.rates = then->second;
    }
  }
  const domain::PricedWin expected = domain::price_win(
      pricing, app->second, *check_in, r.nights, r.people, reduced_nights_used(user, r.number));
  const std::vector<domain::Guests> guests = logged_guests(record);
  const std::string reduction = domain::reduction_name(expected.reduction);
  if (expected.price != logged || expected.guests != guests || reduction != r.reduction) {
    faults_.add(what + " records " + price_text(logged) + " for " + json::serialize(record) +
                "; its application's claims (" + std::to_string(app->second.guests.size()) +
                " nights of guests, " + domain::reduction_name(app->second.reduction) +
                ") price it " + price_text(expected.price) + ", " + reduction);
  }
  ++writes_checked_;
}

std::map<int, int> Checker::reduced_nights_used(const std::string& user,
                                                const std::string& except) const {
  std::map<int, int> used;
  auto mine = fold_.user_reservations.find(user);
  if (mine == fold_.user_reservations.end()) return used;
  for (const std::string& n : mine->second) {
    auto r = fold_.reservations.find(n);
    auto p = fold_.prices.find(n);
    if (n == except || r == fold_.reservations.end() || r->second.status != "booked" ||
        p == fold_.prices.end() || !p->second) {
      continue;
    }
    for (const auto& [year, nights] : domain::reduced_nights_by_fiscal_year(*p->second)) {
      used[year] += nights;
    }
  }
  return used;
}

void Checker::check_price(const std::string& what, const json::value& record,
                          const ReservationState& r, const std::string& user,
                          const std::string& except) {
  std::string error;
  const std::optional<domain::Price> logged = recorded_price(record, &error);
  if (!error.empty()) faults_.add("the log's " + what + " records " + error);
  fold_.prices[r.number] = logged;
  auto f = fold_.facilities.find(r.facility);
  const auto check_in = domain::Date::parse(r.check_in);
  const auto reduction = domain::parse_reduction(r.reduction);
  if (f == fold_.facilities.end() || !check_in || !reduction) {
    faults_.add("the log's " + what +
                " is at an unknown facility, date or reduction: " + r.to_string());
    return;
  }
  domain::PriceRequest ask{*check_in, r.nights,   {},
                           r.people,  *reduction, reduced_nights_used(user, except)};
  // The guests the log records (none: every person an adult).
  if (record.as_object().contains("guests")) {
    for (const GuestCount& g : r.guests) ask.guests.push_back({g.adults, g.children, g.infants});
  }
  auto expected = domain::stay_price(f->second, ask);
  if (!expected.ok()) {
    faults_.add("the log's " + what + " " + r.to_string() + " of user " + user +
                " is one the domain refuses to price: " + expected.error().to_string());
  } else if (*expected != logged) {
    faults_.add("the log's " + what + " " + r.to_string() + " of user " + user + " records " +
                price_text(logged) + "; the domain prices it " + price_text(*expected));
  }
  ++writes_checked_;
}

void Checker::check_waitlist_claim(const ReservationState& r, const std::string& user) {
  const auto& w = fold_.waitlist;
  const OfferState* offer = nullptr;
  for (const auto& [id, o] : w.offers) {
    if (o.number == r.number) offer = &o;
  }
  auto e = offer ? w.entries.find(offer->entry) : w.entries.end();
  auto f = fold_.facilities.find(r.facility);
  const auto from = e == w.entries.end() ? std::nullopt : domain::Date::parse(e->second.check_in);
  const auto at = domain::Date::parse(r.check_in);
  const auto reduction =
      e == w.entries.end() ? std::nullopt : domain::parse_reduction(e->second.reduction);
  if (e == w.entries.end() || f == fold_.facilities.end() || !from || !at || !reduction) {
    faults_.add("the log's waitlist booking " + r.to_string() + " of user " + user +
                " follows no accepted offer of a known entry");
    return;
  }
  std::vector<domain::Guests> claimed;
  for (const GuestCount& g : e->second.guests) claimed.push_back({g.adults, g.children, g.infants});
  const domain::PricedWin kept =
      domain::price_claimed(f->second, *from, claimed, *reduction, *at, r.nights, r.people,
                            reduced_nights_used(user, r.number));
  std::vector<GuestCount> guests;
  for (const domain::Guests& g : kept.guests) guests.push_back({g.adults, g.children, g.infants});
  if (guests != r.guests || domain::reduction_name(kept.reduction) != r.reduction) {
    faults_.add("the log's waitlist booking " + r.to_string() + " of user " + user +
                " does not record the claim of its " + e->second.to_string());
  }
}

bool Checker::fold_stay_event(const std::string& type, const json::value& data) {
  if (type == "FacilityRegistered" || type == "FacilityChanged") {
    const json::value* f = data.as_object().if_contains("facility");
    if (!f || !f->is_object()) return true;
    domain::Facility& facility = fold_.facilities[str(*f, "id")];
    facility.id = str(*f, "id");
    const json::value* rates = f->as_object().if_contains("rates");
    auto tables =
        rates ? http::rates_of(*rates)
              : base::Result<std::vector<domain::RateTable>>(std::vector<domain::RateTable>{});
    if (!tables.ok()) {
      faults_.add("the log's rates of " + facility.id +
                  " do not read: " + tables.error().to_string());
      return true;
    }
    facility.rates = std::move(tables).value();
    return true;
  }
  if (type == "StayLimitsSet") {
    const json::value* l = data.as_object().if_contains("limits");
    if (!l) return true;
    fold_.limits.nights_per_month = static_cast<int>(num(*l, "nightsPerMonth"));
    fold_.limits.nights_per_fiscal_year = static_cast<int>(num(*l, "nightsPerFiscalYear"));
    return true;
  }
  if (type == "LotteryApplied") {  // also the load's applications' fold
    fold_.claims[str(data, "id")] = logged_application(data);
    return false;
  }
  if (type == "LotteryPublished") {
    auto& rates = fold_.published_rates[str(data, "lottery")];
    for (const auto& [id, f] : fold_.facilities) rates[id] = f.rates;
    return true;
  }
  if (type == "ReservationPaid") {
    ++fold_.paid[str(data, "number")];
    return true;
  }
  if (type == "ReservationChanged") {
    const std::string number = str(data, "number");
    auto it = fold_.reservations.find(number);
    if (it == fold_.reservations.end()) return false;
    ReservationState next = it->second;
    next.check_in = str(data, "checkIn");
    next.nights = static_cast<int>(num(data, "nights"));
    next.people.clear();
    for (const json::value& p : data.at("people").as_array()) {
      next.people.push_back(static_cast<int>(p.as_int64()));
    }
    next.take_price_record(data);
    const std::optional<domain::Price> before = fold_.prices[number];
    check_price("change of " + number, data, next, fold_.reservation_user[number], number);
    const std::optional<domain::Price>& after = fold_.prices[number];
    const json::value* difference = data.as_object().if_contains("priceDifference");
    const bool both = before && after;
    if (both != (difference != nullptr) ||
        (both &&
         (!difference->is_int64() || difference->as_int64() != after->total - before->total))) {
      faults_.add("the log's change of " + number + " records priceDifference " +
                  (difference ? json::serialize(*difference) : "none") + " from " +
                  price_text(before) + " to " + price_text(after));
    }
    return false;
  }
  if (type != "ReservationBooked") return false;
  const json::value& record = data.at("reservation");
  auto r = ReservationState::from_log(record);
  if (!r) return false;
  const std::string user = str(record, "user");
  fold_.user_reservations[user].insert(r->number);
  // Lottery wins and runner-up offers are priced by the publication's
  // rules (domain::price_win) and never checked against the limits (the
  // draw decided); first-come and waitlist stays as a booking is.
  if (r->origin != "first_come" && r->origin != "waitlist") {
    check_win_price(record, *r, user);
    return false;
  }
  if (r->origin == "waitlist") check_waitlist_claim(*r, user);
  check_price("booking", record, *r, user, r->number);
  // The user's nights in each period of a limit that this stay touches,
  // its own included: within the limit.
  for (const domain::LimitKind kind :
       {domain::LimitKind::kNightsPerMonth, domain::LimitKind::kNightsPerFiscalYear}) {
    const int max = kind == domain::LimitKind::kNightsPerMonth
                        ? fold_.limits.nights_per_month
                        : fold_.limits.nights_per_fiscal_year;
    if (max == 0) continue;
    std::map<std::int32_t, int> held;  // period's first day -> nights
    for (const std::string& night : r->nights_held()) {
      held[domain::limit_period(kind, *domain::Date::parse(night)).days] = 0;
    }
    for (const std::string& n : fold_.user_reservations[user]) {
      const ReservationState& other = n == r->number ? *r : fold_.reservations[n];
      for (const std::string& night : other.nights_held()) {
        auto p = held.find(domain::limit_period(kind, *domain::Date::parse(night)).days);
        if (p != held.end()) ++p->second;
      }
    }
    for (const auto& [period, nights] : held) {
      if (nights > max) {
        faults_.add("the log's booking " + r->to_string() + " takes user " + user + " to " +
                    std::to_string(nights) + " nights in the " + domain::limit_kind_name(kind) +
                    " period from " + domain::Date{period}.to_string() + ", over its " +
                    std::to_string(max));
      }
    }
  }
  return false;
}

void Checker::stays(HttpClient& http, int cycle) {
  const std::uint64_t at = max_seen();
  std::set<std::string> acknowledged;
  for (const UserModel& u : users_) {
    const std::string who = "user " + u.account.number + ": ";
    for (const std::string& n : u.paid) {
      acknowledged.insert(n);
      if (fold_.paid[n] != 1) {
        faults_.add(who + "the payment of " + n + ", acknowledged, is in the log " +
                    std::to_string(fold_.paid[n]) + " times");
      }
    }
    writes_checked_ += u.paid.size();
    // The operators' search shows each reservation paid exactly when marked.
    const Answer a = call(http, cycle, "operator",
                          {"GET",
                           "/api/operator/reservations?userNumber=" + u.account.number,
                           {},
                           staff_.operator_cookie,
                           {},
                           at});
    auto list = parse_json(a.body);
    if (a.status != 200 || !list || !list->is_array()) {
      faults_.add("operator search of user " + u.account.number + " answered " +
                  std::to_string(a.status) + " " + a.body);
      continue;
    }
    for (const json::value& x : list->as_array()) {
      const std::string n = str(x, "reservationNumber");
      const json::value* paid = x.as_object().if_contains("paid");
      if (!paid || !paid->is_bool() || paid->as_bool() != (u.paid.count(n) > 0)) {
        faults_.add(who + "the operators' search shows reservation " + n + " paid " +
                    (paid ? json::serialize(*paid) : "absent") + "; its payment was " +
                    (u.paid.count(n) ? "" : "never ") + "acknowledged");
      }
    }
  }
  for (const auto& [n, times] : fold_.paid) {
    if (times > 0 && !acknowledged.count(n)) {
      faults_.add("the log marks reservation " + n + " paid " + std::to_string(times) +
                  " times, never acknowledged");
    }
  }
}

}  // namespace hoyo::load
