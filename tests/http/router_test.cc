// The route table: literal segments beat parameters, parameters come back in
// order, HEAD finds GET, and a path served under other methods lists them.
#include "http/app/router.h"

#include <gtest/gtest.h>

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

Router table() {
  Router r;
  r.add(bhttp::verb::get, "/api/reservations", nullptr);
  r.add(bhttp::verb::post, "/api/reservations", nullptr);
  r.add(bhttp::verb::patch, "/api/reservations/{n}", nullptr);
  r.add(bhttp::verb::post, "/api/reservations/cancellations", nullptr);
  r.add(bhttp::verb::get, "/api/lotteries/{id}/demand/{facility}", nullptr);
  return r;
}

TEST(Router, ALiteralSegmentBeatsAParameter) {
  const Router r = table();
  auto m = r.match(bhttp::verb::post, "/api/reservations/cancellations");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/reservations/cancellations");
  EXPECT_TRUE(m.params.empty());
  // PATCH on the literal path is not the parameter route: cancellations are POST only.
  auto patch = r.match(bhttp::verb::patch, "/api/reservations/cancellations");
  EXPECT_EQ(patch.route, nullptr);
  EXPECT_EQ(patch.allow, "POST");
}

TEST(Router, ParametersComeBackInOrder) {
  const Router r = table();
  auto m = r.match(bhttp::verb::get, "/api/lotteries/2027-03/demand/seaside");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params, (std::vector<std::string>{"2027-03", "seaside"}));
  auto n = r.match(bhttp::verb::patch, "/api/reservations/1234567890");
  ASSERT_NE(n.route, nullptr);
  EXPECT_EQ(n.params, (std::vector<std::string>{"1234567890"}));
}

TEST(Router, OtherMethodsAreListedAndUnknownPathsMatchNothing) {
  const Router r = table();
  auto m = r.match(bhttp::verb::delete_, "/api/reservations");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, "GET, HEAD, POST");
  auto head = r.match(bhttp::verb::head, "/api/reservations");
  ASSERT_NE(head.route, nullptr);
  EXPECT_EQ(head.route->method, bhttp::verb::get);
  for (const char* path : {"/api/nope", "/api/reservations/1/2", "/api/reservations/", "/",
                           "/api/lotteries/x/demand", "//api/reservations"}) {
    auto none = r.match(bhttp::verb::get, path);
    EXPECT_EQ(none.route, nullptr) << path;
    EXPECT_TRUE(none.allow.empty()) << path;
  }
}

}  // namespace
}  // namespace hoyo::http
