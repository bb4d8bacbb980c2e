#include "http/codec/event_json.h"

#include "accounts/personal_data_json.h"
#include "base/hex.h"
#include "domain/event_codec.h"
#include "http/codec/facility_json.h"
#include "http/codec/json_lists.h"
#include "http/codec/lottery_event_json.h"
#include "http/codec/penalty_json.h"
#include "http/codec/price_json.h"
#include "http/codec/reason_json.h"

namespace hoyo::http {
namespace {

namespace json = boost::json;
using namespace hoyo::domain;

// What a booking or change records of its price (issue 17), when it records
// any: the guests, the reduction claimed and the price.
void add_price_record(json::object& o, const std::vector<Guests>& guests, Reduction reduction,
                      const std::optional<Price>& price) {
  hoyo::http::add_claim_json(o, guests, reduction);
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

// Every event type but the lottery's, offers' and waitlist's, which
// LotteryEventJson (lottery_event_json.h) maps.
struct ToJson : LotteryEventJson {
  using LotteryEventJson::operator();
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
  return std::visit(ToJson{{}, vault}, e);
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
