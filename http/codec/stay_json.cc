#include "http/codec/stay_json.h"

#include "base/hex.h"
#include "http/codec/json_io.h"
#include "http/codec/price_json.h"
#include "projections/stay_view.h"

namespace hoyo::http {

namespace json = boost::json;
using base::Error;

json::object reservation_json(const domain::Reservation& r, bool changeable, bool cancellable) {
  json::array people;
  for (int p : r.people) people.push_back(p);
  json::object o{{"reservationNumber", r.number},
                 {"facilityId", r.facility},
                 {"checkIn", r.check_in.to_string()},
                 {"nights", r.nights},
                 {"people", std::move(people)},
                 {"roomStyle", domain::style_name(r.style)},
                 {"roomStyleWish", domain::wish_name(r.wish)},
                 {"status", domain::reservation_status_name(r.status)},
                 {"changeable", changeable && r.active()},
                 {"cancellable", cancellable && r.active()},
                 {"origin", domain::origin_name(r.origin)},
                 {"guests", guests_json(r.guests, r.people)},
                 {"reduction", domain::reduction_name(r.reduction)},
                 {"price", price_json(r.price)}};
  if (!r.application.empty()) o["applicationId"] = r.application;
  o["confirmation"] = domain::confirmation_name(r.confirmation);
  if (r.confirmation == domain::Confirmation::kRequired && r.active()) {
    o["confirmBy"] = domain::format_rfc3339_tokyo(r.confirm_by);
  }
  return o;
}

json::object application_json(const domain::UserApplication& a) {
  json::array people;
  for (int p : a.application.people) people.push_back(p);
  json::object o{{"applicationId", a.application.id},
                 {"lotteryId", a.application.lottery},
                 {"facilityId", a.application.facility},
                 {"checkIn", a.application.check_in.to_string()},
                 {"nights", a.application.nights},
                 {"people", std::move(people)},
                 {"roomStyle", domain::wish_name(a.application.wish)},
                 {"preference", a.application.preference},
                 {"guests", guests_json(a.application.guests, a.application.people)},
                 {"reduction", domain::reduction_name(a.application.reduction)},
                 {"status", domain::application_view_name(a.status)}};
  if (!a.reservation_number.empty()) {
    o["reservationNumber"] = a.reservation_number;
    o["reservationStatus"] = domain::reservation_status_name(a.reservation_status);
    o["confirmation"] = domain::confirmation_name(a.confirmation);
    if (a.confirmation == domain::Confirmation::kRequired &&
        a.reservation_status == domain::ReservationStatus::kBooked) {
      o["confirmBy"] = domain::format_rfc3339_tokyo(a.confirm_by);
    }
  }
  return o;
}

json::object lottery_json(const projections::StayView& v, const domain::LotteryPeriod& p,
                          domain::Instant now) {
  const char* status = v.published(p.id) ? "published"
                       : v.drawn(p.id)
                           ? "drawn"
                           : domain::lottery_status_name(domain::lottery_status(p, now));
  json::value auditor_hash = nullptr;
  if (p.draw_rule == domain::DrawRule::kTwoParty && p.auditor_committed()) {
    auditor_hash = base::to_hex(p.auditor_seed_hash);
  }
  return {{"lotteryId", p.id},
          {"stayMonth", p.stay_month.to_string().substr(0, 7)},
          {"opensAt", domain::format_rfc3339_tokyo(p.opens_at)},
          {"closesAt", domain::format_rfc3339_tokyo(p.closes_at)},
          {"drawAt", domain::format_rfc3339_tokyo(p.draw_at)},
          {"publishAt", domain::format_rfc3339_tokyo(p.publish_at)},
          {"preferenceSlots", p.preference_slots},
          {"facilityIds", json::value_from(p.facilities)},
          {"algorithm", domain::algorithm_name(p.algorithm)},
          {"seedHash", base::to_hex(p.seed_hash)},
          {"drawRule", static_cast<int>(p.draw_rule)},
          {"auditorSeedHash", std::move(auditor_hash)},
          {"auditorRevealed", p.draw_rule == domain::DrawRule::kTwoParty && p.auditor_revealed()},
          {"confirmation", domain::confirmation_rule_name(p.confirmation)},
          {"confirmDays", p.confirm_days},
          {"release", domain::release_rule_name(p.release)},
          {"offerDays", p.offer_days},
          {"releaseAt", p.release_at ? json::value(domain::format_rfc3339_tokyo(p.release_at))
                                     : json::value(nullptr)},
          {"notifyLosers", p.notify_losers},
          {"status", status}};
}

json::object result_json(const domain::LotteryResult& r) {
  using S = domain::LotteryResult::Status;
  json::object o{{"status", r.status == S::kWon       ? "won"
                            : r.status == S::kLost    ? "lost"
                            : r.status == S::kOffered ? "offered"
                                                      : "pending"}};
  if (r.offer) o["offer"] = offer_json(*r.offer);
  if (r.won) {
    o["won"] = application_json(*r.won);
    // A win's confirmation, also at the top for the result screen.
    o["confirmation"] = domain::confirmation_name(r.won->confirmation);
    if (const json::value* by = o["won"].as_object().if_contains("confirmBy")) {
      o["confirmBy"] = *by;
    }
  }
  json::array lost;
  for (const auto& a : r.lost) lost.push_back(application_json(a));
  o["lost"] = std::move(lost);
  return o;
}

json::object offer_json(const domain::Offer& x) {
  json::array people;
  for (int p : x.people) people.push_back(p);
  json::object o{{"offerId", x.id},
                 {"lotteryId", x.lottery},
                 {"facilityId", x.facility},
                 {"checkIn", x.check_in.to_string()},
                 {"nights", x.nights},
                 {"people", std::move(people)},
                 {"roomStyle", domain::style_name(x.style)},
                 {"offerBy", domain::format_rfc3339_tokyo(x.offer_by)},
                 {"status", domain::offer_status_name(x.status)}};
  if (!x.number.empty()) o["reservationNumber"] = x.number;
  if (x.lottery.empty()) {
    // A waitlist offer (domain::as_offer): no lottery; its entry instead.
    o.erase("lotteryId");
    o["waitlistEntryId"] = x.application;
  }
  return o;
}

base::Result<json::object> json_object(const Call& call) { return body_object(call.req); }

}  // namespace hoyo::http
