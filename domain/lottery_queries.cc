#include "domain/lottery_queries.h"

#include <algorithm>

namespace hoyo::domain {

std::vector<DemandDay> lottery_demand(const BookingState& s, const std::string& lottery,
                                      const std::string& facility, Date from, int days) {
  std::vector<DemandDay> out;
  const LotteryPeriod* p = s.lottery(lottery);
  for (int i = 0; i < days; ++i) out.push_back({from.plus_days(i), 0, 0});
  if (!p) return out;
  auto index = [&](Date d) { return d.days - from.days; };
  for (const Allotment& a : p->allotment) {
    const int i = index(a.night);
    if (a.facility == facility && i >= 0 && i < days)
      out[static_cast<std::size_t>(i)].winnable += a.rooms;
  }
  auto order = s.applications_in_order.find(lottery);
  if (order != s.applications_in_order.end()) {
    for (const std::string& id : order->second) {
      const LotteryApplication& a = s.applications.at(id);
      const int i = index(a.check_in);
      if (a.active() && a.facility == facility && i >= 0 && i < days) {
        ++out[static_cast<std::size_t>(i)].applications;
      }
    }
  }
  return out;
}

const char* application_view_name(ApplicationView v) {
  switch (v) {
    case ApplicationView::kActive:
      return "active";
    case ApplicationView::kCancelled:
      return "cancelled";
    case ApplicationView::kWon:
      return "won";
    case ApplicationView::kLost:
      return "lost";
  }
  return "active";
}

std::vector<UserApplication> user_lottery_applications(const BookingState& s,
                                                       const std::string& user,
                                                       const std::string& lottery) {
  std::vector<UserApplication> out;
  const bool published = s.results_out(lottery);
  std::map<std::string, std::string> won;  // application -> reservation number
  if (published) {
    auto mine = s.by_user.find(user);
    if (mine != s.by_user.end()) {
      for (const std::string& number : mine->second) {
        const Reservation& r = s.reservations.at(number);
        if (r.origin == Origin::kLottery || r.origin == Origin::kRunnerUp) {
          won[r.application] = number;
        }
      }
    }
  }
  for (const LotteryApplication* a : s.user_applications(user, lottery)) {
    UserApplication view{*a, ApplicationView::kActive, {}};
    if (!a->active()) {
      view.status = ApplicationView::kCancelled;
    } else if (published) {
      auto w = won.find(a->id);
      view.status = w == won.end() ? ApplicationView::kLost : ApplicationView::kWon;
      if (w != won.end()) {
        const Reservation& r = s.reservations.at(w->second);
        view.reservation_number = w->second;
        view.reservation_status = r.status;
        view.confirmation = r.confirmation;
        view.confirm_by = r.confirm_by;
      }
    }
    out.push_back(std::move(view));
  }
  return out;
}

LotteryResult lottery_result(const BookingState& s, const std::string& user,
                             const std::string& lottery) {
  LotteryResult result;
  if (!s.results_out(lottery)) return result;
  result.status = LotteryResult::Status::kLost;
  for (UserApplication& a : user_lottery_applications(s, user, lottery)) {
    if (a.status == ApplicationView::kWon) {
      result.status = LotteryResult::Status::kWon;
      result.won = std::move(a);
    } else if (a.status == ApplicationView::kLost) {
      result.lost.push_back(std::move(a));
    }
  }
  if (result.status == LotteryResult::Status::kLost) {
    result.offer = open_offer(s.offers, user, lottery);
    if (result.offer) result.status = LotteryResult::Status::kOffered;
  }
  return result;
}

std::optional<Offer> open_offer(const std::map<std::string, Offer>& offers, const std::string& user,
                                const std::string& lottery) {
  for (const auto& [id, o] : offers) {
    if (o.user == user && o.lottery == lottery && o.status == OfferStatus::kOpen) return o;
  }
  return std::nullopt;
}

std::vector<Offer> open_offers_of(const std::map<std::string, Offer>& offers,
                                  const std::string& user) {
  std::vector<Offer> out;
  for (const auto& [id, o] : offers) {
    if (o.user == user && o.status == OfferStatus::kOpen) out.push_back(o);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Offer& x, const Offer& y) { return x.offer_by < y.offer_by; });
  return out;
}

}  // namespace hoyo::domain
