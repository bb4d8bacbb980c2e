// The notice routes: a user's own お知らせ (list, summary, read marks), the
// language preference (PATCH /api/me) and the operators' delivery list.
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "eventually.h"
#include "mail_files.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class NoticeRoutes : public AppFixture {
 protected:
  // Books a seaside night `days` ahead as `session`; the answer's position.
  std::string book(const std::string& session, int days) {
    Response r = post("/api/reservations", session,
                      json::object{{"facilityId", "seaside"},
                                   {"checkIn", day(days)},
                                   {"nights", 1},
                                   {"people", json::array{2}}});
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    return position(r);
  }
  Response read(const std::string& target, const std::string& session, const std::string& at) {
    Request req = make(bhttp::verb::get, target, session);
    if (!at.empty()) req.set("X-Min-Position", at);
    return send(req);
  }
};

TEST_F(NoticeRoutes, AUserSeesAndMarksOnlyTheirOwnNotices) {
  const std::string hanako_session = hanako();
  const std::string taro_session = taro();
  const std::string at = book(hanako_session, 12);

  Response mine = read("/api/me/notices", hanako_session, at);
  ASSERT_EQ(mine.result(), bhttp::status::ok) << mine.body();
  const json::array list = body(mine).as_array();
  ASSERT_EQ(list.size(), 1u);
  const json::object& n = list[0].as_object();
  EXPECT_EQ(n.at("kind").as_string(), "booking_receipt");
  EXPECT_EQ(n.at("subject").as_string(), "港区区民保養施設予約システム：予約受付のお知らせ");
  EXPECT_FALSE(n.at("read").as_bool());
  EXPECT_EQ(mine["X-Unread-Count"], "1");
  EXPECT_EQ(mine["X-Total-Count"], "1");
  const std::string id(n.at("noticeId").as_string());

  // Taro sees none of it and cannot mark it.
  EXPECT_TRUE(body(read("/api/me/notices", taro_session, at)).as_array().empty());
  Response theirs = post("/api/me/notices/" + id + "/read", taro_session, nullptr);
  EXPECT_EQ(theirs.result(), bhttp::status::not_found);
  EXPECT_EQ(code(theirs), "not_found");
  EXPECT_EQ(get("/api/me/notices", "").result(), bhttp::status::unauthorized);

  Response marked = post("/api/me/notices/" + id + "/read", hanako_session, nullptr);
  ASSERT_EQ(marked.result(), bhttp::status::no_content) << marked.body();
  const json::value summary =
      body(read("/api/me/notices/summary", hanako_session, position(marked)));
  EXPECT_EQ(summary.at("unread").as_int64(), 0);
  EXPECT_EQ(summary.at("total").as_int64(), 1);
  // Marking it again changes nothing and writes nothing.
  Response again = post("/api/me/notices/" + id + "/read", hanako_session, nullptr);
  EXPECT_EQ(again.result(), bhttp::status::no_content);
  EXPECT_EQ(again["X-Log-Position"], "");
}

TEST_F(NoticeRoutes, MarkAllReadAndPaging) {
  const std::string s = hanako();
  book(s, 12);
  const std::string at = book(s, 13);
  Response first = read("/api/me/notices?limit=1", s, at);
  ASSERT_EQ(body(first).as_array().size(), 1u);
  Response second = read("/api/me/notices?limit=1&offset=1", s, at);
  ASSERT_EQ(body(second).as_array().size(), 1u);
  EXPECT_NE(body(first).as_array()[0].at("noticeId"), body(second).as_array()[0].at("noticeId"));
  EXPECT_EQ(code(get("/api/me/notices?limit=0", s)), "validation");
  EXPECT_EQ(code(get("/api/me/notices?limit=101", s)), "validation");
  Response all = post("/api/me/notices/read", s, nullptr);
  ASSERT_EQ(all.result(), bhttp::status::no_content);
  EXPECT_EQ(body(read("/api/me/notices/summary", s, position(all))).at("unread").as_int64(), 0);
}

