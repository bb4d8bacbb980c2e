#include "http/codec/lottery_event_json.h"

#include "base/hex.h"
#include "domain/event_codec.h"
#include "http/codec/json_lists.h"
#include "http/codec/price_json.h"

namespace hoyo::http {
namespace {

namespace json = boost::json;
using namespace hoyo::domain;

json::object period_json(const LotteryPeriod& p) {
  json::array allotment;
  for (const Allotment& a : p.allotment) {
    allotment.push_back({{"facility", a.facility},
                         {"night", a.night.to_string()},
                         {"style", style_name(a.style)},
                         {"rooms", a.rooms}});
  }
  return {{"id", p.id},
          {"stayMonth", p.stay_month.to_string().substr(0, 7)},
          {"facilities", json::value_from(p.facilities)},
          {"opensAt", format_rfc3339_tokyo(p.opens_at)},
          {"closesAt", format_rfc3339_tokyo(p.closes_at)},
          {"drawAt", format_rfc3339_tokyo(p.draw_at)},
          {"publishAt", format_rfc3339_tokyo(p.publish_at)},
          {"preferenceSlots", p.preference_slots},
          {"algorithm", algorithm_name(p.algorithm)},
          {"seedHash", base::to_hex(p.seed_hash)},
          {"allotment", std::move(allotment)},
          {"priorityLostPeriods", p.priority_lost_periods},
          {"drawRule", static_cast<int>(p.draw_rule)},
          {"confirmation", confirmation_rule_name(p.confirmation)},
          {"confirmDays", p.confirm_days},
          {"release", domain::release_rule_name(p.release)},
          {"offerDays", p.offer_days},
          {"releaseAt",
           p.release_at ? json::value(format_rfc3339_tokyo(p.release_at)) : json::value(nullptr)},
          {"notifyLosers", p.notify_losers}};
}

json::array wins_json(const std::vector<DrawWin>& wins) {
  json::array out;
  for (const DrawWin& w : wins) {
    out.push_back({{"application", w.application}, {"style", style_name(w.style)}});
  }
  return out;
}

}  // namespace

json::object LotteryEventJson::operator()(const LotteryOpened& e) const {
  return {{"period", period_json(e.period)}};
}

json::object LotteryEventJson::operator()(const LotteryApplied& e) const {
  const LotteryApplication& a = e.application;
  json::object o{{"id", a.id},
                 {"lottery", a.lottery},
                 {"user", a.user},
                 {"facility", a.facility},
                 {"checkIn", a.check_in.to_string()},
                 {"nights", a.nights},
                 {"people", people_json(a.people)},
                 {"wish", wish_name(a.wish)},
                 {"preference", a.preference}};
  put_claims(o, a.guests, a.reduction);  // the claims its win is priced with
  return o;
}

json::object LotteryEventJson::operator()(const LotteryApplicationsCancelled& e) const {
  return {{"lottery", e.lottery}, {"applications", json::value_from(e.applications)}};
}

json::object LotteryEventJson::operator()(const LotteryDrawn& e) const {
  json::array wins = wins_json(e.wins);
  json::object o{{"lottery", e.lottery},
                 {"secret", base::to_hex(e.secret)},
                 {"seed", base::to_hex(e.seed)},
                 {"algorithm", algorithm_name(e.algorithm)},
                 {"inputs", base::to_hex(e.inputs)},
                 {"wins", std::move(wins)}};
  if (!e.order.empty()) o["order"] = json::value_from(e.order);
  return o;
}

json::object LotteryEventJson::operator()(const RoomOffered& e) const {
  const Offer& x = e.offer;
  return {{"offerId", x.id},
          {"lottery", x.lottery},
          {"user", x.user},
          {"application", x.application},
          {"lapsed", x.lapsed},
          {"facility", x.facility},
          {"checkIn", x.check_in.to_string()},
          {"nights", x.nights},
          {"people", people_json(x.people)},
          {"roomStyle", style_name(x.style)},
          {"rank", x.rank},
          {"at", format_rfc3339_tokyo(x.at)},
          {"offerBy", format_rfc3339_tokyo(x.offer_by)}};
}

json::object LotteryEventJson::operator()(const OfferAccepted& e) const {
  return {{"offerId", e.offer}, {"number", e.number}, {"at", format_rfc3339_tokyo(e.at)}};
}

json::object LotteryEventJson::operator()(const OfferDeclined& e) const {
  return {{"offerId", e.offer}, {"at", format_rfc3339_tokyo(e.at)}};
}

json::object LotteryEventJson::operator()(const OfferLapsed& e) const {
  return {{"offerId", e.offer}, {"due", format_rfc3339_tokyo(e.due)}};
}

json::object LotteryEventJson::operator()(const WaitlistJoined& e) const {
  const WaitlistEntry& x = e.entry;
  json::object o{{"entryId", x.id},
                 {"user", x.user},
                 {"facility", x.facility},
                 {"checkIn", x.check_in.to_string()},
                 {"nights", x.nights},
                 {"people", people_json(x.people)},
                 {"roomStyle", wish_name(x.wish)},
                 {"at", format_rfc3339_tokyo(x.joined_at)}};
  put_claims(o, x.guests, x.reduction);
  return o;
}

json::object LotteryEventJson::operator()(const WaitlistLeft& e) const {
  return {{"entryId", e.entry}, {"at", format_rfc3339_tokyo(e.at)}};
}

json::object LotteryEventJson::operator()(const WaitlistRoomHeld& e) const {
  const WaitlistHold& h = e.hold;
  return {{"holdId", h.id},
          {"facility", h.facility},
          {"roomStyle", style_name(h.style)},
          {"nights", dates_json(h.nights)},
          {"at", format_rfc3339_tokyo(h.held_at)},
          {"pickAt", format_rfc3339_tokyo(h.pick_at)}};
}

json::object LotteryEventJson::operator()(const WaitlistHoldReleased& e) const {
  return {{"holdId", e.hold}, {"freed", dates_json(e.freed)}, {"at", format_rfc3339_tokyo(e.at)}};
}

json::object LotteryEventJson::operator()(const WaitlistOffered& e) const {
  const WaitlistOffer& x = e.offer;
  return {{"offerId", x.id},
          {"entryId", x.entry},
          {"holdId", x.hold},
          {"user", x.user},
          {"facility", x.facility},
          {"checkIn", x.check_in.to_string()},
          {"nights", x.nights},
          {"people", people_json(x.people)},
          {"roomStyle", style_name(x.style)},
          {"at", format_rfc3339_tokyo(x.at)},
          {"offerBy", format_rfc3339_tokyo(x.offer_by)},
          {"seed", std::to_string(e.seed)},
          {"candidates", e.candidates}};
}

json::object LotteryEventJson::operator()(const WaitlistOfferAccepted& e) const {
  return {{"offerId", e.offer}, {"number", e.number}, {"at", format_rfc3339_tokyo(e.at)}};
}

json::object LotteryEventJson::operator()(const WaitlistOfferClosed& e) const {
  const char* status = e.status == WaitlistOfferStatus::kLapsed      ? "lapsed"
                       : e.status == WaitlistOfferStatus::kWithdrawn ? "withdrawn"
                                                                     : "declined";
  return {{"offerId", e.offer}, {"status", status}, {"at", format_rfc3339_tokyo(e.at)}};
}

json::object LotteryEventJson::operator()(const LotteryPublished& e) const {
  json::object o{{"lottery", e.lottery}};
  if (e.at != 0) o["at"] = format_rfc3339_tokyo(e.at);
  if (!e.kept.empty()) {
    json::array kept;
    for (const domain::Allotment& a : e.kept) {
      kept.push_back(json::object{{"facilityId", a.facility},
                                  {"night", a.night.to_string()},
                                  {"style", domain::style_name(a.style)},
                                  {"rooms", a.rooms}});
    }
    o["kept"] = std::move(kept);
  }
  return o;
}

json::object LotteryEventJson::operator()(const LotteryResultsTold& e) const {
  return {{"lottery", e.lottery}, {"told", e.told}};
}

json::object LotteryEventJson::operator()(const LotteryWinsBooked& e) const {
  json::object o{{"lottery", e.lottery}, {"booked", e.booked}, {"all", e.all}};
  if (!e.passed.empty()) o["passed"] = wins_json(e.passed);
  return o;
}

json::object LotteryEventJson::operator()(const LosersToTell& e) const {
  json::array rooms;
  for (const domain::FreedRoom& r : e.rooms) {
    rooms.push_back(json::object{{"facilityId", r.facility},
                                 {"checkIn", r.first.to_string()},
                                 {"nights", r.nights},
                                 {"style", domain::style_name(r.style)}});
  }
  return {{"lottery", e.lottery},
          {"due", format_rfc3339_tokyo(e.due)},
          {"releaseAt", format_rfc3339_tokyo(e.release)},
          {"rooms", std::move(rooms)},
          {"moreRooms", e.more}};
}

json::object LotteryEventJson::operator()(const LosersTold& e) const {
  return {{"lottery", e.lottery},
          {"due", format_rfc3339_tokyo(e.due)},
          {"told", e.told},
          {"all", e.all}};
}

json::object LotteryEventJson::operator()(const LotteryAuditorCommitted& e) const {
  return {{"lottery", e.lottery},
          {"seedHash", base::to_hex(e.seed_hash)},
          {"at", format_rfc3339_tokyo(e.at)}};
}

json::object LotteryEventJson::operator()(const LotteryAuditorRevealed& e) const {
  return {{"lottery", e.lottery}, {"secret", base::to_hex(e.secret)}};
}

json::object LotteryEventJson::operator()(const ReservationConfirmed& e) const {
  return {{"number", e.number}};
}

json::object LotteryEventJson::operator()(const WinLapsed& e) const {
  return {{"number", e.number}, {"reason", "lapsed"}, {"due", format_rfc3339_tokyo(e.due)}};
}

json::object LotteryEventJson::operator()(const LapsedRoomReleased& e) const {
  return {
      {"number", e.number}, {"due", format_rfc3339_tokyo(e.due)}, {"freed", dates_json(e.freed)}};
}

}  // namespace hoyo::http
