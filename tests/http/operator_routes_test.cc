// The operators' routes over demo data, handlers called without a network:
// registrations with their proof (O1), postcard applicants and erasure (O4),
// the catalogue (O2), a lottery opened, drawn and published over HTTP (O3),
// searches, exports and bookings on a user's behalf (O4, O6), rebuilds (O5).
#include <openssl/sha.h>

#include "accounts/personal_data.h"
#include "base/hex.h"
#include "eventually.h"
#include "mail_files.h"
#include "tests/accounts/images.h"
#include "tests/accounts/worker_form.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

std::string hex(const std::string& bytes) { return base::to_hex(bytes); }

std::string sha256_hex(const std::string& bytes) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out);
  return hex(std::string(reinterpret_cast<char*>(out), sizeof out));
}

class OperatorRoutes : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    op_ = operator_session();
    ASSERT_FALSE(op_.empty());
  }
  // A worker's registration with a PNG proof; returns the answer.
  Response register_worker(const std::string& kana, const std::string& proof) {
    Request req = make(bhttp::verb::post, "/api/registrations");
    req.set(bhttp::field::content_type, accounts::testing::worker_form_type());
    req.body() = accounts::testing::worker_form(kana, "ichiro@example.jp", proof);
    req.prepare_payload();
    return send(req);
  }
  std::string op_;
};

