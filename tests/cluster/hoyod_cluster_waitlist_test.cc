// The cancellation waitlist on a three-node cluster (issue 17 and 15): a
// room held for the waitlist, the entry and the pick's schedule live in the
// log, so a new writer picks after the old one is killed, and the offer is
// accepted through another node.
#include <gtest/gtest.h>

#include "hoyod_cluster_fixture.h"

namespace hoyo::load::cluster_test {
namespace {

inline constexpr int kKogenRooms = 10;  // the demo's 高原の保養所, its waitlist on

class HoyodClusterTestWithClock : public HoyodClusterTest {
 protected:
  HoyodClusterTestWithClock() { test_clock_ = true; }
};

// 09:00:30 in Tokyo the day after today: a hold made today is picked at
// 09:00 the next day (the nodes' test clocks start at the real time and
// stand still until set).
std::string next_pick_time() { return add_days(today_in_tokyo(), 1) + "T09:00:30+09:00"; }

// Made through followers before the writer is killed: kogen's night sold
// out, a user waiting for it, one holder cancelling (the room held for the
// waitlist: first-come cannot take it, on either survivor). After another
// node took over: the pick at 09:00 the next day (the new writer's test
// clock set) offers the room to the waiting user, who logs in again and
// accepts it through a follower; the reservation is the waitlist's.
TEST_F(HoyodClusterTestWithClock, AHeldRoomIsPickedAndAcceptedAfterAFailover) {
  set_the_scene();
  ASSERT_GT(users_.size(), static_cast<std::size_t>(kKogenRooms + 1));
  const int w = w_;
  std::uint64_t at = 0;
  auto write = [&](int node, const std::string& method, const std::string& target,
                   const json::value& body, const std::string& cookie,
                   const std::string& key = {}) {
    Answer a;
    eventually(
        [&] {
          HttpClient http(nodes_[node]->port());
          a = http.send(
              {method, target, body.is_null() ? "" : json::serialize(body), cookie, key, 0});
          return a.status != 503 && a.status != 0;
        },
        std::chrono::seconds(60));
    at = std::max(at, a.position);
    return a;
  };
  // A read at the last write's position, asked again while the node is
  // behind (503 stale) on a busy machine.
  auto read = [&](int node, const std::string& target, const std::string& cookie) {
    Answer a;
    eventually(
        [&] {
          HttpClient http(nodes_[node]->port());
          a = http.send({"GET", target, {}, cookie, {}, at});
          return a.status != 503 && a.status != 0;
        },
        std::chrono::seconds(30));
    EXPECT_EQ(a.status, 200) << target << ": " << a.body;
    auto v = parse_json(a.body);
    return v ? *v : json::value();
  };
  auto free_rooms = [&](int node) {
    const json::value cal =
        read(node, "/api/vacancy/kogen/calendar?month=" + night_.substr(0, 7), {});
    for (const json::value& d : cal.as_object().at("days").as_array()) {
      if (str(d, "date") == night_) return num(d, "freeRooms");
    }
    return std::int64_t{-1};
  };

  const json::object stay{
      {"facilityId", "kogen"}, {"checkIn", night_}, {"nights", 1}, {"people", json::array{2}}};
  const int f1 = (w + 1) % kNodes;
  const int f2 = (w + 2) % kNodes;
  std::string first;
  for (int i = 0; i < kKogenRooms; ++i) {
    const Answer a = write(i % 2 ? f1 : f2, "POST", "/api/reservations", stay, users_[i].cookie,
                           "kogen-" + std::to_string(i));
    ASSERT_EQ(a.status, 201) << a.body;
    if (i == 0) first = str(*parse_json(a.body), "reservationNumber");
  }
  const User& waiting = users_[kKogenRooms];
  Answer a = write(f1, "POST", "/api/waitlist", stay, waiting.cookie, "kogen-wait");
  ASSERT_EQ(a.status, 201) << a.body;
  const std::string entry = str(*parse_json(a.body), "entryId");
  a = write(f2, "POST", "/api/reservations/cancellations",
            json::object{{"reservationNumbers", json::array{json::value(first)}}}, users_[0].cookie,
            "kogen-cancel");
  ASSERT_EQ(a.status, 200) << a.body;
  // The freed room is held for the waitlist: not free, and first-come
  // cannot take it.
  const User& late = users_[kKogenRooms + 1];
  auto refused_first_come = [&](int node, const std::string& key) {
    EXPECT_EQ(free_rooms(node), 0) << name(node);
    const Answer b = write(node, "POST", "/api/reservations", stay, late.cookie, key);
    EXPECT_EQ(b.status, 409) << name(node) << ": " << b.body;
    if (auto p = parse_json(b.body)) EXPECT_EQ(str(*p, "code"), "no_vacancy") << b.body;
  };
  refused_first_come(f1, "kogen-late-1");

  ASSERT_TRUE(nodes_[w]->kill9());
  expect_taken_over(w);
  refused_first_come(f2, "kogen-late-2");
  // Every survivor names the new writer, whose clock is set (the clock is
  // each node's own: the writer's runs the schedule).
  int w2 = -1;
  ASSERT_TRUE(eventually(
      [&] {
        if ((w2 = writer()) < 0) return false;
        for (int i : {f1, f2}) {
          auto h = health(i);
          if (!h || str(*h, "writer") != name(w2)) return false;
        }
        return true;
      },
      std::chrono::seconds(30)));
  a = write(w2, "PUT", "/api/test/clock", json::object{{"now", next_pick_time()}}, {});
  ASSERT_EQ(a.status, 200) << a.body;
  // Hours later: the user logs in again (the session made before has expired).
  HttpClient again(nodes_[f2]->port());
  std::string error;
  const std::string cookie = log_in(again, waiting.number, waiting.password, &error);
  ASSERT_TRUE(error.empty()) << error;
  std::string offer;
  const json::value entries = read(f2, "/api/waitlist", cookie);
  ASSERT_TRUE(entries.is_array()) << json::serialize(entries);
  for (const json::value& e : entries.as_array()) {
    if (str(e, "entryId") != entry) continue;
    const json::value* o = e.as_object().if_contains("offer");
    ASSERT_TRUE(o && o->is_object()) << "no offer after the pick: " << json::serialize(e);
    offer = str(*o, "offerId");
  }
  ASSERT_FALSE(offer.empty()) << json::serialize(entries);
  a = write(f2, "POST", "/api/offers/" + offer + "/acceptance", json::value(), cookie,
            "kogen-accept");
  ASSERT_EQ(a.status, 200) << a.body;
  const json::value booked = *parse_json(a.body);
  EXPECT_EQ(str(booked, "origin"), "waitlist") << a.body;
  EXPECT_EQ(str(booked, "checkIn"), night_) << a.body;
  const std::string number = str(booked, "reservationNumber");
  bool listed = false;
  const json::value list = read(f1, "/api/reservations", cookie);
  ASSERT_TRUE(list.is_array()) << json::serialize(list);
  for (const json::value& r : list.as_array()) {
    if (str(r, "reservationNumber") == number) listed = str(r, "origin") == "waitlist";
  }
  EXPECT_TRUE(listed) << number << " is not listed as the waitlist's at " << name(f1);
}

}  // namespace
}  // namespace hoyo::load::cluster_test
