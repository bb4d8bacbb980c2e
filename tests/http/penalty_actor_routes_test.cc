// The actor of each penalty decision (issue 17, "Every decision is in the log
// with its actor"), as the auditors' history of the user shows it: the
// centre's late cancellation, its waiver, a no-show's attendance, the
// suspensions they cause and their lift are the operator's who recorded
// them, never the system's; the user's own bookings are the user's.
#include <vector>

#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

constexpr char kOperator[] = "operator:demo-operator";

class PenaltyActorRoutes : public OperatorAndResident {
 protected:
  // The actors of the events of `type` in `events` (about `number` when given).
  static std::vector<std::string> actors(const std::vector<json::object>& events,
                                         const std::string& type, const std::string& number = "") {
    std::vector<std::string> out;
    for (const json::object& e : events) {
      if (e.at("type").as_string() != type) continue;
      const json::object& data = e.at("data").as_object();
      if (!number.empty() && data.contains("number") && data.at("number").as_string() != number) {
        continue;
      }
      out.emplace_back(e.at("actor").as_string());
    }
    return out;
  }
};

TEST_F(PenaltyActorRoutes, EachPenaltyDecisionIsTheOperatorsWhoRecordedIt) {
  const std::string absent = book(day(4));
  const std::string late = book(day(5));
  const std::string taro_session = taro();
  Response theirs = post("/api/reservations", taro_session, stay(day(5)));
  ASSERT_EQ(theirs.result(), bhttp::status::created) << theirs.body();
  const std::string waived(body(theirs).at("reservationNumber").as_string());

  later(3);  // inside the late period of both: only the centre cancels them
  ASSERT_EQ(cancel(late).result(), bhttp::status::ok);
  Response waiver = cancel(waived, {{"waivePenalty", true}, {"reason", "気象警報"}});
  ASSERT_EQ(waiver.result(), bhttp::status::ok) << waiver.body();
  later(2);  // the day after `absent`'s check-in
  Response no_show = post("/api/operator/reservations/" + absent + "/attendance", op_,
                          json::object{{"status", "no_show"}});
  ASSERT_EQ(no_show.result(), bhttp::status::ok) << no_show.body();
  Response lifted = post("/api/operator/users/10000012/suspension/lift", op_,
                         json::object{{"reason", "施設の誤報告"}});
  ASSERT_EQ(lifted.result(), bhttp::status::no_content) << lifted.body();
  const std::string head = std::to_string(services_->store().head());

  const std::vector<json::object> hers = audit_history("user/10000012", head);
  using Actors = std::vector<std::string>;
  EXPECT_EQ(actors(hers, "ReservationBooked"), (Actors{"user:10000012", "user:10000012"}));
  EXPECT_EQ(actors(hers, "ReservationCancelled", late), Actors{kOperator});
  // The late cancellation's suspension, then the no-show's.
  EXPECT_EQ(actors(hers, "UserSuspended"), (Actors{kOperator, kOperator}));
  EXPECT_EQ(actors(hers, "AttendanceRecorded", absent), Actors{kOperator});
  EXPECT_EQ(actors(hers, "SuspensionLifted"), Actors{kOperator});
  // No decision is the system's: its only events here are the login records.
  for (const json::object& e : hers) {
    if (e.at("actor").as_string() == "system") {
      EXPECT_EQ(e.at("type").as_string(), "LoginAttempted") << json::serialize(e);
    }
  }

  const std::vector<json::object> his = audit_history("user/10000020", head);
  EXPECT_EQ(actors(his, "ReservationBooked"), Actors{"user:10000020"});
  EXPECT_EQ(actors(his, "ReservationCancelled", waived), Actors{kOperator});
  EXPECT_TRUE(actors(his, "UserSuspended").empty());  // waived: no one suspended
}

}  // namespace
}  // namespace hoyo::http
