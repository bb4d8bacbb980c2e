// Operators' reasons about a user (issue 17: a waiver's, an override's, a
// lift's) are sealed under the user's data key before they enter the log:
// the log's bytes never hold the text; the operators' views and the
// auditors' history show it while the key exists, and "erased" once the
// user is erased, with the chain still verifying. Events written before
// sealing keep their plain reason and still show it.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <sstream>
#include <thread>
#include <vector>

#include "projections/stay_view.h"
#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

const std::string kWaiver = "診断書あり：インフルエンザのため";
const std::string kOverride = "区長の判断：入院中の家族の付添い";
const std::string kLift = "誤って記録したため：通院の証明あり";

class SealedReasons : public OperatorAndResident {
 protected:
  // The data of the `type` events in the auditors' history of `subject`.
  std::vector<json::object> history(const std::string& subject, const std::string& type,
                                    const std::string& at) {
    std::vector<json::object> out;
    for (const json::object& l : audit_history(subject, at)) {
      if (l.at("type").as_string() == type) out.push_back(l.at("data").as_object());
    }
    return out;
  }
  // Reservation `number` as the operators' search lists it.
  json::object reservation(const std::string& number, const std::string& at) {
    Request r = make(bhttp::verb::get, "/api/operator/reservations?number=" + number, op_);
    r.set("X-Min-Position", at);
    Response res = send(r);
    EXPECT_EQ(res.result(), bhttp::status::ok) << res.body();
    return body(res).as_array().at(0).as_object();
  }
  // Every stored event's payload, as the log holds it.
  std::string payloads() {
    std::string all;
    auto read = services_->store().read_all(1, ~0ull, [&](const eventstore::EventView& v) {
      all.append(v.payload);
      return true;
    });
    EXPECT_TRUE(read.ok());
    return all;
  }
  // Every byte of the data directory's files (the log's WAL and tables, the
  // side tables).
  std::string files() {
    std::string all;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir_)) {
      if (!f.is_regular_file()) continue;
      std::ifstream in(f.path(), std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  }
  bool me_suspended() {
    return body(get("/api/me", hanako_)).as_object().contains("suspendedUntil");
  }
};

TEST_F(SealedReasons, TheLogHoldsNoReasonTheViewsShowItUntilTheUserIsErased) {
  const std::string waived = book(day(5));
  const std::string late = book(day(5), "kogen");
  later(3);  // both inside the late period: only the centre cancels them
  Response w = cancel(waived, {{"waivePenalty", true}, {"reason", kWaiver}});
  ASSERT_EQ(w.result(), bhttp::status::ok) << w.body();
  ASSERT_EQ(cancel(late).result(), bhttp::status::ok);  // suspends hanako
  ASSERT_TRUE(me_suspended());
  json::object for_her = stay(day(20));
  for_her["userNumber"] = "10000012";
  for_her["overrideReason"] = kOverride;
  Response o = post("/api/operator/reservations", op_, for_her);
  ASSERT_EQ(o.result(), bhttp::status::created) << o.body();
  ASSERT_TRUE(body(o).as_object().contains("overrideReason")) << o.body();
  EXPECT_EQ(body(o).at("overrideReason").as_string(), kOverride);
  const std::string overridden(body(o).at("reservationNumber").as_string());
  Response l =
      post("/api/operator/users/10000012/suspension/lift", op_, json::object{{"reason", kLift}});
  ASSERT_EQ(l.result(), bhttp::status::no_content) << l.body();
  const std::string at = position(l);

  // Not one of the texts is in the log, nor anywhere in the data directory.
  ASSERT_TRUE(services_->store().wait_for_position(std::stoull(at), std::chrono::seconds(5)));
  const std::string log = payloads();
  for (const std::string& text : {kWaiver, kOverride, kLift}) {
    EXPECT_EQ(log.find(text), std::string::npos) << text;
  }
  const std::string stored = files();
  for (const std::string& text : {kWaiver, kOverride, kLift}) {
    EXPECT_EQ(stored.find(text), std::string::npos) << text;
  }

  // While the key exists, each view shows its reason.
  auto cancelled = history("reservation/" + waived, "ReservationCancelled", at);
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_EQ(cancelled[0].at("reason").as_string(), kWaiver);
  EXPECT_EQ(cancelled[0].at("waivedPenalty"), json::value(true));
  auto lifted = history("user/10000012", "SuspensionLifted", at);
  ASSERT_EQ(lifted.size(), 1u);
  EXPECT_EQ(lifted[0].at("reason").as_string(), kLift);
  auto booked = history("reservation/" + overridden, "ReservationBooked", at);
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(booked[0].at("reservation").at("overrideReason").as_string(), kOverride);
  EXPECT_EQ(reservation(overridden, at).at("overrideReason").as_string(), kOverride);

  // Erased: the reasons go with the key; the chain still verifies.
  Response erased =
      post("/api/operator/users/10000012/erasure", op_, json::object{{"reason", "退会"}});
  ASSERT_EQ(erased.result(), bhttp::status::ok) << erased.body();
  const std::string after = std::to_string(services_->store().head());
  cancelled = history("reservation/" + waived, "ReservationCancelled", after);
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_FALSE(cancelled[0].contains("reason"));
  EXPECT_EQ(cancelled[0].at("reasonSealed").as_string(), "erased");
  lifted = history("user/10000012", "SuspensionLifted", after);
  ASSERT_EQ(lifted.size(), 1u);
  EXPECT_EQ(lifted[0].at("reasonSealed").as_string(), "erased");
  booked = history("reservation/" + overridden, "ReservationBooked", after);
  EXPECT_EQ(booked.at(0).at("reservation").at("overrideReasonSealed").as_string(), "erased");
  const json::object view = reservation(overridden, after);
  EXPECT_FALSE(view.contains("overrideReason"));
  EXPECT_EQ(view.at("overrideReasonSealed").as_string(), "erased");
  const json::value verified = body(get("/api/audit/verify", auditor_session()));
  EXPECT_TRUE(verified.at("ok").as_bool()) << json::serialize(verified);
}