TEST_F(OperatorRoutes, AWorkerWaitsForAnOperatorWhoSeesTheProofAndApproves) {
  const std::string png = accounts::testing::make_png(40, 30, "secret metadata");
  Response r = register_worker("タカナワ　イチロウ", png);
  ASSERT_EQ(r.result(), bhttp::status::created) << r.body();
  EXPECT_EQ(body(r).at("status").as_string(), "pending");
  EXPECT_FALSE(body(r).as_object().contains("userNumber"));
  const std::string id(body(r).at("registrationId").as_string());

  Response pending = get("/api/operator/registrations?status=pending", op_);
  ASSERT_EQ(pending.result(), bhttp::status::ok) << pending.body();
  const json::value list = body(pending);
  ASSERT_EQ(list.as_array().size(), 1u);
  const json::value& item = list.as_array()[0];
  EXPECT_EQ(item.at("registrationId").as_string(), id);
  EXPECT_EQ(item.at("category").as_string(), "worker");
  EXPECT_EQ(item.at("nameKanji").as_string(), "高輪 一郎");
  EXPECT_TRUE(item.at("hasProof").as_bool());

  Response proof = get("/api/operator/registrations/" + id + "/proof", op_);
  ASSERT_EQ(proof.result(), bhttp::status::ok);
  EXPECT_EQ(proof[bhttp::field::content_type], "image/png");
  EXPECT_EQ(proof.body().substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(proof.body().find("secret metadata"), std::string::npos);  // re-encoded

  Response approved = post("/api/operator/registrations/" + id + "/approval", op_, nullptr);
  ASSERT_EQ(approved.result(), bhttp::status::ok) << approved.body();
  const std::string number(body(approved).at("userNumber").as_string());
  EXPECT_EQ(number.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_EQ(post("/api/operator/registrations/" + id + "/approval", op_, nullptr).result(),
            bhttp::status::conflict);
  // An online registrant's code is not in the answer: it comes by mail.
  EXPECT_FALSE(body(approved).as_object().contains("activationCode"));
  const std::string mailed =
      hoyo::testing::mailed_activation_code(dir_ + "/mail", "ichiro@example.jp");
  ASSERT_EQ(mailed.size(), 19u);
  // The birth date is no key to the account.
  EXPECT_TRUE(login("/api/session", {{"userNumber", number}, {"password", "19900517"}}).empty());
  // The mailed code opens only the password change.
  const std::string user = login("/api/session", {{"userNumber", number}, {"password", mailed}});
  ASSERT_FALSE(user.empty());
  EXPECT_EQ(code(get("/api/reservations", user)), "password_change_required");
  EXPECT_EQ(get("/api/me", user).result(), bhttp::status::ok);
}

TEST_F(OperatorRoutes, ProofsAreJudgedByContentAndSizeBeforeAnythingIsStored) {
  const std::uint64_t head = services_->store().head();
  Response pdf = register_worker("タカナワ　イチロウ", "%PDF-1.7 not an image");
  EXPECT_EQ(pdf.result(), bhttp::status::unsupported_media_type) << pdf.body();
  Response missing = register_worker("タカナワ　イチロウ", "");
  EXPECT_EQ(missing.result(), bhttp::status::unprocessable_entity) << missing.body();
  Response big = register_worker("タカナワ　イチロウ", std::string(10 * 1024 * 1024 + 1, 'x'));
  EXPECT_EQ(big.result(), bhttp::status::payload_too_large) << big.body();
  EXPECT_EQ(services_->store().head(), head);
  // Not multipart at all, or broken multipart.
  Response json_body = post("/api/registrations", "", json::object{{"nameKanji", "x"}});
  EXPECT_EQ(code(json_body), "unsupported_media_type");
  Request broken = make(bhttp::verb::post, "/api/registrations");
  broken.set(bhttp::field::content_type, "multipart/form-data; boundary=zzz");
  broken.body() = "--zzz\r\nno headers";
  broken.prepare_payload();
  EXPECT_EQ(code(send(broken)), "malformed");
}

TEST_F(OperatorRoutes, RejectionAndErasure) {
  Response r = register_worker("タカナワ　イチロウ", accounts::testing::make_png(8, 8));
  const std::string id(body(r).at("registrationId").as_string());
  EXPECT_EQ(code(post("/api/operator/registrations/" + id + "/rejection", op_,
                      json::object{{"reason", ""}})),
            "validation");
  Response rejected = post("/api/operator/registrations/" + id + "/rejection", op_,
                           json::object{{"reason", "在勤証明が読み取れません"}});
  ASSERT_EQ(rejected.result(), bhttp::status::ok) << rejected.body();
  Response list = get("/api/operator/registrations?status=rejected", op_);
  ASSERT_EQ(body(list).as_array().size(), 1u);
  EXPECT_EQ(body(list).as_array()[0].at("rejectReason").as_string(), "在勤証明が読み取れません");

  Response erased = post("/api/operator/registrations/" + id + "/erasure", op_,
                         json::object{{"reason", "本人の申し出"}});
  ASSERT_EQ(erased.result(), bhttp::status::ok) << erased.body();
  const json::value after = body(get("/api/operator/registrations?status=rejected", op_));
  EXPECT_TRUE(after.as_array()[0].at("erased").as_bool());
  EXPECT_FALSE(after.as_array()[0].as_object().contains("nameKanji"));
  EXPECT_EQ(get("/api/operator/registrations/" + id + "/proof", op_).result(), bhttp::status::gone);
  EXPECT_EQ(code(get("/api/operator/registrations?status=nope", op_)), "validation");
}

TEST_F(OperatorRoutes, PostcardApplicantsAndUserErasure) {
  // The same person, at an address and phone of the card's.
  auto card = [](const char* address, const char* phone) {
    return json::object{{"nameKanji", "芝浦 三郎"},  {"nameKana", "シバウラ　サブロウ"},
                        {"birthDate", "1950-01-02"}, {"postalCode", "108-0023"},
                        {"address", address},        {"phone", phone},
                        {"category", "resident"}};
  };
  Response r = post("/api/operator/users", op_, card("東京都港区芝浦3-3-3", "0312345678"));
  ASSERT_EQ(r.result(), bhttp::status::created) << r.body();
  const std::string number(body(r).at("userNumber").as_string());
  // The approval is by the operator, as the log records.
  Response approved = get("/api/operator/registrations?status=approved", op_);
  bool found = false;
  const json::value approved_list = body(approved);
  for (const auto& item : approved_list.as_array()) {
    if (item.at("userNumber").as_string() == number) {
      found = true;
      EXPECT_EQ(item.at("channel").as_string(), "postcard");
      EXPECT_EQ(item.at("email").as_string(), "");
    }
  }
  EXPECT_TRUE(found);
  // The same person on a second postcard is flagged and waits for approval.
  Response twice = post("/api/operator/users", op_, card("東京都港区芝浦3-3-4", "0312345679"));
  ASSERT_EQ(twice.result(), bhttp::status::accepted) << twice.body();
  EXPECT_FALSE(body(twice).as_object().contains("userNumber"));
  EXPECT_EQ(body(twice).at("status").as_string(), "pending");
  EXPECT_EQ(body(twice).at("duplicates").as_array().at(0).as_string(),
            body(r).at("registrationId").as_string());
  const std::string flagged_id(body(twice).at("registrationId").as_string());
  bool pending = false;
  const json::value pending_list = body(get("/api/operator/registrations?status=pending", op_));
  for (const auto& item : pending_list.as_array()) {
    pending = pending || item.at("registrationId").as_string() == flagged_id;
  }
  EXPECT_TRUE(pending);
  // Validation errors name each field.
  Response bad = post("/api/operator/users", op_,
                      json::object{{"nameKanji", ""}, {"nameKana", "abc"}, {"birthDate", "x"}});
  ASSERT_EQ(bad.result(), bhttp::status::unprocessable_entity);
  EXPECT_GE(body(bad).at("errors").as_array().size(), 3u);

  ASSERT_EQ(
      post("/api/operator/users/" + number + "/erasure", op_, json::object{{"reason", "退会"}})
          .result(),
      bhttp::status::ok);
  Response logged =
      post("/api/session", "", json::object{{"userNumber", number}, {"password", "19500102"}});
  EXPECT_EQ(logged.result(), bhttp::status::unauthorized);
}

TEST_F(OperatorRoutes, TheCatalogueIsKeptOverHttp) {
  const json::object lodge{
      {"name", "湖畔の保養所"},
      {"nameEn", "Lakeside Lodge"},
      {"roomTypes", json::array{{{"style", "standard"}, {"rooms", 6}, {"capacity", 4}}}},
      {"styleWish", false},
      {"rules", {{"maxUpcoming", 3}}}};
  Response created = send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, lodge);
  ASSERT_EQ(created.result(), bhttp::status::created) << created.body();
  EXPECT_EQ(body(created).at("rules").at("maxUpcoming").as_int64(), 3);
  EXPECT_EQ(body(created).at("rules").at("closeDaysBefore").as_int64(), 3);
  Request list = make(bhttp::verb::get, "/api/facilities");
  list.set("X-Min-Position", position(created));
  Response listed = send(list);
  EXPECT_NE(listed.body().find("湖畔の保養所"), std::string::npos);

  json::object bigger = lodge;
  bigger["roomTypes"] = json::array{{{"style", "standard"}, {"rooms", 8}, {"capacity", 4}}};
  Response changed = send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, bigger);
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(body(changed).at("roomTypes").as_array()[0].at("rooms").as_int64(), 8);

  json::object broken = lodge;
  broken["roomTypes"] = json::array{{{"style", "suite"}, {"rooms", 1}, {"capacity", 2}}};
  Response bad = send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, broken);
  EXPECT_EQ(code(bad), "validation");
  EXPECT_EQ(body(bad).at("errors").as_array()[0].at("field").as_string(), "roomTypes");
  EXPECT_EQ(code(send(bhttp::verb::put, "/api/operator/facilities/Bad%20Id", op_, lodge)),
            "validation");

  const std::string closed_day = day(40);
  Response closed = post("/api/operator/facilities/lakeside/closures", op_,
                         json::object{{"dates", json::array{json::string(closed_day)}}});
  ASSERT_EQ(closed.result(), bhttp::status::ok) << closed.body();
  Request week = make(bhttp::verb::get, "/api/vacancy/lakeside/week?from=" + closed_day);
  week.set("X-Min-Position", position(closed));
  const json::value days = body(send(week)).at("days");
  EXPECT_EQ(days.as_array()[0].at("totalRooms").as_int64(), 0);
  EXPECT_EQ(days.as_array()[0].at("symbol").as_string(), "－");
  EXPECT_EQ(post("/api/operator/facilities/lakeside/reopenings", op_,
                 json::object{{"dates", json::array{json::string(closed_day)}}})
                .result(),
            bhttp::status::ok);
  EXPECT_EQ(code(post("/api/operator/facilities/lakeside/closures", op_,
                      json::object{{"dates", json::array{"2027-13-01"}}})),
            "validation");

  // A change keeps the rules not given and the closed dates.
  ASSERT_EQ(post("/api/operator/facilities/lakeside/closures", op_,
                 json::object{{"dates", json::array{json::string(closed_day)}}})
                .result(),
            bhttp::status::ok);
  json::object renamed = lodge;
  renamed.erase("rules");
  renamed["name"] = "湖畔の保養所（新館）";
  Response again = send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, renamed);
  ASSERT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again).at("rules").at("maxUpcoming").as_int64(), 3);
  EXPECT_EQ(body(again).at("closedDates"), (json::array{json::string(closed_day)}));
  EXPECT_EQ(body(again).at("roomTypes").as_array()[0].at("rooms").as_int64(), 6);
}

