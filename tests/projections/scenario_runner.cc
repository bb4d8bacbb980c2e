#include "scenario_runner.h"

#include <fstream>
#include <sstream>

#include "domain/lottery_queries.h"
#include "tests/projections/oracle/booking_view.h"
#include "projections/demand_index.h"
#include "projections/stay_view.h"
#include "projections/user_menu.h"
#include "tests/projections/oracle/vacancy_oracle.h"

namespace hoyo::projections::testing {
namespace {

using namespace hoyo::domain;

RoomStyle style_of(const std::string& s) {
  if (s == "japanese") return RoomStyle::kJapanese;
  if (s == "western") return RoomStyle::kWestern;
  return RoomStyle::kStandard;
}

Date date_of(const std::string& s) {
  auto d = Date::parse(s);
  if (!d) throw std::runtime_error("bad date " + s);
  return *d;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, sep)) out.push_back(part);
  return out;
}

class Runner {
 public:
  void line(const std::vector<std::string>& w) {
    const std::string& op = w.at(0);
    if (op == "now") {
      now_ = *parse_rfc3339(w.at(1));
    } else if (op == "facility") {
      Facility f;
      f.id = w.at(1);
      f.name = f.name_en = w.at(1);
      for (std::size_t i = 2; i < w.size(); ++i) {
        if (w[i] == "wish") {
          f.style_wish = true;
          continue;
        }
        auto p = split(w[i], ':');
        f.room_types.push_back({style_of(p.at(0)), std::stoi(p.at(1)), std::stoi(p.at(2))});
      }
      apply(FacilityRegistered{f});
    } else if (op == "close" || op == "reopen") {
      std::vector<Date> dates;
      for (std::size_t i = 2; i < w.size(); ++i) dates.push_back(date_of(w[i]));
      if (op == "close") {
        apply(DatesClosed{w.at(1), dates});
      } else {
        apply(DatesReopened{w.at(1), dates});
      }
    } else if (op == "book") {
      Reservation r;
      r.number = w.at(1);
      r.user = w.at(2);
      r.facility = w.at(3);
      r.check_in = date_of(w.at(4));
      r.nights = std::stoi(w.at(5));
      r.people.assign(r.nights, 2);
      r.style = style_of(w.at(6));
      r.booked_at = now_;
      if (w.size() > 7 && w[7].rfind("lottery=", 0) == 0) {
        r.origin = Origin::kLottery;
        r.application = w[7].substr(8);
      }
      apply(ReservationBooked{r});
    } else if (op == "change") {
      const int nights = std::stoi(w.at(3));
      apply(ReservationChanged{w.at(1), date_of(w.at(2)), nights, std::vector<int>(nights, 2),
                               style_of(w.at(4)), StyleWish::kAny});
    } else if (op == "cancel") {
      apply(ReservationCancelled{w.at(1)});
    } else if (op == "lottery") {
      LotteryPeriod p;
      p.id = w.at(1);
      p.stay_month = date_of(w.at(2) + "-01");
      const Date end = p.stay_month.first_of_month_plus(1);
      for (std::size_t i = 3; i < w.size(); ++i) {
        p.facilities.push_back(w[i]);
        const Facility& f = view_.state().facilities.at(w[i]);
        for (Date d = p.stay_month; d < end; d = d.plus_days(1)) {
          for (const RoomType& t : f.room_types) p.allotment.push_back({w[i], d, t.style, t.rooms});
        }
      }
      apply(LotteryOpened{p});
    } else if (op == "apply") {
      LotteryApplication a;
      a.id = w.at(1);
      a.lottery = w.at(2);
      a.user = w.at(3);
      a.facility = w.at(4);
      a.check_in = date_of(w.at(5));
      a.people = {2};
      a.preference = std::stoi(w.at(6));
      apply(LotteryApplied{a});
    } else if (op == "withdraw") {
      apply(LotteryApplicationsCancelled{w.at(1), {w.begin() + 2, w.end()}});
    } else if (op == "publish") {
      apply(LotteryPublished{w.at(1)});
    } else if (op == "expect") {
      expect(w);
    } else {
      throw std::runtime_error("unknown statement " + op);
    }
  }

