// Three hoyod nodes over three real nats-servers (docs/cluster.md), from
// outside, through their HTTP API only: one becomes the writer and fills the
// demo data; logins, registrations and bookings sent to any node are carried
// out by the writer (a follower forwards them). Bookings of one scarce night
// go through all three nodes at once with Idempotency-Keys, and the writer
// is killed with SIGKILL after the first few are acknowledged: another node
// takes over with a later epoch, the clients go on with their sessions and
// keys, exactly the night's rooms are sold, and a retried key answers its
// first outcome. Sessions made on the dead writer are valid on every node,
// and passwords set through a follower work at the others. The killed node,
// restarted, follows again; every node then holds the same log (head and
// chain hash), which `hoyoctl verify` passes, with each acknowledged
// booking once.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "eventually.h"
#include "hoyod_process.h"
#include "http_client.h"
#include "model.h"
#include "nats_cluster.h"
#include "temp_dir.h"
#include "world.h"

namespace hoyo::load {
namespace {

namespace json = boost::json;
using hoyo::testing::eventually;

constexpr int kNodes = 3;
constexpr int kRegistered = 14;  // postcard users, beside the demo's
constexpr int kSeasideRooms = 15;

std::string binary(const char* env, const char* built) {
  const char* v = std::getenv(env);
  return v && *v ? v : built;
}

Request post(const std::string& target, const json::value& body, const std::string& cookie = {},
             const std::string& key = {}) {
  return Request{"POST", target, json::serialize(body), cookie, key, 0};
}

std::string today_in_tokyo() {
  return tokyo_time(std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count())
      .substr(0, 10);
}

class HoyodClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    nats_ = std::make_unique<testing::NatsCluster>();
    for (int i = 0; i < kNodes; ++i) start(i);
  }
  void TearDown() override {
    for (auto& n : nodes_) n.reset();
    nats_.reset();
  }