// A user with no data key (here an erased one): the reason is sealed under a
// key never kept, so it shows as erased from the start and is never plain.
TEST_F(SealedReasons, AReasonAboutAUserWithoutADataKeyIsNeverPlain) {
  const std::string number = book(day(5));
  ASSERT_EQ(
      post("/api/operator/users/10000012/erasure", op_, json::object{{"reason", "退会"}}).result(),
      bhttp::status::ok);
  later(3);
  Response w = cancel(number, {{"waivePenalty", true}, {"reason", kWaiver}});
  ASSERT_EQ(w.result(), bhttp::status::ok) << w.body();
  EXPECT_EQ(payloads().find(kWaiver), std::string::npos);
  auto cancelled = history("reservation/" + number, "ReservationCancelled", position(w));
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_EQ(cancelled[0].at("reasonSealed").as_string(), "erased");
}

// An event written before reasons were sealed (a plain reason, as the rules
// still accept from tools and tests) replays and shows as it did.
TEST_F(SealedReasons, AnOldEventsPlainReasonStillShows) {
  const std::string number = book(day(5));
  later(3);
  domain::CancelReservations c{"10000012", {number}, {true, "気象警報（旧形式）"}};
  auto out = services_->processor()
                 .submit(domain::Command{domain::Actor::op("demo-operator"), std::move(c)}, "")
                 .get();
  ASSERT_TRUE(out.ok());
  const std::string at = std::to_string(out.value().last_position);
  EXPECT_NE(payloads().find("気象警報（旧形式）"), std::string::npos);
  EXPECT_NE(files().find("気象警報（旧形式）"), std::string::npos);  // the scans can see text
  auto cancelled = history("reservation/" + number, "ReservationCancelled", at);
  ASSERT_EQ(cancelled.size(), 1u);
  EXPECT_EQ(cancelled[0].at("reason").as_string(), "気象警報（旧形式）");
  EXPECT_FALSE(cancelled[0].contains("reasonSealed"));
}

// Too long is judged on the text, sealed or not: 501 bytes are refused.
TEST_F(SealedReasons, ASealedReasonIsStillBoundedAndRequired) {
  const std::string number = book(day(5));
  later(3);
  Response too_long = cancel(number, {{"waivePenalty", true}, {"reason", std::string(501, 'x')}});
  ASSERT_EQ(too_long.result(), bhttp::status::unprocessable_entity) << too_long.body();
  EXPECT_EQ(body(too_long).at("errors").at(0).at("code").as_string(), "too_long");
  Response missing = cancel(number, {{"waivePenalty", true}, {"reason", ""}});
  EXPECT_EQ(body(missing).at("errors").at(0).at("code").as_string(), "required");
  EXPECT_EQ(cancel(number, {{"waivePenalty", true}, {"reason", std::string(500, 'x')}}).result(),
            bhttp::status::ok);
}

// A night dropped late by an operator, with a waiver: its reason is sealed
// in the log as a cancellation's is, the auditors' history shows it while
// the key exists, and says "erased" after.
TEST_F(SealedReasons, ALateDroppedNightsWaiverIsSealedToo) {
  json::object two = stay(day(5));
  two["nights"] = 2;
  two["people"] = json::array{2, 2};
  Response booked = post("/api/reservations", hanako_, two);
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  later(3);  // inside the late period of both nights: only the centre changes it
  Response changed =
      send(bhttp::verb::patch, "/api/operator/reservations/" + number, op_,
           json::object{{"dropNight", 2}, {"waivePenalty", true}, {"reason", kWaiver}});
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(body(changed).at("nights").as_int64(), 1);
  EXPECT_FALSE(me_suspended());  // waived
  EXPECT_EQ(payloads().find(kWaiver), std::string::npos);
  auto events = history("reservation/" + number, "ReservationChanged", position(changed));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("reason").as_string(), kWaiver);
  EXPECT_EQ(events[0].at("waivedPenalty"), json::value(true));

  ASSERT_EQ(
      post("/api/operator/users/10000012/erasure", op_, json::object{{"reason", "退会"}}).result(),
      bhttp::status::ok);
  events = history("reservation/" + number, "ReservationChanged",
                   std::to_string(services_->store().head()));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].contains("reason"));
  EXPECT_EQ(events[0].at("reasonSealed").as_string(), "erased");
}

