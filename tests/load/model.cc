#include "model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace hoyo::load {

namespace json = boost::json;

std::string str(const json::value& v, const char* key) {
  if (!v.is_object()) return {};
  const json::value* m = v.as_object().if_contains(key);
  return m && m->is_string() ? std::string(m->as_string()) : std::string();
}

std::int64_t num(const json::value& v, const char* key) {
  if (!v.is_object()) return 0;
  const json::value* m = v.as_object().if_contains(key);
  return m && m->is_int64() ? m->as_int64() : 0;
}

std::optional<json::value> parse_json(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

namespace {

std::vector<int> people_of(const json::value& v, const char* key) {
  std::vector<int> out;
  if (!v.is_object()) return out;
  const json::value* p = v.as_object().if_contains(key);
  if (!p || !p->is_array()) return out;
  for (const json::value& n : p->as_array()) out.push_back(n.is_int64() ? int(n.as_int64()) : -1);
  return out;
}

std::string people_text(const std::vector<int>& p) {
  std::string s = "[";
  for (std::size_t i = 0; i < p.size(); ++i) s += (i ? "," : "") + std::to_string(p[i]);
  return s + "]";
}

// The recorded total of `v`'s `price`; -1 when it has none (null or absent).
std::int64_t price_total(const json::value& v) {
  const json::value* p = v.is_object() ? v.as_object().if_contains("price") : nullptr;
  return p && p->is_object() ? num(*p, "total") : -1;
}

std::string guests_text(const std::vector<GuestCount>& g) {
  std::string s = "[";
  for (std::size_t i = 0; i < g.size(); ++i) {
    s += (i ? "," : "") + std::to_string(g[i].adults) + "a" + std::to_string(g[i].children) + "c" +
         std::to_string(g[i].infants) + "i";
  }
  return s + "]";
}

}  // namespace

std::vector<GuestCount> guests_of(const json::value& v, const std::vector<int>& people) {
  std::vector<GuestCount> out;
  const json::value* g = v.is_object() ? v.as_object().if_contains("guests") : nullptr;
  if (!g || !g->is_array()) {
    for (int p : people) out.push_back({p, 0, 0});
    return out;
  }
  for (const json::value& n : g->as_array()) {
    out.push_back({static_cast<int>(num(n, "adults")), static_cast<int>(num(n, "children")),
                   static_cast<int>(num(n, "infants"))});
  }
  return out;
}

std::optional<ReservationState> ReservationState::from_api(const json::value& v) {
  ReservationState r;
  r.number = str(v, "reservationNumber");
  if (r.number.empty()) return std::nullopt;
  r.facility = str(v, "facilityId");
  r.check_in = str(v, "checkIn");
  r.nights = static_cast<int>(num(v, "nights"));
  r.people = people_of(v, "people");
  r.style = str(v, "roomStyle");
  r.wish = str(v, "roomStyleWish");
  r.status = str(v, "status");
  r.origin = str(v, "origin");
  if (const std::string c = str(v, "confirmation"); !c.empty()) r.confirmation = c;
  r.take_price_record(v);
  return r;
}

void ReservationState::take_price_record(const json::value& v) {
  guests = guests_of(v, people);
  reduction = str(v, "reduction").empty() ? "none" : str(v, "reduction");
  price = price_total(v);
}

std::optional<ReservationState> ReservationState::from_log(const json::value& v) {
  ReservationState r;
  r.number = str(v, "number");
  if (r.number.empty()) return std::nullopt;
  r.facility = str(v, "facility");
  r.check_in = str(v, "checkIn");
  r.nights = static_cast<int>(num(v, "nights"));
  r.people = people_of(v, "people");
  r.style = str(v, "style");
  r.wish = str(v, "wish");
  r.status = "booked";
  r.origin = str(v, "origin");
  if (const std::string c = str(v, "confirmation"); !c.empty()) r.confirmation = c;
  r.take_price_record(v);
  return r;
}

std::string ReservationState::to_string() const {
  return number + " " + facility + " " + check_in + " x" + std::to_string(nights) + " " +
         people_text(people) + " " + guests_text(guests) +
         (reduction == "none" ? "" : " " + reduction) + " " + style + "/" + wish + " " + status +
         " " + origin + (confirmation == "none" ? "" : " confirmation " + confirmation) +
         (price < 0 ? " unpriced" : " " + std::to_string(price) + " yen");
}

std::vector<std::string> ReservationState::nights_held() const {
  std::vector<std::string> out;
  if (status != "booked") return out;
  for (int i = 0; i < nights; ++i) out.push_back(add_days(check_in, i));
  return out;
}

std::optional<ApplicationState> ApplicationState::from_api(const json::value& v) {
  ApplicationState a;
  a.id = str(v, "applicationId");
  if (a.id.empty()) return std::nullopt;
  a.lottery = str(v, "lotteryId");
  a.facility = str(v, "facilityId");
  a.check_in = str(v, "checkIn");
  a.nights = static_cast<int>(num(v, "nights"));
  a.people = people_of(v, "people");
  a.wish = str(v, "roomStyle");
  a.preference = static_cast<int>(num(v, "preference"));
  a.status = str(v, "status");
  return a;
}

std::string ApplicationState::to_string() const {
  return id + " " + lottery + " " + facility + " " + check_in + " x" + std::to_string(nights) +
         " " + people_text(people) + " " + wish + " #" + std::to_string(preference) + " " + status;
}

std::optional<OfferState> OfferState::from_api(const json::value& v) {
  OfferState o;
  o.id = str(v, "offerId");
  if (o.id.empty()) return std::nullopt;
  o.lottery = str(v, "lotteryId");
  o.entry = str(v, "waitlistEntryId");
  o.facility = str(v, "facilityId");
  o.check_in = str(v, "checkIn");
  o.nights = static_cast<int>(num(v, "nights"));
  o.people = people_of(v, "people");
  o.style = str(v, "roomStyle");
  o.status = str(v, "status");
  o.number = str(v, "reservationNumber");
  return o;
}

std::string OfferState::to_string() const {
  return "offer " + id + " " + lottery + entry + " " + facility + " " + check_in + " x" +
         std::to_string(nights) + " " + people_text(people) + " " + style + " " + status +
         (number.empty() ? "" : " as " + number);
}

std::optional<WaitlistEntryState> WaitlistEntryState::from_api(const json::value& v) {
  WaitlistEntryState e;
  e.id = str(v, "entryId");
  if (e.id.empty()) return std::nullopt;
  e.facility = str(v, "facilityId");
  e.check_in = str(v, "checkIn");
  e.nights = static_cast<int>(num(v, "nights"));
  e.people = people_of(v, "people");
  e.guests = guests_of(v, e.people);
  e.reduction = str(v, "reduction").empty() ? "none" : str(v, "reduction");
  e.wish = str(v, "roomStyle");
  e.status = "active";
  return e;
}

std::optional<WaitlistEntryState> WaitlistEntryState::from_log(const json::value& v) {
  auto e = from_api(v);
  if (e) e->facility = str(v, "facility");
  return e;
}

std::string WaitlistEntryState::to_string() const {
  return "entry " + id + " " + facility + " " + check_in + " x" + std::to_string(nights) + " " +
         people_text(people) + " " + guests_text(guests) + " " + reduction + " " + wish + " " +
         status;
}

int UserModel::active_first_come(const std::string& today) const {
  int n = 0;
  for (const auto& [number, r] : reservations) {
    if (r.status == "booked" && (r.origin == "first_come" || r.origin == "waitlist") &&
        add_days(r.check_in, r.nights - 1) >= today) {
      ++n;
    }
  }
  return n;
}

bool UserModel::suspended_on(const std::string& day) const {
  return !suspended_until.empty() && day <= suspended_until;
}

void UserModel::suspend(const std::string& until) {
  suspended_until = std::max(suspended_until, until);
}

bool UserModel::lets_offers_lapse() const {
  return !account.number.empty() && (account.number.back() - '0') % 4 == 0;
}

int UserModel::active_entries_in(const std::string& month) const {
  int n = 0;
  for (const auto& [id, e] : entries) {
    if (e.status == "active" && e.check_in.compare(0, 7, month) == 0) ++n;
  }
  return n;
}

std::vector<const ReservationState*> UserModel::wins(const std::string& confirmation) const {
  std::vector<const ReservationState*> out;
  for (const auto& [number, r] : reservations) {
    if (r.status == "booked" && r.origin == "lottery" && r.confirmation == confirmation)
      out.push_back(&r);
  }
  return out;
}

std::string UserModel::fresh_key(const std::string& generation) {
  return "load-" + generation + "-" + account.number + "-" + std::to_string(++next_key);
}

void Faults::add(std::string what) {
  std::lock_guard lk(mu_);
  faults_.push_back(std::move(what));
}

std::vector<std::string> Faults::all() const {
  std::lock_guard lk(mu_);
  return faults_;
}

std::size_t Faults::size() const {
  std::lock_guard lk(mu_);
  return faults_.size();
}

std::string add_days(const std::string& date, int days) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return {};
  using namespace std::chrono;
  const year_month_day ymd{sys_days{year{y} / month{m} / day{d}} + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

std::optional<std::int64_t> parse_time(const std::string& t) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(t.c_str(), "%d-%u-%uT%u:%u:%u", &y, &mo, &d, &h, &mi, &s) != 6)
    return std::nullopt;
  using namespace std::chrono;
  std::int64_t secs =
      duration_cast<seconds>(sys_days{year{y} / month{mo} / day{d}}.time_since_epoch()).count() +
      h * 3600 + mi * 60 + s;
  // The zone: Z, or +HH:MM / -HH:MM after the seconds (and any fraction).
  const auto zone = t.find_first_of("Z+-", 19);
  if (zone == std::string::npos) return std::nullopt;
  if (t[zone] != 'Z') {
    unsigned zh = 0, zm = 0;
    if (std::sscanf(t.c_str() + zone + 1, "%u:%u", &zh, &zm) != 2) return std::nullopt;
    const std::int64_t off = zh * 3600 + zm * 60;
    secs += t[zone] == '+' ? -off : off;
  }
  return secs;
}

std::string tokyo_time(std::int64_t epoch_seconds) {
  using namespace std::chrono;
  const std::int64_t local = epoch_seconds + 9 * 3600;
  const sys_days day{floor<days>(seconds{local})};
  const year_month_day ymd{day};
  const std::int64_t in_day = local - duration_cast<seconds>(day.time_since_epoch()).count();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+09:00", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(in_day / 3600),
                int(in_day / 60 % 60), int(in_day % 60));
  return buf;
}

}  // namespace hoyo::load
