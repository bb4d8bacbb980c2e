// A fixture for the routes where an operator acts on a resident's stays
// (penalties, sealed reasons): 港 花子 and an operator logged in, booking
// and cancelling by the operator, and the clock moved on with fresh logins.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "tests/http/app_fixture.h"

namespace hoyo::http::testing {

class OperatorAndResident : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    hanako_ = hanako();
    op_ = operator_session();
    ASSERT_FALSE(hanako_.empty());
    ASSERT_FALSE(op_.empty());
  }
  // One night for two at `facility`, as a booking's body.
  static json::object stay(const std::string& check_in, const char* facility = "seaside") {
    return {
        {"facilityId", facility}, {"checkIn", check_in}, {"nights", 1}, {"people", json::array{2}}};
  }
  // Books `facility` on `check_in` for hanako; the reservation number.
  std::string book(const std::string& check_in, const char* facility = "seaside") {
    Response r = post("/api/reservations", hanako_, stay(check_in, facility));
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    return std::string(body(r).at("reservationNumber").as_string());
  }
  // The operator cancels `number` on the user's behalf, with `extra` fields.
  Response cancel(const std::string& number, json::object extra = {}) {
    extra["reservationNumbers"] = json::array{json::value(number)};
    return post("/api/operator/reservations/cancellations", op_, extra);
  }
  // The auditors' history of `subject` ("user/N", "reservation/N", ...) once
  // the log holds position `at`: each event's line.
  std::vector<json::object> audit_history(const std::string& subject, const std::string& at) {
    Request r = make(bhttp::verb::get, "/api/audit/history/" + subject, auditor_session());
    r.set("X-Min-Position", at);
    Response res = send(r);
    EXPECT_EQ(res.result(), bhttp::status::ok) << res.body();
    std::vector<json::object> out;
    std::istringstream in(res.body());
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line).as_object());
    return out;
  }
  // Moves the clock `days` on; sessions follow the business clock, so both
  // log in again (hanako_ is empty once she can no longer: erased).
  void later(int days) {
    advance(days * 86400);
    hanako_ = hanako();
    op_ = operator_session();
    ASSERT_FALSE(op_.empty());
  }
  std::string hanako_;
  std::string op_;
};

}  // namespace hoyo::http::testing
