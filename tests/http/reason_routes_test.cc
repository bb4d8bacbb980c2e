// Staff reasons over HTTP (issue 17): every route that takes a free-text
// reason (a waiver, a dropped night's waiver, an override, a lift, a
// closure's cancellations, a rejection, an erasure) refuses a blank one or
// one with a control character with 422 `validation` on its field, and
// writes nothing; a reason with spaces around is stored trimmed.
#include "tests/accounts/images.h"
#include "tests/accounts/worker_form.h"
#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

const std::vector<std::string> kNotReasons{"   ",  "\u3000", "\n",     "\t",  "台風\nのため",
                                           "\x7f", "\u0085", "\u009f", "a\rb"};

class ReasonRoutes : public OperatorAndResident {
 protected:
  // Posts `body` with each of kNotReasons as `field` (or under `method`):
  // each is 422 validation on `field`, and the log's head stays.
  void refuses_each(bhttp::verb method, const std::string& target, json::object body,
                    const std::string& field = "reason") {
    for (const std::string& bad : kNotReasons) {
      SCOPED_TRACE(target + " with \"" + bad + "\"");
      body[field] = bad;
      const std::uint64_t head = services_->store().head();
      Response r = send(make(method, target, op_, json::serialize(body)));
      ASSERT_EQ(r.result(), bhttp::status::unprocessable_entity) << r.body();
      EXPECT_EQ(code(r), "validation");
      EXPECT_EQ(this->body(r).at("errors").at(0).at("field").as_string(), field);
      EXPECT_EQ(services_->store().head(), head);
    }
  }
};

TEST_F(ReasonRoutes, EveryStaffReasonRefusesBlankOrControlTextAndWritesNothing) {
  const std::string late = book(day(5));
  const std::string two_nights = [&] {
    json::object b = stay(day(6));
    b["nights"] = 2;
    b["people"] = json::array{2, 2};
    Response r = post("/api/reservations", hanako_, b);
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    return std::string(body(r).at("reservationNumber").as_string());
  }();
  later(3);  // inside the late period of both
  refuses_each(bhttp::verb::post, "/api/operator/reservations/cancellations",
               {{"reservationNumbers", json::array{json::value(late)}}, {"waivePenalty", true}});
  refuses_each(bhttp::verb::patch, "/api/operator/reservations/" + two_nights,
               {{"dropNight", 2}, {"waivePenalty", true}});
  refuses_each(bhttp::verb::post, "/api/operator/facilities/seaside/closures",
               {{"dates", json::array{json::value(day(5))}}, {"cancelBookings", true}});
  // A late cancellation suspends her: an override and a lift take reasons.
  ASSERT_EQ(cancel(late).result(), bhttp::status::ok);
  json::object for_her = stay(day(20));
  for_her["userNumber"] = "10000012";
  refuses_each(bhttp::verb::post, "/api/operator/reservations", for_her, "overrideReason");
  refuses_each(bhttp::verb::post, "/api/operator/users/10000012/suspension/lift", {});
  refuses_each(bhttp::verb::post, "/api/operator/users/10000012/erasure", {});

  // Spaces around a reason are trimmed before it is sealed and stored.
  for_her["overrideReason"] = "  区長の判断\u3000";
  Response overridden = post("/api/operator/reservations", op_, for_her);
  ASSERT_EQ(overridden.result(), bhttp::status::created) << overridden.body();
  EXPECT_EQ(body(overridden).at("overrideReason").as_string(), "区長の判断");
}

TEST_F(ReasonRoutes, ARejectionsReasonIsText) {
  Request req = make(bhttp::verb::post, "/api/registrations");
  req.set(bhttp::field::content_type, accounts::testing::worker_form_type());
  req.body() = accounts::testing::worker_form("タカナワ　イチロウ", "ichiro@example.jp",
                                              accounts::testing::make_png(8, 8));
  req.prepare_payload();
  Response r = send(req);
  ASSERT_EQ(r.result(), bhttp::status::created) << r.body();
  const std::string target =
      "/api/operator/registrations/" + std::string(body(r).at("registrationId").as_string());
  refuses_each(bhttp::verb::post, target + "/rejection", {});
  Response rejected = post(target + "/rejection", op_, json::object{{"reason", " 読めません\n"}});
  ASSERT_EQ(rejected.result(), bhttp::status::unprocessable_entity) << rejected.body();
  rejected = post(target + "/rejection", op_, json::object{{"reason", " 証明書が 読めません "}});
  ASSERT_EQ(rejected.result(), bhttp::status::ok) << rejected.body();
  Response list = get("/api/operator/registrations?status=rejected", op_);
  EXPECT_EQ(body(list).as_array().at(0).at("rejectReason").as_string(), "証明書が 読めません");
}

}  // namespace
}  // namespace hoyo::http
