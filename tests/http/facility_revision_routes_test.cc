// The facility page's save under optimistic concurrency (O2): the operators'
// list and every save answer a facility's `revision`; a save that sends it
// back as If-Match is refused with 409 `conflict` once another save changed
// the facility, and changes nothing; If-None-Match: * creates only a new id.
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class FacilityRevisionRoutes : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    op_ = operator_session();
    ASSERT_FALSE(op_.empty());
  }
  static json::object lodge(int rooms) {
    return json::object{
        {"name", "湖畔の保養所"},
        {"roomTypes", json::array{{{"style", "standard"}, {"rooms", rooms}, {"capacity", 4}}}}};
  }
  // PUT /api/operator/facilities/lakeside with one precondition header.
  Response put(const json::object& body, bhttp::field header = bhttp::field::unknown,
               const std::string& value = {}) {
    Request req =
        make(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, json::serialize(body));
    if (header != bhttp::field::unknown) req.set(header, value);
    return send(req);
  }
  // The operators' list, read after `at`: lakeside's entry.
  json::value listed(const Response& at) {
    Request list = make(bhttp::verb::get, "/api/operator/facilities", op_);
    list.set("X-Min-Position", position(at));
    const json::value all = body(send(list));
    for (const json::value& f : all.as_array()) {
      if (f.at("id") == "lakeside") return f;
    }
    return nullptr;
  }
  static std::string quoted(const json::value& facility) {
    return "\"" + std::string(facility.at("revision").as_string()) + "\"";
  }
  std::string op_;
};

TEST_F(FacilityRevisionRoutes, AStaleSaveIsRefusedAndChangesNothing) {
  Response created = put(lodge(6), bhttp::field::if_none_match, "*");
  ASSERT_EQ(created.result(), bhttp::status::created) << created.body();
  const json::value opened = listed(created);
  ASSERT_TRUE(opened.is_object());
  EXPECT_EQ(opened.at("revision"), body(created).at("revision"));
  EXPECT_EQ(opened.at("revision").as_string().size(), 16u);
  // The same id again, as new: refused.
  Response twice = put(lodge(9), bhttp::field::if_none_match, "*");
  EXPECT_EQ(twice.result(), bhttp::status::conflict) << twice.body();

  // Alice and Bob opened the page at the same revision; Alice saves first.
  Response alice = put(lodge(8), bhttp::field::if_match, quoted(opened));
  ASSERT_EQ(alice.result(), bhttp::status::ok) << alice.body();
  EXPECT_NE(body(alice).at("revision"), opened.at("revision"));

  Response bob = put(lodge(2), bhttp::field::if_match, quoted(opened));
  EXPECT_EQ(bob.result(), bhttp::status::conflict) << bob.body();
  EXPECT_EQ(code(bob), "conflict");
  EXPECT_NE(body(bob).at("detail").as_string().find("読み込み直して"), std::string::npos);
  const json::value now = listed(alice);
  EXPECT_EQ(now.at("roomTypes").as_array()[0].at("rooms").as_int64(), 8);
  EXPECT_EQ(now.at("revision"), body(alice).at("revision"));

  // Reloaded, Bob's save goes through.
  Response again = put(lodge(2), bhttp::field::if_match, quoted(now));
  ASSERT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again).at("roomTypes").as_array()[0].at("rooms").as_int64(), 2);
  // Without a precondition the later save still wins, as before.
  EXPECT_EQ(put(lodge(3)).result(), bhttp::status::ok);
}

TEST_F(FacilityRevisionRoutes, MalformedPreconditionsAreRefusedBeforeAnyChange) {
  Response created = put(lodge(6));
  ASSERT_EQ(created.result(), bhttp::status::created) << created.body();
  const std::string tag = quoted(body(created));
  const std::string weak = "W/" + tag;
  const std::string two = tag + ", " + tag;
  const std::string upper = "\"ABCDEF0123456789\"";
  const std::string bare = tag.substr(1, 16);
  for (const std::string& v : {weak, two, std::string("*"), upper, bare, std::string()}) {
    Response r = put(lodge(7), bhttp::field::if_match, v);
    EXPECT_EQ(code(r), "validation") << v;
    EXPECT_EQ(body(r).at("errors").as_array()[0].at("field"), "If-Match") << v;
  }
  Response none = put(lodge(7), bhttp::field::if_none_match, tag);
  EXPECT_EQ(body(none).at("errors").as_array()[0].at("field"), "If-None-Match");
  EXPECT_EQ(listed(created).at("roomTypes").as_array()[0].at("rooms").as_int64(), 6);
}

}  // namespace
}  // namespace hoyo::http