TEST_F(OperatorRoutes, ALotteryIsOpenedDrawnAndPublishedOverHttp) {
  // A period for the month after the demo's, on one facility.
  const domain::Date first = domain::tokyo_date(services_->clock().now()).first_of_month_plus(4);
  const std::string month = first.to_string().substr(0, 7);
  const std::string secret = accounts::random_bytes(32);
  const domain::Instant now = services_->clock().now();
  auto at = [&](std::int64_t seconds) {
    return domain::format_rfc3339_tokyo(now + seconds * domain::kMicrosPerSecond);
  };
  json::object period{{"stayMonth", month},   {"facilityIds", json::array{"kogen"}},
                      {"opensAt", at(100)},   {"closesAt", at(200)},
                      {"drawAt", at(300)},    {"publishAt", at(400)},
                      {"preferenceSlots", 2}, {"seedHash", sha256_hex(secret)}};
  Response opened = post("/api/operator/lotteries", op_, period);
  ASSERT_EQ(opened.result(), bhttp::status::created) << opened.body();
  const std::string lottery(body(opened).at("lotteryId").as_string());
  EXPECT_EQ(lottery, month);
  // A second period of the month, on another facility, is named by the processor.
  json::object second = period;
  second["facilityIds"] = json::array{"seaside"};
  Response also = post("/api/operator/lotteries", op_, second);
  ASSERT_EQ(also.result(), bhttp::status::created) << also.body();
  EXPECT_EQ(body(also).at("lotteryId").as_string(), month + "-2");
  period["seedHash"] = "zz";
  EXPECT_EQ(code(post("/api/operator/lotteries", op_, period)), "validation");
  // The auditor commits before the window opens.
  const std::string auditor = auditor_session();
  const std::string auditor_secret = accounts::random_bytes(32);
  ASSERT_EQ(post("/api/audit/lotteries/" + lottery + "/commitment", auditor,
                 json::object{{"seedHash", sha256_hex(auditor_secret)}})
                .result(),
            bhttp::status::no_content);

  advance(150);
  const std::string user = hanako();
  Response applied = post("/api/lotteries/" + lottery + "/applications", user,
                          json::object{{"facilityId", "kogen"},
                                       {"checkIn", first.plus_days(9).to_string()},
                                       {"nights", 1},
                                       {"people", json::array{3}},
                                       {"preference", 1}});
  ASSERT_EQ(applied.result(), bhttp::status::created) << applied.body();
  EXPECT_EQ(code(post("/api/operator/lotteries/" + lottery + "/draw", op_,
                      json::object{{"secret", hex(secret)}})),
            "window_open");
  advance(100);
  EXPECT_EQ(code(post("/api/operator/lotteries/" + lottery + "/draw", op_,
                      json::object{{"secret", hex(secret)}})),
            "reveal_missing");
  ASSERT_EQ(post("/api/audit/lotteries/" + lottery + "/reveal", auditor,
                 json::object{{"secret", hex(auditor_secret)}})
                .result(),
            bhttp::status::no_content);
  EXPECT_EQ(code(post("/api/operator/lotteries/" + lottery + "/draw", op_,
                      json::object{{"secret", hex(accounts::random_bytes(32))}})),
            "seed_mismatch");
  Response drawn = post("/api/operator/lotteries/" + lottery + "/draw", op_,
                        json::object{{"secret", hex(secret)}});
  ASSERT_EQ(drawn.result(), bhttp::status::ok) << drawn.body();
  EXPECT_EQ(body(drawn).at("applications").as_int64(), 1);
  EXPECT_EQ(body(drawn).at("winners").as_int64(), 1);
  EXPECT_EQ(body(drawn).at("seed").as_string().size(), 64u);
  // Results stay private until publication.
  EXPECT_EQ(body(get("/api/lotteries/" + lottery + "/result", user)).at("status").as_string(),
            "pending");
  advance(200);
  Response published = post("/api/operator/lotteries/" + lottery + "/publication", op_, nullptr);
  ASSERT_EQ(published.result(), bhttp::status::ok) << published.body();
  EXPECT_EQ(body(published).at("reservations").as_int64(), 1);
  Request result = make(bhttp::verb::get, "/api/lotteries/" + lottery + "/result", user);
  result.set("X-Min-Position", position(published));
  const json::value won = body(send(result));
  EXPECT_EQ(won.at("status").as_string(), "won");
  const std::string number(won.at("won").at("reservationNumber").as_string());
  Response mine = get("/api/reservations", user);
  EXPECT_NE(mine.body().find(number), std::string::npos);
  EXPECT_NE(mine.body().find("\"origin\":\"lottery\""), std::string::npos);

  Response redraw = get("/api/audit/lotteries/" + lottery + "/redraw", auditor);
  ASSERT_EQ(redraw.result(), bhttp::status::ok) << redraw.body();
  EXPECT_TRUE(body(redraw).at("identical").as_bool());
  // An unknown period and one never drawn are told apart by the problem's code.
  Response unknown = get("/api/audit/lotteries/nope/redraw", auditor);
  EXPECT_EQ(unknown.result(), bhttp::status::not_found);
  EXPECT_EQ(code(unknown), "not_found");
  Response never = get("/api/audit/lotteries/" + month + "-2/redraw", auditor);
  EXPECT_EQ(never.result(), bhttp::status::not_found);
  EXPECT_EQ(code(never), "not_drawn") << never.body();
  Response csv = get("/api/operator/lotteries/" + lottery + "/applications.csv", op_);
  ASSERT_EQ(csv.result(), bhttp::status::ok);
  EXPECT_NE(csv.body().find("10000012"), std::string::npos);
  EXPECT_NE(csv.body().find(",won,"), std::string::npos);
}

