// The operators' exports (O6), shared by the console's CSV routes and
// `hoyoctl export`: reservations and lottery applications as CSV rows (cells
// neutralised, CRLF: base/csv.h) and as the JSON objects of the lists.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "accounts/personal_data.h"
#include "domain/lottery_queries.h"
#include "domain/reservation.h"
#include "projections/user_menu.h"

namespace hoyo::http {

// The UTF-8 byte order mark that makes spreadsheets read a CSV as UTF-8.
inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

// The header row (with its CRLF) and one reservation's row; `name` is the
// guest's name ("" once erased or unknown). The last cell (料金) is the
// recorded price's total in yen as a number, empty when not priced; then
// 支払: "paid" or "unpaid".
const std::string& reservations_csv_header();
std::string reservation_csv_row(const domain::Reservation& r, const std::string& name);

// The header row and one application's row (all users' applications, O6).
const std::string& applications_csv_header();
std::string application_csv_row(const domain::UserApplication& a);

// A reservation as the operators' search lists it: the user's reservation
// object with userNumber, bookedAt, paid, attendance and overrideReason (opened
// with `vault`, which may be null: http/codec/reason_json.h).
boost::json::object operator_reservation_json(const projections::MenuReservation& m,
                                              const accounts::PersonalDataVault* vault);
// An application as the operators' list shows it: the user's object with userNumber.
boost::json::object operator_application_json(const domain::UserApplication& a);

}  // namespace hoyo::http
