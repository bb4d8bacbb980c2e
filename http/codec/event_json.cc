#include "http/codec/event_json.h"

#include "accounts/personal_data_json.h"
#include "base/hex.h"
#include "domain/event_codec.h"
#include "http/codec/facility_json.h"
#include "http/codec/penalty_json.h"
#include "http/codec/price_json.h"
#include "http/codec/reason_json.h"

namespace hoyo::http {
namespace {

namespace json = boost::json;
using namespace hoyo::domain;

json::array dates_json(const std::vector<Date>& dates) {
  json::array a;
  for (const Date& d : dates) a.push_back(json::string(d.to_string()));
  return a;
}

json::array people_json(const std::vector<int>& people) {
  json::array a;
  for (int p : people) a.push_back(p);
  return a;
}

// What a booking or change records of its price (issue 17), when it records
// any: the guests, the reduction claimed and the price.
void add_price_record(json::object& o, const std::vector<Guests>& guests, Reduction reduction,
                      const std::optional<Price>& price) {
  if (!guests.empty()) o["guests"] = hoyo::http::guests_json(guests, {});
  if (reduction != Reduction::kNone) o["reduction"] = reduction_name(reduction);
  if (price) o["price"] = hoyo::http::price_json(price);
}

json::object reservation_json(const Reservation& r, const accounts::PersonalDataVault* vault) {
  json::object o{{"number", r.number},
                 {"user", r.user},
                 {"facility", r.facility},
                 {"checkIn", r.check_in.to_string()},
                 {"nights", r.nights},
                 {"people", people_json(r.people)},
                 {"style", style_name(r.style)},
                 {"wish", wish_name(r.wish)},
                 {"origin", origin_name(r.origin)},
                 {"bookedAt", format_rfc3339_tokyo(r.booked_at)}};
  if (!r.application.empty()) o["application"] = r.application;
  if (r.confirmation != domain::Confirmation::kNone) {
    o["confirmation"] = confirmation_name(r.confirmation);
    o["confirmBy"] = format_rfc3339_tokyo(r.confirm_by);
  }
  add_price_record(o, r.guests, r.reduction, r.price);
  put_reason(o, "overrideReason", vault, r.override_reason, r.sealed_override_reason);
  return o;
}

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

const char* password_reason(PasswordReason r) {
  switch (r) {
    case PasswordReason::kInitial:
      return "initial";
    case PasswordReason::kChanged:
      return "changed";
    case PasswordReason::kReset:
      return "reset";
  }
  return "unknown";
}

const char* second_factor_change(SecondFactorChange c) {
  switch (c) {
    case SecondFactorChange::kEnabled:
      return "enabled";
    case SecondFactorChange::kDisabled:
      return "disabled";
    case SecondFactorChange::kReset:
      return "reset";
  }
  return "unknown";
}

const char* mail_kind(MailKind k) {
  switch (k) {
    case MailKind::kApproved:
      return "approved";
    case MailKind::kRejected:
      return "rejected";
    case MailKind::kResetLink:
      return "reset_link";
    case MailKind::kPasswordChanged:
      return "password_changed";
    case MailKind::kNotice:
      return "notice";
  }
  return "unknown";
}

struct ToJson {
  const accounts::PersonalDataVault* vault;