TEST_F(OperatorRoutes, ReservationsFoundExportedAndHandledOnAUsersBehalf) {
  const std::string user = hanako();
  Response mine = post("/api/reservations", user,
                       json::object{{"facilityId", "seaside"},
                                    {"checkIn", day(12)},
                                    {"nights", 2},
                                    {"people", json::array{2, 3}}});
  ASSERT_EQ(mine.result(), bhttp::status::created) << mine.body();
  const std::string first(body(mine).at("reservationNumber").as_string());
  Response theirs = post("/api/operator/reservations", op_,
                         json::object{{"userNumber", "10000020"},
                                      {"facilityId", "seaside"},
                                      {"checkIn", day(13)},
                                      {"nights", 1},
                                      {"people", json::array{4}}});
  ASSERT_EQ(theirs.result(), bhttp::status::created) << theirs.body();
  const std::string second(body(theirs).at("reservationNumber").as_string());
  EXPECT_EQ(body(theirs).at("userNumber").as_string(), "10000020");

  Request search =
      make(bhttp::verb::get,
           "/api/operator/reservations?facilityId=seaside&from=" + day(10) + "&to=" + day(20), op_);
  search.set("X-Min-Position", position(theirs));
  const json::value found = body(send(search));
  ASSERT_EQ(found.as_array().size(), 2u);
  EXPECT_EQ(found.as_array()[0].at("reservationNumber").as_string(), first);
  EXPECT_EQ(found.as_array()[1].at("userNumber").as_string(), "10000020");
  EXPECT_EQ(body(get("/api/operator/reservations?userNumber=10000020", op_)).as_array().size(), 1u);
  EXPECT_EQ(body(get("/api/operator/reservations?number=" + first, op_)).as_array().size(), 1u);
  EXPECT_EQ(code(get("/api/operator/reservations", op_)), "validation");

  Response csv = get(
      "/api/operator/reservations.csv?facilityId=seaside&from=" + day(10) + "&to=" + day(20), op_);
  ASSERT_EQ(csv.result(), bhttp::status::ok);
  EXPECT_EQ(csv[bhttp::field::content_type], "text/csv; charset=utf-8");
  EXPECT_NE(csv.body().find("予約番号,利用者番号,氏名"), std::string::npos);
  EXPECT_NE(csv.body().find(first + ",10000012,港 花子,seaside," + day(12) + ",2,2,3"),
            std::string::npos);

  Response guests = get("/api/operator/facilities/seaside/guests?date=" + day(13), op_);
  ASSERT_EQ(body(guests).at("guests").as_array().size(), 2u);

  Response changed = send(bhttp::verb::patch, "/api/operator/reservations/" + second, op_,
                          json::object{{"people", json::array{1}}});
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(body(changed).at("people").as_array()[0].as_int64(), 1);
  EXPECT_EQ(code(post("/api/operator/reservations/cancellations", op_,
                      json::object{{"reservationNumbers",
                                    json::array{json::string(first), json::string(second)}}})),
            "validation");  // two users' reservations at once
  Response cancelled =
      post("/api/operator/reservations/cancellations", op_,
           json::object{{"reservationNumbers", json::array{json::string(second)}}});
  ASSERT_EQ(cancelled.result(), bhttp::status::ok) << cancelled.body();

  // The log names the operator as the actor of what they did.
  const std::string auditor = auditor_session();
  Request h = make(bhttp::verb::get, "/api/audit/history/reservation/" + second, auditor);
  h.set("X-Min-Position", position(cancelled));  // the audit index may not hold it yet
  Response history = send(h);
  ASSERT_EQ(history.result(), bhttp::status::ok);
  std::vector<std::string> lines;
  std::istringstream in(history.body());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u);  // booked, changed, cancelled
  for (const auto& line : lines) {
    EXPECT_EQ(json::parse(line).at("actor").as_string(), "operator:demo-operator");
  }
}

