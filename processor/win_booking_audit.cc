#include "processor/win_booking_audit.h"

#include <algorithm>

#include "domain/decide.h"

namespace hoyo::processor {

using namespace hoyo::domain;

std::string WinBookingAudit::step(const BookingState& before, const Event& e) {
  if (own_) {
    // The publication's own group goes on while the lottery's wins follow it.
    const auto* b = std::get_if<ReservationBooked>(&e);
    const LotteryApplication* app = nullptr;
    if (b && b->reservation.origin == Origin::kLottery && !b->from_hold) {
      if (auto it = before.applications.find(b->reservation.application);
          it != before.applications.end()) {
        app = &it->second;
      }
    }
    if (!app || app->lottery != own_->lottery) {
      if (std::string fault = own_group_ended(before); !fault.empty()) return fault;
    }
  }
  if (const auto* p = std::get_if<LotteryPublished>(&e)) return published(before, *p);
  if (const auto* b = std::get_if<ReservationBooked>(&e)) return booked(before, *b);
  if (const auto* w = std::get_if<LotteryWinsBooked>(&e)) return closed(*w, before);
  return "";
}

std::string WinBookingAudit::finish(const BookingState& state) {
  return own_ ? own_group_ended(state) : "";
}

std::string WinBookingAudit::published(const BookingState& before, const LotteryPublished& e) {
  if (e.kept.empty()) {
    // Its own group books the wins (a publication without `at` is from
    // before erased holders were passed over, and booked every win).
    auto drawn = before.draws.find(e.lottery);
    if (e.at == 0 || drawn == before.draws.end() || drawn->second.wins.empty()) return "";
    own_ = Own{e.lottery, {}};
    for (const Allotment& a : won_rooms(before, drawn->second.wins)) {
      own_->period.kept[{a.facility, a.night.days, a.style}] += a.rooms;
    }
    return "";
  }
  const std::string who = "lottery " + e.lottery + ": ";
  auto drawn = before.draws.find(e.lottery);
  if (drawn == before.draws.end()) return who + "published with rooms kept, but never drawn";
  if (e.kept != won_rooms(before, drawn->second.wins)) {
    return who + "the publication keeps other rooms than its wins take";
  }
  Period& p = periods_[e.lottery];
  for (const Allotment& a : e.kept) p.kept[{a.facility, a.night.days, a.style}] += a.rooms;
  return "";
}

std::string WinBookingAudit::booked(const BookingState& before, const ReservationBooked& e) {
  const Reservation& r = e.reservation;
  if (r.origin != Origin::kLottery) {
    return e.from_hold ? "reservation " + r.number + ": booked from a hold, but not a lottery win"
                       : "";
  }
  auto app = before.applications.find(r.application);
  if (app == before.applications.end()) {
    return e.from_hold ? "reservation " + r.number + ": booked from a hold for application " +
                             r.application + ", which was never made"
                       : "";
  }
  const std::string& lottery = app->second.lottery;
  const std::string who = "lottery " + lottery + ": reservation " + r.number + " ";
  auto p = periods_.find(lottery);
  if (!e.from_hold) {
    if (own_ && own_->lottery == lottery) {
      return take(before, lottery, own_->period, r, app->second, who);
    }
    return p == periods_.end() ? "" : who + "books a win outside the hold its publication kept";
  }
  if (p == periods_.end()) return who + "is booked from a hold its publication did not keep";
  return take(before, lottery, p->second, r, app->second, who);
}

std::string WinBookingAudit::take(const BookingState& before, const std::string& lottery,
                                  Period& period, const Reservation& r, const LotteryApplication& a,
                                  const std::string& who) {
  if (period.booked.count(r.application)) {
    return who + "books the win of application " + r.application + " twice";
  }
  const std::vector<DrawWin>& wins = before.draws.at(lottery).wins;
  pass_erased(before, lottery, period, r.application, wins.size());
  if (period.next >= wins.size()) return who + "is booked past the draw's last win";
  const DrawWin& win = wins[period.next];
  if (win.application != r.application) {
    return who + "books application " + r.application +
           " out of the draw's order (next: " + win.application + ")";
  }
  if (r.user != a.user || r.facility != a.facility || r.check_in != a.check_in ||
      r.nights != a.nights || r.style != win.style) {
    return who + "is not the stay application " + r.application + " won";
  }
  for (int i = 0; i < r.nights; ++i) {
    const Date night = r.check_in.plus_days(i);
    if (--period.kept[{r.facility, night.days, r.style}] < 0) {
      return who + "takes " + r.facility + " " + night.to_string() + " " + style_name(r.style) +
             " from a hold that no longer keeps it";
    }
  }
  period.booked.insert(r.application);
  ++period.next;
  return "";
}

std::string WinBookingAudit::closed(const LotteryWinsBooked& e, const BookingState& before) {
  const std::string who = "lottery " + e.lottery + ": ";
  auto p = periods_.find(e.lottery);
  if (p == periods_.end()) return who + "wins booked, but its publication kept none to book";
  const std::size_t wins = before.draws.at(e.lottery).wins.size();
  pass_erased(before, e.lottery, p->second, "", std::min<std::size_t>(e.booked, wins));
  if (e.booked != p->second.next) {
    return who + "LotteryWinsBooked counts " + std::to_string(e.booked) + " wins booked, the log " +
           std::to_string(p->second.next);
  }
  if (e.all != (p->second.next == wins)) {
    return who + "LotteryWinsBooked says " + (e.all ? "all" : "not all") + " of " +
           std::to_string(wins) + " wins are booked, with " + std::to_string(p->second.next);
  }
  if (e.passed != p->second.passed) {
    return who + "LotteryWinsBooked passes over " + std::to_string(e.passed.size()) +
           " wins, the log " + std::to_string(p->second.passed.size()) +
           " (wins whose holder's account was erased)";
  }
  p->second.passed.clear();
  if (e.all) periods_.erase(p);
  return "";
}

std::string WinBookingAudit::own_group_ended(const BookingState& state) {
  Own own = std::move(*own_);
  own_.reset();
  const std::vector<DrawWin>& wins = state.draws.at(own.lottery).wins;
  pass_erased(state, own.lottery, own.period, "", wins.size());
  if (own.period.next >= wins.size()) return "";
  return "lottery " + own.lottery + ": the publication leaves the win of application " +
         wins[own.period.next].application + " unbooked, but its holder's account is not erased";
}

void WinBookingAudit::pass_erased(const BookingState& before, const std::string& lottery, Period& p,
                                  const std::string& until, std::size_t last) {
  const std::vector<DrawWin>& wins = before.draws.at(lottery).wins;
  while (p.next < last && wins[p.next].application != until) {
    const DrawWin& w = wins[p.next];
    const LotteryApplication& app = before.applications.at(w.application);
    if (!before.account_erased(app.user)) return;
    for (int i = 0; i < app.nights; ++i) {
      --p.kept[{app.facility, app.check_in.plus_days(i).days, w.style}];
    }
    p.passed.push_back(w);
    ++p.next;
  }
}

}  // namespace hoyo::processor
