#include "http/codec/operator_csv.h"

#include "base/csv.h"
#include "http/codec/reason_json.h"
#include "http/codec/stay_json.h"

namespace hoyo::http {

const std::string& reservations_csv_header() {
  static const std::string header =
      "予約番号,利用者番号,氏名,施設,チェックイン,泊数,1泊目人数,2泊目人数,部屋,状態,区分,"
      "予約日時,料金,支払,利用\r\n";
  return header;
}

std::string reservation_csv_row(const domain::Reservation& r, const std::string& name) {
  base::CsvRow row;
  row.text(r.number).text(r.user).text(name).text(r.facility);
  row.text(r.check_in.to_string()).number(r.nights).number(r.people.at(0));
  if (r.people.size() > 1) {
    row.number(r.people[1]);
  } else {
    row.empty();
  }
  row.text(domain::style_name(r.style)).text(domain::reservation_status_name(r.status));
  row.text(domain::origin_name(r.origin)).text(domain::format_rfc3339_tokyo(r.booked_at));
  if (r.price) {
    row.number(r.price->total);  // yen, as a number: never a formula
  } else {
    row.empty();
  }
  row.text(r.paid ? "paid" : "unpaid");
  row.text(domain::attendance_name(r.attendance));
  return row.take();
}

const std::string& applications_csv_header() {
  static const std::string header =
      "申込番号,利用者番号,施設,チェックイン,泊数,1泊目人数,2泊目人数,"
      "和洋室希望,希望順位,状態,予約番号\r\n";
  return header;
}

std::string application_csv_row(const domain::UserApplication& u) {
  const domain::LotteryApplication& a = u.application;
  base::CsvRow row;
  row.text(a.id).text(a.user).text(a.facility).text(a.check_in.to_string());
  row.number(a.nights).number(a.people.at(0));
  if (a.people.size() > 1) {
    row.number(a.people[1]);
  } else {
    row.empty();
  }
  row.text(domain::wish_name(a.wish)).number(a.preference);
  row.text(domain::application_view_name(u.status)).text(u.reservation_number);
  return row.take();
}

boost::json::object operator_reservation_json(const projections::MenuReservation& m,
                                              const accounts::PersonalDataVault* vault) {
  boost::json::object o = reservation_json(m.reservation, m.changeable, m.cancellable);
  o["userNumber"] = m.reservation.user;
  o["bookedAt"] = domain::format_rfc3339_tokyo(m.reservation.booked_at);
  o["paid"] = m.reservation.paid;
  o["attendance"] = domain::attendance_name(m.reservation.attendance);
  put_reason(o, "overrideReason", vault, m.reservation.override_reason,
             m.reservation.sealed_override_reason);
  return o;
}

boost::json::object operator_application_json(const domain::UserApplication& a) {
  boost::json::object o = application_json(a);
  o["userNumber"] = a.application.user;
  return o;
}

}  // namespace hoyo::http