TEST_F(NoticeRoutes, TheLanguagePreferenceIsTheUsersAndNoticesFollowIt) {
  const std::string s = hanako();
  const json::value me = body(get("/api/me", s));
  EXPECT_EQ(me.at("language").as_string(), "ja");
  EXPECT_TRUE(me.at("reminders").as_bool());
  Response bad = send(bhttp::verb::patch, "/api/me", s, json::object{{"language", "fr"}});
  EXPECT_EQ(bad.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(bad), "validation");
  EXPECT_EQ(code(send(bhttp::verb::patch, "/api/me", s, json::object{{"reminders", "no"}})),
            "validation");
  EXPECT_EQ(send(bhttp::verb::patch, "/api/me", "", json::object{{"language", "en"}}).result(),
            bhttp::status::unauthorized);
  Response set = send(bhttp::verb::patch, "/api/me", s,
                      json::object{{"language", "en"}, {"reminders", false}});
  ASSERT_EQ(set.result(), bhttp::status::ok) << set.body();
  EXPECT_EQ(body(set).at("language").as_string(), "en");
  EXPECT_FALSE(body(set).at("reminders").as_bool());
  EXPECT_EQ(body(set).at("userNumber").as_string(), "10000012");
  EXPECT_EQ(body(get("/api/me", s)).at("language").as_string(), "en");
  // A PATCH that changes nothing writes nothing (it wrote an event and an
  // fsync each time): no X-Log-Position, and the log's head stays.
  const std::uint64_t head = services_->store().head();
  for (const json::object& same :
       {json::object{}, json::object{{"language", "en"}, {"reminders", false}}}) {
    Response unchanged = send(bhttp::verb::patch, "/api/me", s, same);
    ASSERT_EQ(unchanged.result(), bhttp::status::ok) << unchanged.body();
    EXPECT_EQ(unchanged["X-Log-Position"], "");
    EXPECT_EQ(body(unchanged).at("language").as_string(), "en");
  }
  EXPECT_EQ(services_->store().head(), head);
  // Taro's stays Japanese.
  EXPECT_EQ(body(get("/api/me", taro())).at("language").as_string(), "ja");

  const std::string at = book(s, 12);
  const json::array list = body(read("/api/me/notices", s, at)).as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("subject").as_string(),
            "Minato City Resort Facility Reservations: booking receipt");
}

TEST_F(NoticeRoutes, OperatorsSeeEveryNoticesDelivery) {
  const std::string at = book(hanako(), 12);
  const std::string op = operator_session();
  Request req = make(bhttp::verb::get, "/api/operator/notices", op);
  req.set("X-Min-Position", at);
  Response all = send(req);
  ASSERT_EQ(all.result(), bhttp::status::ok) << all.body();
  const json::object o = body(all).as_object();
  EXPECT_EQ(o.at("total").as_int64(), 1);
  const json::object& n = o.at("notices").as_array()[0].as_object();
  EXPECT_EQ(n.at("userNumber").as_string(), "10000012");
  const std::string delivery(n.at("delivery").as_string());
  EXPECT_TRUE(delivery == "queued" || delivery == "sent") << delivery;
  Response posted = get("/api/operator/notices?delivery=post", op);
  EXPECT_EQ(body(posted).at("total").as_int64(), 0);
  EXPECT_EQ(code(get("/api/operator/notices?delivery=pigeon", op)), "validation");
  EXPECT_EQ(get("/api/operator/notices", hanako()).result(), bhttp::status::unauthorized);
}

// An erasure takes the erased user's mails with it: the .eml files written
// for them (no relay configured) are removed; other users' stay.
TEST_F(NoticeRoutes, AnErasureRemovesTheUsersMailFiles) {
  const std::string mail_dir = dir_ + "/mail";
  auto mailed_to = [&](const std::string& to) {
    int n = 0;
    for (const auto& m : hoyo::testing::read_mail_files(mail_dir))
      n += m.to.find(to) != std::string::npos;
    return n;
  };
  book(hanako(), 12);
  book(taro(), 13);
  ASSERT_TRUE(hoyo::testing::eventually([&] {
    return mailed_to("hanako@example.jp") >= 1 && mailed_to("taro@example.jp") >= 1;
  })) << "the receipts were not written";

  const std::string op = operator_session();
  ASSERT_EQ(
      post("/api/operator/users/10000012/erasure", op, json::object{{"reason", "退会"}}).result(),
      bhttp::status::ok);
  EXPECT_EQ(mailed_to("hanako@example.jp"), 0) << "an erased user's mail file is still there";
  EXPECT_GE(mailed_to("taro@example.jp"), 1);
}

}  // namespace
}  // namespace hoyo::http