  json::object operator()(const FacilityRegistered& e) const {
    return {{"facility", event_facility_json(e.facility)}};
  }
  json::object operator()(const FacilityChanged& e) const {
    return {{"facility", event_facility_json(e.facility)}};
  }
  json::object operator()(const DatesClosed& e) const {
    return {{"facility", e.facility}, {"dates", dates_json(e.dates)}};
  }
  json::object operator()(const DatesReopened& e) const {
    return {{"facility", e.facility}, {"dates", dates_json(e.dates)}};
  }
  json::object operator()(const ReservationBooked& e) const {
    json::object o{{"reservation", reservation_json(e.reservation, vault)}};
    if (e.from_hold) o["fromHold"] = true;
    return o;
  }
  json::object operator()(const ReservationChanged& e) const {
    json::object o{{"number", e.number},           {"checkIn", e.check_in.to_string()},
                   {"nights", e.nights},           {"people", people_json(e.people)},
                   {"style", style_name(e.style)}, {"wish", wish_name(e.wish)}};
    add_price_record(o, e.guests, e.reduction, e.price);
    if (e.price_difference) o["priceDifference"] = *e.price_difference;
    if (e.waived) o["waivedPenalty"] = true;
    put_reason(o, "reason", vault, e.reason, e.sealed_reason);
    return o;
  }
  json::object operator()(const ReservationCancelled& e) const {
    json::object o{{"number", e.number}};
    if (e.waived) o["waivedPenalty"] = true;
    put_reason(o, "reason", vault, e.reason, e.sealed_reason);
    return o;
  }
  json::object operator()(const PenaltyRulesSet& e) const {
    return {{"rules", penalty_rules_json(e.rules)}};
  }
  json::object operator()(const AttendanceRecorded& e) const {
    return {{"number", e.number},
            {"attendance", attendance_name(e.attendance)},
            {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const UserSuspended& e) const {
    return {{"user", e.user},
            {"cause", suspension_cause_name(e.cause)},
            {"number", e.number},
            {"from", e.from.to_string()},
            {"until", e.until.to_string()}};
  }
  json::object operator()(const StayLimitsSet& e) const {
    return {{"limits", stay_limits_json(e.limits)}};
  }
  json::object operator()(const SuspensionLifted& e) const {
    json::object o{{"user", e.user}, {"at", format_rfc3339_tokyo(e.at)}};
    put_reason(o, "reason", vault, e.reason, e.sealed_reason);
    if (!e.suspension.empty()) o["suspension"] = e.suspension;
    return o;
  }
  json::object operator()(const ReservationPaid& e) const {
    return {{"number", e.number}, {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const LotteryOpened& e) const {
    return {{"period", period_json(e.period)}};
  }
  json::object operator()(const LotteryApplied& e) const {
    const LotteryApplication& a = e.application;
    return {{"id", a.id},
            {"lottery", a.lottery},
            {"user", a.user},
            {"facility", a.facility},
            {"checkIn", a.check_in.to_string()},
            {"nights", a.nights},
            {"people", people_json(a.people)},
            {"wish", wish_name(a.wish)},
            {"preference", a.preference}};
  }
  json::object operator()(const LotteryApplicationsCancelled& e) const {
    return {{"lottery", e.lottery}, {"applications", json::value_from(e.applications)}};
  }
  static json::array wins_json(const std::vector<DrawWin>& wins) {
    json::array out;
    for (const DrawWin& w : wins) {
      out.push_back({{"application", w.application}, {"style", style_name(w.style)}});
    }
    return out;
  }
  json::object operator()(const LotteryDrawn& e) const {
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
  json::object operator()(const RoomOffered& e) const {
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
  json::object operator()(const OfferAccepted& e) const {
    return {{"offerId", e.offer}, {"number", e.number}, {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const OfferDeclined& e) const {
    return {{"offerId", e.offer}, {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const OfferLapsed& e) const {
    return {{"offerId", e.offer}, {"due", format_rfc3339_tokyo(e.due)}};
  }
  json::object operator()(const WaitlistJoined& e) const {
    const WaitlistEntry& x = e.entry;
    return {{"entryId", x.id},
            {"user", x.user},
            {"facility", x.facility},
            {"checkIn", x.check_in.to_string()},
            {"nights", x.nights},
            {"people", people_json(x.people)},
            {"roomStyle", wish_name(x.wish)},
            {"at", format_rfc3339_tokyo(x.joined_at)}};
  }
  json::object operator()(const WaitlistLeft& e) const {
    return {{"entryId", e.entry}, {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const WaitlistRoomHeld& e) const {
    const WaitlistHold& h = e.hold;
    return {{"holdId", h.id},
            {"facility", h.facility},
            {"roomStyle", style_name(h.style)},
            {"nights", dates_json(h.nights)},
            {"at", format_rfc3339_tokyo(h.held_at)},
            {"pickAt", format_rfc3339_tokyo(h.pick_at)}};
  }
  json::object operator()(const WaitlistHoldReleased& e) const {
    return {{"holdId", e.hold}, {"freed", dates_json(e.freed)}, {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const WaitlistOffered& e) const {
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
  json::object operator()(const WaitlistOfferAccepted& e) const {
    return {{"offerId", e.offer}, {"number", e.number}, {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const WaitlistOfferClosed& e) const {
    const char* status = e.status == WaitlistOfferStatus::kLapsed      ? "lapsed"
                         : e.status == WaitlistOfferStatus::kWithdrawn ? "withdrawn"
                                                                       : "declined";
    return {{"offerId", e.offer}, {"status", status}, {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const LotteryPublished& e) const {
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
  json::object operator()(const LotteryResultsTold& e) const {
    return {{"lottery", e.lottery}, {"told", e.told}};
  }
  json::object operator()(const LotteryWinsBooked& e) const {
    json::object o{{"lottery", e.lottery}, {"booked", e.booked}, {"all", e.all}};
    if (!e.passed.empty()) o["passed"] = wins_json(e.passed);
    return o;
  }
  json::object operator()(const LosersToTell& e) const {
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
  json::object operator()(const LosersTold& e) const {
    return {{"lottery", e.lottery},
            {"due", format_rfc3339_tokyo(e.due)},
            {"told", e.told},
            {"all", e.all}};
  }
  json::object operator()(const LotteryAuditorCommitted& e) const {
    return {{"lottery", e.lottery},
            {"seedHash", base::to_hex(e.seed_hash)},
            {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const LotteryAuditorRevealed& e) const {
    return {{"lottery", e.lottery}, {"secret", base::to_hex(e.secret)}};
  }
  json::object operator()(const ReservationConfirmed& e) const { return {{"number", e.number}}; }
  json::object operator()(const WinLapsed& e) const {
    return {{"number", e.number}, {"reason", "lapsed"}, {"due", format_rfc3339_tokyo(e.due)}};
  }
  json::object operator()(const LapsedRoomReleased& e) const {
    return {
        {"number", e.number}, {"due", format_rfc3339_tokyo(e.due)}, {"freed", dates_json(e.freed)}};
  }
  json::object operator()(const RegistrationSubmitted& e) const {
    json::object o{{"id", e.id},
                   {"channel", channel_name(e.channel)},
                   {"category", category_name(e.category)},
                   {"emailGiven", e.email_given},
                   {"proof", e.proof},
                   {"duplicates", json::value_from(e.duplicates)},
                   {"at", format_rfc3339_tokyo(e.at)}};
    o["personal"] = personal(e);
    return o;
  }
  json::value personal(const RegistrationSubmitted& e) const {
    if (!vault) return "sealed";
    auto opened = vault->open(e.key_id, e.sealed);
    if (!opened.ok()) return "unreadable";
    if (!*opened) return "erased";
    return json::value_from(**opened);
  }
  json::object operator()(const RegistrationApproved& e) const {
    return {{"id", e.id},
            {"userNumber", e.user_number},
            {"automatic", e.automatic},
            {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const RegistrationRejected& e) const {
    return {{"id", e.id}, {"reason", e.reason}};
  }
  json::object operator()(const PasswordSet& e) const {
    return {{"account", e.account},
            {"reason", password_reason(e.reason)},
            {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const LoginAttempted& e) const {
    return {{"account", e.account}, {"succeeded", e.succeeded}, {"outcome", e.outcome}};
  }
  json::object operator()(const PasswordResetIssued& e) const { return {{"account", e.account}}; }
  json::object operator()(const MailQueued& e) const {
    json::object o{{"id", e.id}, {"registration", e.registration}, {"kind", mail_kind(e.kind)}};
    if (!e.notice.empty()) o["notice"] = e.notice;
    return o;
  }
  json::object operator()(const MailSent& e) const {
    return {{"id", e.id}, {"attempts", e.attempts}};
  }
  json::object operator()(const MailFailed& e) const {
    return {{"id", e.id},
            {"attempt", e.attempt},
            {"error", e.error},
            {"final", e.final},
            {"at", format_rfc3339_tokyo(e.at)}};
  }
  json::object operator()(const PersonalDataErased& e) const {
    return {{"registration", e.registration}, {"reason", e.reason}};
  }
  json::object operator()(const OperatorAdded& e) const {
    return {{"login", e.login}, {"role", role_name(e.role)}};
  }
  json::object operator()(const OperatorDisabled& e) const { return {{"login", e.login}}; }
  json::object operator()(const SecondFactorChanged& e) const {
    return {{"account", e.account}, {"change", second_factor_change(e.change)}};
  }
  json::object operator()(const PreferencesSet& e) const {
    return {{"userNumber", e.user},
            {"language", language_name(e.language)},
            {"reminders", e.reminders}};
  }
  json::object operator()(const NoticeIssued& e) const {
    json::object o{{"noticeId", e.id},
                   {"userNumber", e.user},
                   {"kind", notice_kind_name(e.kind)},
                   {"language", language_name(e.language)},
                   {"subject", e.subject},
                   {"body", e.body},
                   {"mail", e.mail},
                   {"cause", e.cause},
                   {"at", format_rfc3339_tokyo(e.at)}};
    if (e.confirm_by != 0) o["confirmBy"] = format_rfc3339_tokyo(e.confirm_by);
    return o;
  }
  json::object operator()(const NoticesRead& e) const {
    return {{"userNumber", e.user}, {"notices", json::value_from(e.notices)}};
  }
};

}  // namespace

json::object event_data_json(const Event& e, const accounts::PersonalDataVault* vault) {
  return std::visit(ToJson{vault}, e);
}

namespace {

json::object audit_line(const eventstore::EventView& v, const Event* event,
                        const accounts::PersonalDataVault* vault) {
  json::object line{{"position", v.position},
                    {"streamId", v.stream_id},
                    {"version", v.stream_version},
                    {"type", v.type},
                    {"at", format_rfc3339_tokyo(v.recorded_at_us)},
                    {"actor", v.actor},
                    {"hash", base::to_hex(v.chain_hash)}};
  if (event) {
    line["data"] = event_data_json(*event, vault);
  } else {
    line["data"] = nullptr;
  }
  return line;
}

}  // namespace

json::object audit_line(const eventstore::EventView& v, const accounts::PersonalDataVault* vault) {
  const auto event = decode_event(v.type, v.payload);
  return audit_line(v, event ? &*event : nullptr, vault);
}

json::object audit_line(const eventstore::EventView& v, const Event& event,
                        const accounts::PersonalDataVault* vault) {
  return audit_line(v, &event, vault);
}

base::Result<std::vector<json::object>> history_lines(const eventstore::EventStore& store,
                                                      const std::vector<std::uint64_t>& positions,
                                                      const accounts::PersonalDataVault* vault) {
  std::vector<json::object> lines;
  lines.reserve(positions.size());
  for (std::uint64_t p : positions) {
    auto e = store.read_at(p);
    auto event = e.ok() ? decode_event(e->view().type, e->view().payload) : std::nullopt;
    if (!event) {
      return base::Error{
          base::ErrorCode::kFailed,
          base::MessageId::kLogUnreadable,
          {{"cause", e.ok() ? std::string("it does not decode") : e.error().to_string()},
           {"position", std::to_string(p)}}};
    }
    lines.push_back(audit_line(e->view(), *event, vault));
  }
  return lines;
}

}  // namespace hoyo::http
