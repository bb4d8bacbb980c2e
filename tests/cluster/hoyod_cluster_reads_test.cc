// Reads and the ward's rules on a three-node cluster (hoyod_cluster_fixture.h):
// read-your-writes on every node (X-Min-Position), and issue 17's state
// (limits, suspensions, prices, payments) held by a new writer after the
// old one is killed.
#include <gtest/gtest.h>

#include "hoyod_cluster_fixture.h"

namespace hoyo::load::cluster_test {
namespace {

// Read-your-writes on every node (X-Min-Position): a booking made through
// any node is in its user's list on every node asked with the answer's
// position. A position the log has not reached is waited for on a follower
// and then refused 503 `stale` with Retry-After; one too far ahead, or
// asked of the writer (whose head is the log's), 409 `position_ahead`.
TEST_F(HoyodClusterTest, AWriteIsReadOnEveryNodeAtItsPosition) {
  set_the_scene();
  std::uint64_t last = 0;
  for (int entry = 0; entry < kNodes; ++entry) {
    const User& u = users_[entry];
    const Answer booked = book_acknowledged(entry, u, "read-" + std::to_string(entry));
    ASSERT_EQ(booked.status, 201) << booked.body;
    ASSERT_GT(booked.position, 0u);
    last = std::max(last, booked.position);
    auto r = parse_json(booked.body);
    ASSERT_TRUE(r);
    const std::string number = str(*r, "reservationNumber");
    for (int i = 0; i < kNodes; ++i) {
      HttpClient http(nodes_[i]->port());
      const Answer list =
          http.send({"GET", "/api/reservations", {}, u.cookie, {}, booked.position});
      EXPECT_EQ(list.status, 200) << name(i) << ": " << list.body;
      EXPECT_NE(list.body.find("\"" + number + "\""), std::string::npos)
          << name(i) << " did not list " << number << " booked through " << name(entry);
      EXPECT_GE(list.position, booked.position) << name(i);
    }
  }
  const int follower = (w_ + 1) % kNodes;
  HttpClient http(nodes_[follower]->port());
  const auto asked = std::chrono::steady_clock::now();
  const Answer stale = http.send({"GET", "/api/facilities", {}, {}, {}, last + 1000});
  const auto waited = std::chrono::steady_clock::now() - asked;
  EXPECT_EQ(stale.status, 503) << stale.body;
  auto problem = parse_json(stale.body);
  ASSERT_TRUE(problem) << stale.body;
  EXPECT_EQ(str(*problem, "code"), "stale");
  EXPECT_FALSE(stale.retry_after.empty());
  EXPECT_GE(waited, std::chrono::milliseconds(1900)) << "refused without waiting";
  for (int i : {follower, w_}) {
    HttpClient to(nodes_[i]->port());
    const std::uint64_t ahead = i == w_ ? last + 1000 : last + 200000;
    const Answer refused = to.send({"GET", "/api/facilities", {}, {}, {}, ahead});
    EXPECT_EQ(refused.status, 409) << name(i) << ": " << refused.body;
    auto p = parse_json(refused.body);
    ASSERT_TRUE(p) << refused.body;
    EXPECT_EQ(str(*p, "code"), "position_ahead") << name(i);
  }
}

// Issue 17's state lives in the log, so a new writer holds it. Made through
// a follower before the writer is killed: a limit of one night a month, late
// cancellations counted from 10 days before (the user's own window closing
// 20 days before), a booking cancelled by the centre late (its user
// suspended), a booking priced with a child, and its payment. After another
// node took over: the limit and the suspension refuse, and the price and
// the payment read the same on a surviving node.
TEST_F(HoyodClusterTest, TheWardsRulesHoldAcrossAFailover) {
  set_the_scene();
  const int w = w_;
  const int via = (w + 1) % kNodes;
  std::uint64_t at = 0;  // the last write's position, read at
  // A write through `node`, retried (with `key`) while there is no writer.
  auto write = [&](int node, const std::string& method, const std::string& target,
                   const json::value& body, const std::string& cookie,
                   const std::string& key = {}) {
    Answer a;
    eventually(
        [&] {
          HttpClient http(nodes_[node]->port());
          a = http.send({method, target, json::serialize(body), cookie, key, 0});
          return a.status != 503 && a.status != 0;
        },
        std::chrono::seconds(60));
    at = std::max(at, a.position);
    return a;
  };
  auto read = [&](int node, const std::string& target, const std::string& cookie) {
    HttpClient http(nodes_[node]->port());
    const Answer a = http.send({"GET", target, {}, cookie, {}, at});
    EXPECT_EQ(a.status, 200) << target << ": " << a.body;
    auto v = parse_json(a.body);
    return v ? *v : json::value();
  };

  Answer a = write(via, "PUT", "/api/operator/settings/limits", json::object{{"nightsPerMonth", 1}},
                   op_cookie_);
  ASSERT_EQ(a.status, 200) << a.body;
  a = write(via, "PUT", "/api/operator/settings/penalties", json::object{{"lateDays", 10}},
            op_cookie_);
  ASSERT_EQ(a.status, 200) << a.body;
  json::value seaside;
  const json::value facilities = read(via, "/api/operator/facilities", op_cookie_);
  ASSERT_TRUE(facilities.is_array());
  for (const json::value& f : facilities.as_array()) {
    if (str(f, "id") == "seaside") seaside = f;
  }
  ASSERT_TRUE(seaside.is_object());
  seaside.as_object()["rules"].as_object()["cancelCloseDaysBefore"] = 20;
  a = write(via, "PUT", "/api/operator/facilities/seaside", seaside, op_cookie_);
  ASSERT_EQ(a.status, 200) << a.body;

  const User& limited = users_[0];
  const User& suspended = users_[1];
  const User& priced = users_[2];
  auto stay = [&](const std::string& night) {
    return json::object{
        {"facilityId", "seaside"}, {"checkIn", night}, {"nights", 1}, {"people", json::array{2}}};
  };
  a = write(via, "POST", "/api/reservations", stay(night_), limited.cookie, "rules-limited");
  ASSERT_EQ(a.status, 201) << a.body;
  a = write(via, "POST", "/api/reservations", stay(night_), suspended.cookie, "rules-suspended");
  ASSERT_EQ(a.status, 201) << a.body;
  const std::string cancelled = str(*parse_json(a.body), "reservationNumber");
  json::object with_child = stay(night_);
  with_child["guests"] = json::array{json::object{{"adults", 1}, {"children", 1}, {"infants", 0}}};
  a = write(via, "POST", "/api/reservations", with_child, priced.cookie, "rules-priced");
  ASSERT_EQ(a.status, 201) << a.body;
  const json::value booked = *parse_json(a.body);
  const std::string paid = str(booked, "reservationNumber");
  const json::value price = booked.as_object().at("price");
  ASSERT_GT(num(price, "total"), 0) << a.body;
  a = write(via, "POST", "/api/operator/reservations/cancellations",
            json::object{{"reservationNumbers", json::array{json::value(cancelled)}}}, op_cookie_,
            "rules-cancel");
  ASSERT_EQ(a.status, 200) << a.body;
  a = write(via, "POST", "/api/operator/reservations/" + paid + "/payment", json::object{},
            op_cookie_);
  ASSERT_EQ(a.status, 200) << a.body;
  const json::value before = read(via, "/api/me", suspended.cookie);
  ASSERT_FALSE(str(before, "suspendedUntil").empty()) << json::serialize(before);

  ASSERT_TRUE(nodes_[w]->kill9());
  expect_taken_over(w);
  const int survivor = (w + 2) % kNodes;
  // Another night of the same month.
  const std::string next = add_days(night_, 1).substr(0, 7) == night_.substr(0, 7)
                               ? add_days(night_, 1)
                               : add_days(night_, -1);
  a = write(survivor, "POST", "/api/reservations", stay(next), limited.cookie, "rules-limited-2");
  EXPECT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(str(*parse_json(a.body), "code"), "limit_reached") << a.body;
  a = write(survivor, "POST", "/api/reservations", stay(next), suspended.cookie,
            "rules-suspended-2");
  EXPECT_EQ(a.status, 403) << a.body;
  EXPECT_EQ(str(*parse_json(a.body), "code"), "suspended") << a.body;
  EXPECT_EQ(str(*parse_json(a.body), "suspendedUntil"), str(before, "suspendedUntil"));
  bool listed = false;
  const json::value list = read(survivor, "/api/reservations", priced.cookie);
  ASSERT_TRUE(list.is_array());
  for (const json::value& r : list.as_array()) {
    if (str(r, "reservationNumber") != paid) continue;
    listed = true;
    EXPECT_EQ(r.as_object().at("price"), price);
  }
  EXPECT_TRUE(listed) << paid;
  const json::value found = read(survivor, "/api/operator/reservations?number=" + paid, op_cookie_);
  ASSERT_TRUE(found.is_array() && found.as_array().size() == 1) << json::serialize(found);
  EXPECT_TRUE(found.as_array()[0].as_object().at("paid").as_bool());
  EXPECT_EQ(found.as_array()[0].as_object().at("price"), price);
}

}  // namespace
}  // namespace hoyo::load::cluster_test
