// The auditors' routes (the log as JSON lines with personal fields while
// their key exists, verification, history, replay, the commitment and reveal
// of the two-party draw) and the test clock.
#include <sstream>

#include "accounts/personal_data.h"
#include "base/hex.h"
#include "domain/lottery_draw.h"
#include "eventstore/event.h"
#include "eventstore/fault_injection.h"
#include "temp_dir.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

std::vector<json::value> lines(const Response& r) {
  std::vector<json::value> out;
  std::istringstream in(r.body());
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

class AuditRoutes : public AppFixture {};

class AuditRoutesFailingReads : public AppFixture {
 protected:
  void SetUp() override {
    tweak_ = [faults = faults_](daemon::RuntimeOptions& o) { o.faults = faults; };
    AppFixture::SetUp();
  }
  std::shared_ptr<eventstore::FaultInjector> faults_ =
      std::make_shared<eventstore::FaultInjector>();
};

// An event the history's index names and the log cannot give fails the
// request (500 internal): the history never leaves it out silently.
TEST_F(AuditRoutesFailingReads, AHistoryWithAnEventTheLogCannotGiveFailsWhole) {
  const std::string auditor = auditor_session();
  const std::string target = "/api/audit/history/user/10000012";
  Response whole = get(target, auditor);
  ASSERT_EQ(whole.result(), bhttp::status::ok) << whole.body();
  ASSERT_FALSE(lines(whole).empty());
  faults_->fail_reads(true);
  Response failed = get(target, auditor);
  faults_->fail_reads(false);
  EXPECT_EQ(failed.result(), bhttp::status::internal_server_error) << failed.body();
  EXPECT_EQ(code(failed), "internal");
  EXPECT_EQ(get(target, auditor).body(), whole.body());
}

TEST_F(AuditRoutes, TheLogAsJsonLinesWithPersonalFieldsWhileTheKeyExists) {
  const std::string auditor = auditor_session();
  Response r = get("/api/audit/events?from=1&limit=10000", auditor);
  ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
  EXPECT_EQ(r[bhttp::field::content_type], "application/x-ndjson; charset=utf-8");
  const auto all = lines(r);
  ASSERT_EQ(all.size(), services_->store().head());
  std::string registration;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const json::value& l = all[i];
    EXPECT_EQ(l.at("position").to_number<std::uint64_t>(), i + 1);
    EXPECT_EQ(l.at("hash").as_string().size(), 64u);
    for (const char* f : {"streamId", "version", "type", "at", "actor", "data"}) {
      EXPECT_TRUE(l.as_object().contains(f)) << f;
    }
    if (l.at("type").as_string() == "RegistrationSubmitted" &&
        l.at("data").at("personal").is_object() &&
        l.at("data").at("personal").at("nameKanji").as_string() == "港 花子") {
      registration = std::string(l.at("data").at("id").as_string());
    }
    EXPECT_EQ(r.body().find("demo-hanako-2026"), std::string::npos);  // never a password
  }
  ASSERT_FALSE(registration.empty());
  // Paging.
  EXPECT_EQ(lines(get("/api/audit/events?from=3&limit=2", auditor)).size(), 2u);
  EXPECT_EQ(code(get("/api/audit/events?from=0", auditor)), "validation");
  EXPECT_EQ(code(get("/api/audit/events?limit=10001", auditor)), "validation");

  // Erased: the same line now says so, and the chain still verifies.
  const std::string op = operator_session();
  ASSERT_EQ(
      post("/api/operator/users/10000012/erasure", op, json::object{{"reason", "退会"}}).result(),
      bhttp::status::ok);
  bool seen = false;
  for (const auto& l : lines(get("/api/audit/events?from=1&limit=10000", auditor))) {
    if (l.at("type").as_string() == "RegistrationSubmitted" &&
        l.at("data").at("id").as_string() == registration) {
      EXPECT_EQ(l.at("data").at("personal").as_string(), "erased");
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
  const json::value verified = body(get("/api/audit/verify", auditor));
  EXPECT_TRUE(verified.at("ok").as_bool()) << json::serialize(verified);
  EXPECT_EQ(verified.at("checked").to_number<std::uint64_t>(), services_->store().head());
}

// hoyoctl verify --from and head through the server: the chain alone from a
// position, and the head with the hash stored at it.
TEST_F(AuditRoutes, TheChainFromAPositionAndTheHead) {
  const std::string auditor = auditor_session();
  const std::uint64_t head = services_->store().head();
  ASSERT_GT(head, 3u);
  const json::value from = body(get("/api/audit/verify?from=3", auditor));
  EXPECT_EQ(json::serialize(from),
            "{\"ok\":true,\"from\":3,\"checked\":" + std::to_string(head - 2) + "}");
  EXPECT_EQ(code(get("/api/audit/verify?from=0", auditor)), "validation");
  EXPECT_EQ(code(get("/api/audit/verify?from=x", auditor)), "validation");
  EXPECT_EQ(code(get("/api/audit/verify?from=-1", auditor)), "validation");
  EXPECT_EQ(code(get("/api/audit/verify?from=99999999999999999999999", auditor)), "validation");
  const json::value h = body(get("/api/audit/head", auditor));
  EXPECT_EQ(h.at("position").to_number<std::uint64_t>(), head);
  EXPECT_EQ(h.at("hash").as_string(), base::to_hex(services_->store().head_hash()));
  EXPECT_EQ(code(get("/api/audit/head", operator_session())), "forbidden");
  EXPECT_EQ(code(get("/api/audit/verify?from=3", operator_session())), "forbidden");
}

TEST_F(AuditRoutes, HistoryOfASubjectAndReplayAtAPosition) {
  const std::string user = hanako();
  Response booked = post("/api/reservations", user,
                         json::object{{"facilityId", "kogen"},
                                      {"checkIn", day(20)},
                                      {"nights", 1},
                                      {"people", json::array{2}}});
  ASSERT_EQ(booked.result(), bhttp::status::created);
  const std::string number(body(booked).at("reservationNumber").as_string());
  const std::string at_booking = position(booked);
  Response cancelled =
      post("/api/reservations/cancellations", user,
           json::object{{"reservationNumbers", json::array{json::string(number)}}});
  ASSERT_EQ(cancelled.result(), bhttp::status::ok);

  const std::string auditor = auditor_session();
  Request h = make(bhttp::verb::get, "/api/audit/history/user/10000012", auditor);
  h.set("X-Min-Position", position(cancelled));
  std::vector<std::string> types;
  for (const auto& l : lines(send(h))) types.emplace_back(l.at("type").as_string());
  EXPECT_NE(std::find(types.begin(), types.end(), "ReservationBooked"), types.end());
  // The cancellation, then its receipt in the same group: the mail that
  // carries it and the notice.
  ASSERT_GE(types.size(), 3u);
  EXPECT_EQ(std::vector<std::string>(types.end() - 3, types.end()),
            (std::vector<std::string>{"ReservationCancelled", "MailQueued", "NoticeIssued"}));
  EXPECT_EQ(get("/api/audit/history/planet/1", auditor).result(), bhttp::status::not_found);

  // Pages of the history: `from` a position, at most `limit` lines; read on
  // from the last position + 1, they give the whole history once, in order.
  std::vector<std::uint64_t> whole;
  for (const auto& l : lines(send(h))) whole.push_back(l.at("position").to_number<std::uint64_t>());
  ASSERT_GE(whole.size(), 4u);
  std::vector<std::uint64_t> paged;
  for (std::uint64_t from = 1;;) {
    const auto page = lines(
        get("/api/audit/history/user/10000012?limit=3&from=" + std::to_string(from), auditor));
    ASSERT_LE(page.size(), 3u);
    for (const auto& l : page) paged.push_back(l.at("position").to_number<std::uint64_t>());
    if (page.size() < 3) break;
    from = paged.back() + 1;
  }
  EXPECT_EQ(paged, whole);
  const auto tail = lines(get(
      "/api/audit/history/user/10000012?from=" + std::to_string(whole[whole.size() - 2]), auditor));
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[1].at("position").to_number<std::uint64_t>(), whole.back());
  EXPECT_EQ(code(get("/api/audit/history/user/10000012?from=0", auditor)), "validation");
  EXPECT_EQ(code(get("/api/audit/history/user/10000012?limit=10001", auditor)), "validation");

  // As of the booking, the reservation stood and the night had one room fewer.
  Response then = get("/api/audit/replay?position=" + at_booking +
                          "&facilityId=kogen&from=" + day(20) + "&reservationNumber=" + number,
                      auditor);
  ASSERT_EQ(then.result(), bhttp::status::ok) << then.body();
  EXPECT_EQ(body(then).at("reservation").at("status").as_string(), "booked");
  EXPECT_EQ(body(then).at("vacancy").at("days").as_array()[0].at("freeRooms").as_int64(), 9);
  Response now = get("/api/audit/replay?position=" + position(cancelled) +
                         "&facilityId=kogen&from=" + day(20) + "&reservationNumber=" + number,
                     auditor);
  EXPECT_EQ(body(now).at("reservation").at("status").as_string(), "cancelled");
  EXPECT_EQ(body(now).at("vacancy").at("days").as_array()[0].at("freeRooms").as_int64(), 10);
  EXPECT_EQ(get("/api/audit/replay?position=999999", auditor).result(), bhttp::status::not_found);

  // At a time: the last position recorded by then; with a user, their reservations.
  // (A second after the cancellation's time, which the answer gives to the second.)
  std::string at = domain::format_rfc3339_tokyo(
      *domain::parse_rfc3339(std::string(body(now).at("at").as_string())) +
      domain::kMicrosPerSecond);
  at.replace(at.find('+'), 1, "%2B");
  Response by_time = get("/api/audit/replay?at=" + at + "&userNumber=10000012", auditor);
  ASSERT_EQ(by_time.result(), bhttp::status::ok) << by_time.body();
  const json::value replayed = body(by_time);
  EXPECT_GE(replayed.at("position").to_number<std::uint64_t>(), std::stoull(position(cancelled)));
  bool listed = false;
  for (const auto& r : replayed.at("user").at("reservations").as_array()) {
    if (r.at("reservationNumber").as_string() == number) {
      listed = true;
      EXPECT_EQ(r.at("status").as_string(), "cancelled");
    }
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(get("/api/audit/replay?at=2000-01-01T00:00:00%2B09:00", auditor).result(),
            bhttp::status::not_found);
  EXPECT_EQ(get("/api/audit/replay?at=yesterday", auditor).result(),
            bhttp::status::unprocessable_entity);
}

// The two-party draw over HTTP: two periods opened by the operator; the
// auditor commits to one late (opening its window at that moment) and never
// to the other; reveal after the close; the draw waits for the reveal.
TEST_F(AuditRoutes, TheAuditorCommitsAndRevealsAndTheDrawWaitsForIt) {
  const std::string op = operator_session();
  const std::string auditor = auditor_session();
  const std::string user = hanako();
  ASSERT_FALSE(op.empty() || auditor.empty() || user.empty());
  const domain::Instant now = services_->clock().now();
  auto at = [&](std::int64_t seconds) {
    return domain::format_rfc3339_tokyo(now + seconds * domain::kMicrosPerSecond);
  };
  const domain::Date first = domain::tokyo_date(now).first_of_month_plus(4);
  const std::string operator_secret = "the operator's secret";
  std::string opened_at;  // the position of the last period opened
  auto open_period = [&](const domain::Date& month, const char* facility) {
    Response r =
        post("/api/operator/lotteries", op,
             json::object{{"stayMonth", month.to_string().substr(0, 7)},
                          {"facilityIds", json::array{facility}},
                          {"opensAt", at(100)},
                          {"closesAt", at(200)},
                          {"drawAt", at(300)},
                          {"publishAt", at(400)},
                          {"seedHash", base::to_hex(domain::seed_commitment(operator_secret))}});
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    opened_at = position(r);
    return std::string(body(r).at("lotteryId").as_string());
  };
  const std::string lottery = open_period(first, "kogen");
  const std::string never = open_period(first.first_of_month_plus(1), "kogen");
  const std::string commitment = "/api/audit/lotteries/" + lottery + "/commitment";
  const std::string reveal = "/api/audit/lotteries/" + lottery + "/reveal";
  const std::string draw = "/api/operator/lotteries/" + lottery + "/draw";
  const std::string auditor_secret = "the auditor's secret";
  const json::object commit_body{
      {"seedHash", base::to_hex(domain::seed_commitment(auditor_secret))}};
  auto item = [&](const std::string& session, const std::string& path, const std::string& id,
                  const std::string& min_position = {}) {
    Request r = make(bhttp::verb::get, path, session);
    if (!min_position.empty()) r.set("X-Min-Position", min_position);
    const json::value list = body(send(r));
    for (const auto& l : list.as_array()) {
      if (l.at("lotteryId").as_string() == id) return l;
    }
    return json::value();
  };
  auto apply = [&]() {
    return post("/api/lotteries/" + lottery + "/applications", user,
                json::object{{"facilityId", "kogen"},
                             {"checkIn", first.plus_days(9).to_string()},
                             {"nights", 1},
                             {"people", json::array{2}},
                             {"preference", 1}});
  };

  // Past opensAt without the auditor's commitment: upcoming, and not open.
  advance(150);
  json::value listed = item(user, "/api/lotteries", lottery, opened_at);
  ASSERT_TRUE(listed.is_object());
  EXPECT_TRUE(listed.at("auditorSeedHash").is_null());
  EXPECT_EQ(listed.at("drawRule").as_int64(), 2);
  EXPECT_EQ(listed.at("status").as_string(), "upcoming");
  Response refused = apply();
  EXPECT_EQ(refused.result(), bhttp::status::unprocessable_entity) << refused.body();
  EXPECT_EQ(code(refused), "not_open");
  // The auditors' list is the same, with the auditor's login.
  EXPECT_EQ(item(auditor, "/api/audit/lotteries", lottery), listed);
  EXPECT_EQ(get("/api/audit/lotteries", user).result(), bhttp::status::unauthorized);
  EXPECT_EQ(get("/api/audit/lotteries", op).result(), bhttp::status::forbidden);

  // Only an auditor commits: no login, a user, an operator are refused.
  const std::uint64_t head = services_->store().head();
  EXPECT_EQ(post(commitment, "", commit_body).result(), bhttp::status::unauthorized);
  EXPECT_EQ(post(commitment, user, commit_body).result(), bhttp::status::unauthorized);
  Response as_operator = post(commitment, op, commit_body);
  EXPECT_EQ(as_operator.result(), bhttp::status::forbidden);
  EXPECT_EQ(code(as_operator), "forbidden");
  // Cross-site requests are refused like every state-changing route.
  Request no_header = make(bhttp::verb::post, commitment, auditor, json::serialize(commit_body));
  no_header.erase("X-Requested-With");
  Response csrf = send(no_header);
  EXPECT_EQ(csrf.result(), bhttp::status::forbidden);
  EXPECT_EQ(code(csrf), "csrf");
  Request foreign =
      make(bhttp::verb::post, reveal, auditor, json::serialize(json::object{{"secret", "00"}}));
  foreign.set(bhttp::field::origin, "https://evil.example");
  EXPECT_EQ(code(send(foreign)), "csrf");
  EXPECT_EQ(code(post(commitment, auditor, json::object{{"seedHash", "zz"}})), "validation");
  EXPECT_EQ(code(post(commitment, auditor, json::object{{"seedHash", "00ff"}})), "validation");
  EXPECT_EQ(code(post(commitment, auditor, json::object{})), "validation");
  EXPECT_EQ(post("/api/audit/lotteries/nope/commitment", auditor, commit_body).result(),
            bhttp::status::not_found);
  EXPECT_EQ(services_->store().head(), head);  // nothing was written

  // A late commitment: 204, and the window opens now.
  Response committed = post(commitment, auditor, commit_body);
  ASSERT_EQ(committed.result(), bhttp::status::no_content) << committed.body();
  EXPECT_FALSE(position(committed).empty());
  listed = item(user, "/api/lotteries", lottery, position(committed));
  EXPECT_EQ(listed.at("auditorSeedHash").as_string(),
            base::to_hex(domain::seed_commitment(auditor_secret)));
  EXPECT_EQ(listed.at("status").as_string(), "open");
  EXPECT_FALSE(listed.at("auditorRevealed").as_bool());
  Response second = post(commitment, auditor, commit_body);
  EXPECT_EQ(second.result(), bhttp::status::conflict);
  EXPECT_EQ(code(second), "conflict");
  ASSERT_EQ(apply().result(), bhttp::status::created);

  // Before the close: no reveal, no draw.
  const json::object reveal_body{{"secret", base::to_hex(auditor_secret)}};
  EXPECT_EQ(code(post(reveal, auditor, reveal_body)), "window_open");
  EXPECT_EQ(code(post(draw, op, json::object{{"secret", base::to_hex(operator_secret)}})),
            "window_open");
  advance(100);  // past closesAt
  // Too late to commit to the other period; its draw can never come.
  Response late = post("/api/audit/lotteries/" + never + "/commitment", auditor, commit_body);
  EXPECT_EQ(late.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(late), "window_closed");
  EXPECT_EQ(code(post("/api/operator/lotteries/" + never + "/draw", op,
                      json::object{{"secret", base::to_hex(operator_secret)}})),
            "reveal_missing");
  // The draw waits for the auditor's reveal.
  Request english = make(bhttp::verb::post, draw, op,
                         json::serialize(json::object{{"secret", base::to_hex(operator_secret)}}));
  english.set(bhttp::field::accept_language, "en");
  Response missing = send(english);
  EXPECT_EQ(missing.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(missing), "reveal_missing");
  EXPECT_NE(missing.body().find("until the auditor has revealed"), std::string::npos)
      << missing.body();
  EXPECT_EQ(post(reveal, op, reveal_body).result(), bhttp::status::forbidden);
  Response mismatch = post(reveal, auditor, json::object{{"secret", "00ff"}});
  EXPECT_EQ(mismatch.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(mismatch), "seed_mismatch");
  EXPECT_EQ(code(post(reveal, auditor, json::object{{"secret", "xyz"}})), "validation");
  Response revealed = post(reveal, auditor, reveal_body);
  ASSERT_EQ(revealed.result(), bhttp::status::no_content) << revealed.body();
  EXPECT_EQ(code(post(reveal, auditor, reveal_body)), "conflict");
  EXPECT_TRUE(item(auditor, "/api/audit/lotteries", lottery, position(revealed))
                  .at("auditorRevealed")
                  .as_bool());
  Response drawn = post(draw, op, json::object{{"secret", base::to_hex(operator_secret)}});
  ASSERT_EQ(drawn.result(), bhttp::status::ok) << drawn.body();
  EXPECT_EQ(body(drawn).at("winners").as_int64(), 1);

  // Both of the auditor's acts are in the log, by the auditor, and the draw
  // re-runs from the log alone.
  Request h = make(bhttp::verb::get, "/api/audit/history/lottery/" + lottery, auditor);
  h.set("X-Min-Position", position(drawn));
  std::vector<std::string> types;
  for (const auto& l : lines(send(h))) {
    types.emplace_back(l.at("type").as_string());
    if (types.back() == "LotteryAuditorCommitted") {
      EXPECT_EQ(l.at("actor").as_string(), "operator:demo-auditor");
      EXPECT_EQ(l.at("data").at("seedHash").as_string(),
                base::to_hex(domain::seed_commitment(auditor_secret)));
    }
    if (types.back() == "LotteryAuditorRevealed") {
      EXPECT_EQ(l.at("data").at("secret").as_string(), base::to_hex(auditor_secret));
    }
    if (types.back() == "LotteryOpened") {
      EXPECT_EQ(l.at("data").at("period").at("drawRule").as_int64(), 2);
    }
  }
  EXPECT_EQ(types,
            (std::vector<std::string>{"LotteryOpened", "LotteryAuditorCommitted", "LotteryApplied",
                                      "LotteryAuditorRevealed", "LotteryDrawn"}));
  Response redraw = get("/api/audit/lotteries/" + lottery + "/redraw", auditor);
  EXPECT_TRUE(body(redraw).at("identical").as_bool()) << redraw.body();
  EXPECT_TRUE(body(get("/api/audit/verify", auditor)).at("ok").as_bool());
}

TEST_F(AuditRoutes, TheTestClockMovesOnlyForwardAndSurvivesARestart) {
  const domain::Instant start = services_->clock().now();
  const std::string later = domain::format_rfc3339_tokyo(start + 3600 * domain::kMicrosPerSecond);
  Response set = send(bhttp::verb::put, "/api/test/clock", "", json::object{{"now", later}});
  ASSERT_EQ(set.result(), bhttp::status::ok) << set.body();
  const domain::Instant expected = *domain::parse_rfc3339(later);  // whole seconds
  EXPECT_EQ(services_->clock().now(), expected);
  Response back = send(bhttp::verb::put, "/api/test/clock", "",
                       json::object{{"now", domain::format_rfc3339_tokyo(start)}});
  EXPECT_EQ(code(back), "conflict");
  EXPECT_EQ(code(send(bhttp::verb::put, "/api/test/clock", "", json::object{{"now", "soon"}})),
            "validation");
  close();
  open();
  EXPECT_EQ(services_->clock().now(), expected);
  EXPECT_EQ(body(get("/api/test/clock")).at("now").as_string(), later);
}

TEST(TestClock, WithoutTheFlagThePathIsNotFound) {
  const ::hoyo::testing::TempDir tmp;
  {
    daemon::RuntimeOptions o;
    o.data_dir = tmp.path();
    auto services = std::move(daemon::Runtime::open(o)).value();
    AppContext ctx;
    ctx.store = &services->store();
    ctx.services = services.get();
    Request req{bhttp::verb::put, "/api/test/clock", 11};
    req.set("X-Requested-With", "t");
    req.body() = R"({"now":"2030-01-01T00:00:00+09:00"})";
    req.prepare_payload();
    Response r = handle_request(req, ctx);
    EXPECT_EQ(r.result(), bhttp::status::not_found);
    EXPECT_EQ(json::parse(r.body()).at("code").as_string(), "not_found");
  }
}

}  // namespace
}  // namespace hoyo::http