TEST_F(OperatorRoutes, AProjectionIsRebuiltOnlineOnRequest) {
  Response started = post("/api/operator/projections/stays/rebuild", op_, nullptr);
  ASSERT_EQ(started.result(), bhttp::status::accepted) << started.body();
  EXPECT_EQ(post("/api/operator/projections/nope/rebuild", op_, nullptr).result(),
            bhttp::status::not_found);
  std::string state;
  EXPECT_TRUE(hoyo::testing::eventually([&] {
    const json::value projections = body(get("/api/operator/projections", op_));
    for (const auto& p : projections.as_array()) {
      if (p.at("name").as_string() == "stays" && p.as_object().contains("rebuild")) {
        state = std::string(p.at("rebuild").as_string());
      }
    }
    return state == "done";
  })) << state;
  EXPECT_EQ(body(send(make(bhttp::verb::get, "/api/facilities"))).as_array().size(), 3u);
}

// A name a spreadsheet would run as a formula reaches the CSV as text.
TEST_F(OperatorRoutes, TheCsvNeutralisesNamesThatWouldBeFormulas) {
  Response user =
      add_resident(op_, "=HYPERLINK(\"http://evil.example\",\"x\")", "イコール　タロウ");
  ASSERT_EQ(user.result(), bhttp::status::created) << user.body();
  const std::string number(body(user).at("userNumber").as_string());
  Response booked = post("/api/operator/reservations", op_,
                         json::object{{"userNumber", number},
                                      {"facilityId", "seaside"},
                                      {"checkIn", day(12)},
                                      {"nights", 1},
                                      {"people", json::array{1}}});
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  Request csv = make(bhttp::verb::get, "/api/operator/reservations.csv?userNumber=" + number, op_);
  csv.set("X-Min-Position", position(booked));
  const std::string text = send(csv).body();
  EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos) << text;
  EXPECT_EQ(text.find(",\"=HYPERLINK"), std::string::npos) << text;
  EXPECT_NE(text.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), std::string::npos)
      << text;
}

}  // namespace
}  // namespace hoyo::http