  std::string name(int i) const { return "node-" + std::to_string(i); }
  void start(int i) {
    testing::HoyodOptions o;
    o.binary = binary("HOYOD_BIN", HOYOD_BIN);
    o.data_dir = dir_.sub(name(i));
    o.log = dir_.sub(name(i) + ".log");
    // One key file for every node: the data keys they share are wrapped under it.
    o.config = json::serialize(json::object{
        {"security", json::object{{"key_file", dir_.sub("cluster.key")}}},
        {"cluster", json::object{{"lease_ttl_ms", 3000}, {"forward_timeout_ms", 5000}}}});
    o.args = {"--demo-data", "--cluster", nats_->urls(), "--node-name", name(i)};
    nodes_[i] = std::make_unique<testing::HoyodProcess>(o);
  }
  bool up(int i) { return nodes_[i] && nodes_[i]->alive(); }
  std::optional<json::value> health(int i) {
    if (!up(i)) return std::nullopt;
    HttpClient http(nodes_[i]->port(), std::chrono::seconds(5));
    const Answer a = http.send({"GET", "/api/health", {}, {}, {}, 0});
    if (a.status != 200) return std::nullopt;
    return parse_json(a.body);
  }
  // The node that says it writes, when exactly one does; -1 otherwise.
  int writer() {
    int found = -1;
    for (int i = 0; i < kNodes; ++i) {
      auto h = health(i);
      if (h && str(*h, "role") == "writer") {
        if (found >= 0) return -1;
        found = i;
      }
    }
    return found;
  }
  // Every running node at the same position (> 0); that position, or 0.
  std::uint64_t same_position() {
    std::set<std::int64_t> seen;
    for (int i = 0; i < kNodes; ++i) {
      auto h = health(i);
      if (!h) return 0;
      seen.insert(num(*h, "position"));
    }
    return seen.size() == 1 && *seen.begin() > 0 ? static_cast<std::uint64_t>(*seen.begin()) : 0;
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::NatsCluster> nats_;
  std::array<std::unique_ptr<testing::HoyodProcess>, kNodes> nodes_;
};

// One user of the load: its login and the cookie of its session.
struct User {
  std::string number, password, cookie;
};

TEST_F(HoyodClusterTest, BookingsThroughEveryNodeSurviveTheWritersDeath) {
  int w = -1;
  ASSERT_TRUE(eventually([&] { return (w = writer()) >= 0; }, std::chrono::seconds(30)))
      << "no single writer";
  std::vector<DemoLogin> logins;
  ASSERT_TRUE(eventually([&] { return !(logins = demo_logins(nodes_[w]->log_text())).empty(); },
                         std::chrono::seconds(60)))
      << nodes_[w]->stderr_tail();
  ASSERT_TRUE(eventually([&] { return same_position() > 0; }, std::chrono::seconds(30)))
      << "the followers did not copy the demo data";
  // Health names the writer on every node (a follower reads the lease at
  // its next step).
  ASSERT_TRUE(eventually([&] {
    for (int i = 0; i < kNodes; ++i) {
      auto h = health(i);
      if (!h || str(*h, "writer") != name(w)) return false;
    }
    return true;
  }));
  for (int i = 0; i < kNodes; ++i) {
    auto h = health(i);
    ASSERT_TRUE(h);
    EXPECT_EQ(str(*h, "role"), i == w ? "writer" : "follower") << i;
    EXPECT_EQ(str(*h, "node"), name(i));
    EXPECT_EQ(str(*h, "writer"), name(w)) << i;
    EXPECT_GT(num(*h, "epoch"), 0);
  }

  // Staff and users log in, and users are registered, through the followers.
  const int f = (w + 1) % kNodes;
  HttpClient via(nodes_[f]->port());
  std::string operator_cookie, auditor_login, auditor_password;
  std::vector<User> users;
  for (const DemoLogin& l : logins) {
    if (l.who == "operator" && operator_cookie.empty()) {
      const Answer a = via.send(post("/api/operator/session",
                                     json::object{{"login", l.login}, {"password", l.password}}));
      ASSERT_EQ(a.status, 200) << a.body;
      operator_cookie = a.cookie;
    } else if (l.who == "auditor") {
      auditor_login = l.login;
      auditor_password = l.password;
    } else if (l.who == "user") {
      users.push_back({l.login, l.password, {}});
    }
  }
  ASSERT_FALSE(operator_cookie.empty());
  for (int i = 0; i < kRegistered; ++i) {
    HttpClient& http = via;
    const Answer reg = http.send(post("/api/operator/users",
                                      json::object{{"nameKanji", "複製 試験"},
                                                   {"nameKana", "フクセイ　シケン"},
                                                   {"birthDate", add_days("1961-01-01", 41 * i)},
                                                   {"postalCode", "105-0011"},
                                                   {"address", "東京都港区芝公園1-5-25"},
                                                   {"phone", "03-3578-2111"},
                                                   {"category", "resident"}},
                                      operator_cookie));
    ASSERT_EQ(reg.status, 201) << reg.body;
    auto receipt = parse_json(reg.body);
    ASSERT_TRUE(receipt);
    User u{str(*receipt, "userNumber"), {}, {}};
    std::string error;
    const std::string first = log_in(http, u.number, str(*receipt, "activationCode"), &error);
    ASSERT_TRUE(error.empty()) << error;
    u.password = "cluster-" + u.number + "-passphrase";
    const Answer changed =
        http.send(post("/api/me/password",
                       json::object{{"currentPassword", str(*receipt, "activationCode")},
                                    {"newPassword", u.password},
                                    {"newPasswordConfirm", u.password}},
                       first));
    ASSERT_EQ(changed.status, 204) << changed.body;
    users.push_back(u);
  }

  // Everyone logs in through the node its client thread uses.
  for (std::size_t i = 0; i < users.size(); ++i) {
    HttpClient http(nodes_[i % kNodes]->port());
    std::string error;
    users[i].cookie = log_in(http, users[i].number, users[i].password, &error);
    ASSERT_TRUE(error.empty()) << error;
  }

  // Two bookings per user of the same scarce night at seaside, sent through
  // every node at once, with Idempotency-Keys, each retried with its key
  // (through the next node while its own is down) until it gets a definite
  // answer; the writer is killed after the first few are acknowledged.
  const std::string night = add_days(today_in_tokyo(), 9);
  std::mutex mu;
  std::map<std::string, std::string> acknowledged;  // key -> reservation number
  std::map<std::string, int> refused;               // key -> status
  std::vector<std::string> faults;
  std::atomic<int> acks{0};
  std::atomic<int> killed{-1};
  auto book = [&](int node, User& u, const std::string& key) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    int n = node;
    while (std::chrono::steady_clock::now() < deadline) {
      if (n == killed.load()) n = (n + 1) % kNodes;
      HttpClient http(nodes_[n]->port(), std::chrono::seconds(10));
      const Answer a = http.send(post("/api/reservations",
                                      json::object{{"facilityId", "seaside"},
                                                   {"checkIn", night},
                                                   {"nights", 1},
                                                   {"people", json::array{2}}},
                                      u.cookie, key));
      {
        std::lock_guard lk(mu);
        if (a.status == 201) {
          auto r = parse_json(a.body);
          acknowledged[key] = r ? str(*r, "reservationNumber") : "";
          ++acks;
          return;
        }
        if (a.status == 409 || a.status == 422) {
          refused[key] = a.status;
          return;
        }
        if (a.status != 0 && a.status != 503) {
          // 401 included: a session must outlive the writer that made it.
          faults.push_back(key + " at " + name(n) + ": " + std::to_string(a.status) + " " + a.body);
          return;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::lock_guard lk(mu);
    faults.push_back(key + ": no definite answer within 90 s");
  };
  std::vector<std::thread> clients;
  for (int c = 0; c < kNodes; ++c) {
    clients.emplace_back([&, c] {
      for (std::size_t i = c; i < users.size(); i += kNodes) {
        for (int b = 0; b < 2; ++b) {
          book(c, users[i], "cluster-" + users[i].number + "-" + std::to_string(b));
        }
      }
    });
  }
  const std::int64_t first_epoch = num(*health(w), "epoch");
  const bool enough = eventually([&] { return acks.load() >= 4; }, std::chrono::seconds(60));
  killed = w;
  ASSERT_TRUE(nodes_[w]->kill9());
  for (auto& t : clients) t.join();
  ASSERT_TRUE(enough) << "no bookings before the kill";
  ASSERT_TRUE(faults.empty()) << faults.size() << " faults, the first: " << faults.front();
  EXPECT_EQ(acknowledged.size(), static_cast<std::size_t>(kSeasideRooms))
      << "the scarce night was not sold out exactly";
  EXPECT_EQ(acknowledged.size() + refused.size(), users.size() * 2);

  // Another node took over with a later epoch.
  int w2 = -1;
  ASSERT_TRUE(eventually([&] { return (w2 = writer()) >= 0; }, std::chrono::seconds(30)))
      << "no node took over";
  EXPECT_NE(w2, w);
  EXPECT_GT(num(*health(w2), "epoch"), first_epoch);
  // Sessions made on the dead writer are valid on every node, and the
  // passwords set through a follower before it died work at the others.
  for (int i = 0; i < kNodes; ++i) {
    if (i == w) continue;
    HttpClient http(nodes_[i]->port());
    const Answer me = http.send({"GET", "/api/me", {}, users.back().cookie, {}, 0});
    EXPECT_EQ(me.status, 200) << name(i) << ": " << me.body;
    std::string error;
    EXPECT_FALSE(log_in(http, users.back().number, users.back().password, &error).empty())
        << name(i) << ": " << error;
  }
  // A retried key answers the first outcome (through another node).
  {
    const auto& [key, number] = *acknowledged.begin();
    const std::string user = key.substr(8, key.rfind('-') - 8);
    User* u = nullptr;
    for (User& x : users) {
      if (x.number == user) u = &x;
    }
    ASSERT_NE(u, nullptr);
    HttpClient http(nodes_[(w + 2) % kNodes]->port());
    const Answer again = http.send(post("/api/reservations",
                                        json::object{{"facilityId", "seaside"},
                                                     {"checkIn", night},
                                                     {"nights", 1},
                                                     {"people", json::array{2}}},
                                        u->cookie, key));
    ASSERT_EQ(again.status, 201) << again.body;
    auto r = parse_json(again.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(str(*r, "reservationNumber"), number);
  }
  // The killed node comes back as a follower and holds the same log.
  std::uint64_t head = 0;
  start(w);
  ASSERT_TRUE(eventually([&] { return (head = same_position()) > 0; }, std::chrono::seconds(60)))
      << "the nodes do not hold the same log";
  EXPECT_EQ(str(*health(w), "role"), "follower");

  // Stopped, every node's directory holds the same verified log, with each
  // acknowledged booking once.
  for (auto& n : nodes_) ASSERT_TRUE(n->stop());
  const std::string hoyoctl = binary("HOYOCTL_BIN", HOYOCTL_BIN);
  std::set<std::string> heads;
  for (int i = 0; i < kNodes; ++i) {
    std::string out;
    EXPECT_EQ(testing::run_program({hoyoctl, "--data-dir", dir_.sub(name(i)), "verify"}, &out), 0)
        << name(i) << ": " << out;
    out.clear();
    EXPECT_EQ(testing::run_program({hoyoctl, "--data-dir", dir_.sub(name(i)), "head"}, &out), 0)
        << out;
    heads.insert(out);
  }
  EXPECT_EQ(heads.size(), 1u) << "the nodes' logs differ";
  const std::string events = dir_.sub("events.jsonl");
  std::string out;
  // hoyoctl finds a directory's key file beside it (DIR.key).
  std::filesystem::copy_file(dir_.sub("cluster.key"), dir_.sub(name(w2)) + ".key");
  ASSERT_EQ(testing::run_program({hoyoctl, "--data-dir", dir_.sub(name(w2)), "export", "events",
                                  "--format", "jsonl", "-o", events},
                                 &out),
            0)
      << out;
  std::ifstream in(events);
  std::map<std::string, int> booked;  // reservation number -> ReservationBooked lines
  for (std::string line; std::getline(in, line);) {
    if (line.find("ReservationBooked") == std::string::npos) continue;
    for (const auto& [key, number] : acknowledged) {
      if (line.find("\"" + number + "\"") != std::string::npos) ++booked[number];
    }
  }
  for (const auto& [key, number] : acknowledged) {
    EXPECT_EQ(booked[number], 1) << "acknowledged booking " << number << " (key " << key << ")";
  }
}

}  // namespace
}  // namespace hoyo::load