// The stays view's checkpoint keeps an override reason sealed (never its
// text): reopened from it, the operators' view opens it while the key exists,
// and says "erased" once the user is erased.
TEST_F(SealedReasons, TheStaysViewsCheckpointKeepsAnOverrideReasonSealed) {
  const std::string late = book(day(5));
  later(3);
  ASSERT_EQ(cancel(late).result(), bhttp::status::ok);  // suspends hanako
  json::object for_her = stay(day(20));
  for_her["userNumber"] = "10000012";
  for_her["overrideReason"] = kOverride;
  Response booked = post("/api/operator/reservations", op_, for_her);
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  auto reopen_from_checkpoints = [&] {
    ASSERT_TRUE(projections_caught_up(*services_));
    ASSERT_TRUE(services_->projections().checkpoint().ok());
    close();
    open();
    ASSERT_TRUE(projections_caught_up(*services_));
    bool restored = false;
    for (const auto& p : services_->projections().start_report()) {
      if (p.name == projections::StayView::kName) restored = p.restored;
    }
    ASSERT_TRUE(restored) << "the stays view was folded again, not restored";
    op_ = operator_session();
  };
  reopen_from_checkpoints();
  EXPECT_EQ(files().find(kOverride), std::string::npos);  // the checkpoint holds it sealed
  const std::string head = std::to_string(services_->store().head());
  EXPECT_EQ(reservation(number, head).at("overrideReason").as_string(), kOverride);

  ASSERT_EQ(
      post("/api/operator/users/10000012/erasure", op_, json::object{{"reason", "退会"}}).result(),
      bhttp::status::ok);
  reopen_from_checkpoints();
  const json::object view = reservation(number, std::to_string(services_->store().head()));
  EXPECT_FALSE(view.contains("overrideReason"));
  EXPECT_EQ(view.at("overrideReasonSealed").as_string(), "erased");
}

// Sealing looks the user up on the writer's thread (AccountService::seal_note
// waits behind the writer's queue: a large publication, say), so an operator's
// lift, booking or waiver seals on the work pool, never on the connection's
// thread: while the pool is busy (here both its threads held), none of them
// is sealed, submitted or answered, and each is once the pool goes on.
TEST_F(SealedReasons, SealingRunsOnTheWorkPoolNotOnTheConnectionThread) {
  const std::string late = book(day(5));
  const std::string waived = book(day(5), "kogen");
  later(3);
  ASSERT_EQ(cancel(late).result(), bhttp::status::ok);  // suspends hanako
  json::object for_her = stay(day(20));
  for_her["userNumber"] = "10000012";
  for_her["overrideReason"] = kOverride;
  const std::vector<Request> requests{
      make(bhttp::verb::post, "/api/operator/users/10000012/suspension/lift", op_,
           json::serialize(json::object{{"reason", kLift}})),
      make(bhttp::verb::post, "/api/operator/reservations", op_, json::serialize(for_her)),
      make(bhttp::verb::post, "/api/operator/reservations/cancellations", op_,
           json::serialize(json::object{{"reservationNumbers", json::array{json::value(waived)}},
                                        {"waivePenalty", true},
                                        {"reason", kWaiver}}))};
  const std::uint64_t head = services_->store().head();

  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(pool_->post([released] { released.wait(); }));
  std::vector<std::promise<Response>> answers(requests.size());
  std::vector<std::future<Response>> answered;
  for (auto& a : answers) answered.push_back(a.get_future());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    handle_request_async(requests[i], ctx_,
                         [&answers, i](Response r) { answers[i].set_value(std::move(r)); });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const std::uint64_t head_while_held = services_->store().head();
  std::vector<bool> early;
  for (auto& a : answered) {
    early.push_back(a.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
  }
  release.set_value();
  EXPECT_EQ(head_while_held, head) << "a command was written before the pool sealed its reason";
  const bhttp::status expected[] = {bhttp::status::no_content, bhttp::status::created,
                                    bhttp::status::ok};
  for (std::size_t i = 0; i < requests.size(); ++i) {
    EXPECT_FALSE(early[i]) << requests[i].target() << " was sealed on the connection's thread";
    ASSERT_EQ(answered[i].wait_for(std::chrono::seconds(10)), std::future_status::ready);
    Response r = answered[i].get();
    EXPECT_EQ(r.result(), expected[i]) << requests[i].target() << " " << r.body();
  }
}

}  // namespace
}  // namespace hoyo::http