  std::vector<std::string> failures;
  int line_number = 0;

 private:
  void apply(const Event& e) {
    const EventMeta meta{++position_, now_, {}};
    view_.apply(meta, e);
    stays_.apply(meta, e);
    demand_.apply(meta, e);
  }
  void fail(const std::string& what) {
    failures.push_back("line " + std::to_string(line_number) + ": " + what);
  }

  void expect(const std::vector<std::string>& w) {
    const BookingState& s = view_.state();
    const std::string& what = w.at(1);
    if (what == "vacancy") {
      auto days = vacancy_days(s, w.at(2), date_of(w.at(3)), 1, now_);
      if (days.empty()) return fail("no such facility " + w.at(2));
      const VacancyDay& d = days[0];
      const std::string got = std::to_string(d.free_rooms) + " " + std::to_string(d.total_rooms) +
                              " " + mark_symbol(d.mark);
      const std::string want = w.at(4) + " " + w.at(5) + " " + w.at(6);
      if (got != want) fail("vacancy " + w.at(3) + ": want " + want + ", got " + got);
      if (d.bookable != (d.free_rooms > 0)) fail("bookable disagrees with freeRooms");
      auto served = stays_.vacancy(w.at(2), date_of(w.at(3)), 1, now_);
      if (served.size() != 1 || served[0].free_rooms != d.free_rooms ||
          served[0].total_rooms != d.total_rooms || served[0].mark != d.mark ||
          served[0].free_by_style != d.free_by_style) {
        fail("the stays view disagrees on vacancy of " + w.at(3));
      }
    } else if (what == "reservations") {
      std::string got;
      const auto menu = user_reservations(s, w.at(2), now_);
      const auto served = stays_.reservations_of(w.at(2), now_);
      if (served.size() != menu.size()) fail("the stays view lists other reservations");
      for (std::size_t i = 0; i < served.size() && i < menu.size(); ++i) {
        if (!(served[i].reservation == menu[i].reservation) ||
            served[i].changeable != menu[i].changeable ||
            served[i].cancellable != menu[i].cancellable) {
          fail("the stays view differs on " + menu[i].reservation.number);
        }
      }
      for (const MenuReservation& m : menu) {
        std::string flags;
        if (!m.reservation.active()) flags += "cancelled,";
        if (m.changeable) flags += "changeable,";
        if (m.cancellable) flags += "cancellable,";
        if (flags.empty()) flags = "-,";
        flags.pop_back();
        got += (got.empty() ? "" : " ") + m.reservation.number + ":" + flags;
      }
      std::string want;
      for (std::size_t i = 3; i < w.size(); ++i) want += (i > 3 ? " " : "") + w[i];
      if (want == "none") want.clear();
      if (got != want)
        fail("reservations of " + w.at(2) + ": want [" + want + "], got [" + got + "]");
    } else if (what == "demand") {
      auto days = lottery_demand(s, w.at(2), w.at(3), date_of(w.at(4)), 1);
      const std::string got = days.empty() ? "none"
                                           : std::to_string(days[0].applications) + " " +
                                                 std::to_string(days[0].winnable);
      const std::string want = w.at(5) + " " + w.at(6);
      if (got != want) fail("demand " + w.at(4) + ": want " + want + ", got " + got);
    } else {
      throw std::runtime_error("unknown expectation " + what);
    }
  }

  BookingView view_;  // the oracle: the write side's state and its queries
  StayView stays_;    // the served read model: must answer the same
  DemandIndex demand_;
  Instant now_ = 0;
  std::uint64_t position_ = 0;
};

}  // namespace

std::vector<std::string> run_scenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {"cannot open " + path};
  Runner r;
  std::string text;
  while (std::getline(in, text)) {
    ++r.line_number;
    if (auto hash = text.find('#'); hash != std::string::npos) text.erase(hash);
    std::stringstream ss(text);
    std::vector<std::string> words;
    for (std::string w; ss >> w;) words.push_back(w);
    if (words.empty()) continue;
    try {
      r.line(words);
    } catch (const std::exception& e) {
      r.failures.push_back("line " + std::to_string(r.line_number) + ": " + e.what());
    }
  }
  return r.failures;
}

}  // namespace hoyo::projections::testing
