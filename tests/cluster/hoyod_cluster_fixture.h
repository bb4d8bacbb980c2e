// The fixture of the three-node tests (hoyod_cluster_test.cc,
// hoyod_cluster_reads_test.cc): three real nats-servers and three hoyod
// processes on loopback (docs/cluster.md), driven from outside through their
// HTTP API only. set_the_scene() waits for one writer and the demo data on
// every node, then registers users and logs everyone in through a follower;
// book_everyone() sells one scarce night through all three nodes at once
// with Idempotency-Keys while a fault strikes, with readers and live
// subscribers on every node; the expect_* checks say what must hold after.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>

#include <array>
#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "eventually.h"
#include "hoyod_process.h"
#include "http_client.h"
#include "live_client.h"
#include "model.h"
#include "nats_cluster.h"
#include "temp_dir.h"
#include "world.h"

namespace hoyo::load::cluster_test {

namespace json = boost::json;
using hoyo::testing::eventually;

inline constexpr int kNodes = 3;
inline constexpr int kRegistered = 14;  // postcard users, beside the demo's
inline constexpr int kSeasideRooms = 15;
inline constexpr const char* kMetricsToken = "cluster-test-metrics";

inline std::string binary(const char* env, const char* built) {
  const char* v = std::getenv(env);
  return v && *v ? v : built;
}

inline Request post(const std::string& target, const json::value& body,
                    const std::string& cookie = {}, const std::string& key = {}) {
  return Request{"POST", target, json::serialize(body), cookie, key, 0};
}

inline std::string today_in_tokyo() {
  return tokyo_time(std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count())
      .substr(0, 10);
}

// One user of the load: its login and the cookie of its session.
struct User {
  std::string number, password, cookie;
};

// What the bookings got.
struct Tally {
  std::map<std::string, std::string> acknowledged;  // key -> reservation number
  std::map<std::string, int> refused;               // key -> status
  std::vector<std::string> faults;
  int acknowledged_at_fault = 0;  // bookings acknowledged when the fault struck
};

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
        {"cluster", json::object{{"lease_ttl_ms", 3000}, {"forward_timeout_ms", 5000}}},
        {"metrics", json::object{{"token", kMetricsToken}}}});
    o.args = {"--demo-data", "--cluster", nats_->urls(), "--node-name", name(i)};
    if (test_faults_) o.args.push_back("--test-faults");
    if (test_clock_) o.args.push_back("--test-clock");
    nodes_[i] = std::make_unique<testing::HoyodProcess>(o);
  }
  // Up, and not left out of the load and its checks (paused, or sick).
  bool up(int i) { return nodes_[i] && nodes_[i]->alive() && !paused_[i] && !sick_[i]; }
  std::optional<json::value> health(int i) {
    if (!up(i)) return std::nullopt;
    HttpClient http(nodes_[i]->port(), std::chrono::seconds(5));
    const Answer a = http.send({"GET", "/api/health", {}, {}, {}, 0});
    if (a.status != 200) return std::nullopt;
    return parse_json(a.body);
  }
  // The node that says it writes, when exactly one answering node does; -1 otherwise.
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
  // Every node answering, at the same position (> 0); that position, or 0.
  std::uint64_t same_position() {
    std::set<std::int64_t> seen;
    for (int i = 0; i < kNodes; ++i) {
      auto h = health(i);
      if (!h) return 0;
      seen.insert(num(*h, "position"));
    }
    return seen.size() == 1 && *seen.begin() > 0 ? static_cast<std::uint64_t>(*seen.begin()) : 0;
  }
  // A value of the node's /metrics; -1 when it does not answer or has none.
  double metric(int i, const std::string& metric_name) {
    if (!up(i)) return -1;
    HttpClient http(nodes_[i]->port(), std::chrono::seconds(5));
    const Answer a =
        http.send({"GET", "/metrics", {}, {}, {}, 0, std::string("Bearer ") + kMetricsToken});
    const std::string line = "\n" + metric_name + " ";
    const std::size_t at = a.body.find(line);
    if (a.status != 200 || at == std::string::npos) return -1;
    return std::strtod(a.body.c_str() + at + line.size(), nullptr);
  }
  void pause(int i) {
    paused_[i] = true;
    ASSERT_EQ(::kill(nodes_[i]->pid(), SIGSTOP), 0);
  }
  void resume(int i) {
    ASSERT_EQ(::kill(nodes_[i]->pid(), SIGCONT), 0);
    paused_[i] = false;
  }

  // The writer, the demo data copied everywhere and named by every node's
  // health; staff and users registered and logged in through a follower.
  void set_the_scene() {
    ASSERT_TRUE(eventually([&] { return (w_ = writer()) >= 0; }, std::chrono::seconds(30)))
        << "no single writer";
    std::vector<DemoLogin> logins;
    ASSERT_TRUE(eventually([&] { return !(logins = demo_logins(nodes_[w_]->log_text())).empty(); },
                           std::chrono::seconds(60)))
        << nodes_[w_]->stderr_tail();
    ASSERT_TRUE(eventually([&] { return same_position() > 0; }, std::chrono::seconds(30)))
        << "the followers did not copy the demo data";
    // A follower reads the lease at its next step.
    ASSERT_TRUE(eventually([&] {
      for (int i = 0; i < kNodes; ++i) {
        auto h = health(i);
        if (!h || str(*h, "writer") != name(w_)) return false;
      }
      return true;
    }));
    for (int i = 0; i < kNodes; ++i) {
      auto h = health(i);
      ASSERT_TRUE(h);
      EXPECT_EQ(str(*h, "role"), i == w_ ? "writer" : "follower") << i;
      EXPECT_EQ(str(*h, "node"), name(i));
      EXPECT_GT(num(*h, "epoch"), 0);
    }
    epoch_ = num(*health(w_), "epoch");

    HttpClient via(nodes_[(w_ + 1) % kNodes]->port());
    for (const DemoLogin& l : logins) {
      if (l.who == "operator" && op_cookie_.empty()) {
        const Answer a = via.send(post("/api/operator/session",
                                       json::object{{"login", l.login}, {"password", l.password}}));
        ASSERT_EQ(a.status, 200) << a.body;
        op_cookie_ = a.cookie;
        op_login_ = l.login;
        op_password_ = l.password;
      } else if (l.who == "user") {
        users_.push_back({l.login, l.password, {}});
      }
    }
    ASSERT_FALSE(op_cookie_.empty());
    for (int i = 0; i < kRegistered; ++i) {
      const Answer reg = via.send(post("/api/operator/users",
                                       json::object{{"nameKanji", "複製 試験"},
                                                    {"nameKana", "フクセイ　シケン"},
                                                    {"birthDate", add_days("1961-01-01", 41 * i)},
                                                    {"postalCode", "105-0011"},
                                                    {"address", "東京都港区芝公園1-5-25"},
                                                    {"phone", "03-3578-2111"},
                                                    {"category", "resident"}},
                                       op_cookie_));
      ASSERT_EQ(reg.status, 201) << reg.body;
      auto receipt = parse_json(reg.body);
      ASSERT_TRUE(receipt);
      const std::string code = str(*receipt, "activationCode");
      User u{str(*receipt, "userNumber"), "cluster-" + str(*receipt, "userNumber") + "-phrase", {}};
      std::string error;
      const std::string first = log_in(via, u.number, code, &error);
      ASSERT_TRUE(error.empty()) << error;
      const Answer changed = via.send(post("/api/me/password",
                                           json::object{{"currentPassword", code},
                                                        {"newPassword", u.password},
                                                        {"newPasswordConfirm", u.password}},
                                           first));
      ASSERT_EQ(changed.status, 204) << changed.body;
      users_.push_back(u);
    }
    for (std::size_t i = 0; i < users_.size(); ++i) {
      HttpClient http(nodes_[i % kNodes]->port());
      std::string error;
      users_[i].cookie = log_in(http, users_[i].number, users_[i].password, &error);
      ASSERT_TRUE(error.empty()) << error;
    }
  }

  Answer book_once(int node, const User& u, const std::string& key) {
    HttpClient http(nodes_[node]->port(), std::chrono::seconds(10));
    return http.send(post("/api/reservations",
                          json::object{{"facilityId", "seaside"},
                                       {"checkIn", night_},
                                       {"nights", 1},
                                       {"people", json::array{2}}},
                          u.cookie, key));
  }

  // One booking of the night through `node`, retried with its key while the
  // cluster has no writer (503) or the node does not answer; its answer.
  Answer book_acknowledged(int node, const User& u, const std::string& key) {
    Answer a;
    eventually(
        [&] {
          a = book_once(node, u, key);
          return a.status != 503 && a.status != 0;
        },
        std::chrono::seconds(60));
    return a;
  }

  // Two bookings per user of the night, through every node at once; `fault`
  // strikes once a few are acknowledged. Meanwhile a reader on each node
  // reads the night's vacancy over and over, and a live subscriber on each
  // node watches it: a read refused by a node that is up, or a subscriber
  // still connected that was not told the night sold out, is a fault.
  Tally book_everyone(const std::function<void()>& fault) {
    Tally t;
    std::mutex mu;
    std::atomic<int> acks{0};
    std::array<std::unique_ptr<LiveSubscriber>, kNodes> live;
    for (int i = 0; i < kNodes; ++i) {
      std::string error;
      live[i] = LiveSubscriber::open(nodes_[i]->port(), {"seaside"}, 0, &error);
      if (!live[i]) t.faults.push_back(name(i) + ": no live subscription: " + error);
    }
    std::atomic<bool> reading{true};
    std::array<std::atomic<int>, kNodes> reads{};
    std::vector<std::thread> readers;
    for (int i = 0; i < kNodes; ++i) {
      readers.emplace_back([&, i] {
        HttpClient http(nodes_[i]->port(), std::chrono::seconds(5));
        const Request r{
            "GET", "/api/vacancy/seaside/calendar?month=" + night_.substr(0, 7), {}, {}, {}, 0};
        while (reading) {
          const bool was_up = up(i);
          const Answer a = http.send(r);
          if (a.status == 200) {
            ++reads[i];
          } else if (was_up && up(i)) {
            std::lock_guard lk(mu);
            t.faults.push_back("a vacancy read at " + name(i) + ", up all along: " +
                               std::to_string(a.status) + " " + a.body + a.error);
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      });
    }
    auto book = [&](int node, const User& u, const std::string& key) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
      int n = node;
      while (std::chrono::steady_clock::now() < deadline) {
        if (!up(n)) {
          n = (n + 1) % kNodes;
          continue;
        }
        const Answer a = book_once(n, u, key);
        {
          std::lock_guard lk(mu);
          if (a.status == 201) {
            auto r = parse_json(a.body);
            t.acknowledged[key] = r ? str(*r, "reservationNumber") : "";
            ++acks;
            return;
          }
          if (a.status == 409 || a.status == 422) {
            t.refused[key] = a.status;
            return;
          }
          if (a.status != 0 && a.status != 503) {
            // 401 included: a session must outlive the writer that made it.
            t.faults.push_back(key + " at " + name(n) + ": " + std::to_string(a.status) + " " +
                               a.body);
            return;
          }
        }
        if (a.status == 0) n = (n + 1) % kNodes;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      std::lock_guard lk(mu);
      t.faults.push_back(key + ": no definite answer within 90 s");
    };
    std::vector<std::thread> clients;
    for (int c = 0; c < kNodes; ++c) {
      clients.emplace_back([&, c] {
        for (std::size_t i = c; i < users_.size(); i += kNodes) {
          for (int b = 0; b < 2; ++b) {
            book(c, users_[i], "cluster-" + users_[i].number + "-" + round_ + std::to_string(b));
          }
        }
      });
    }
    const bool some = eventually([&] { return acks.load() >= 4; }, std::chrono::seconds(60));
    if (some) {
      t.acknowledged_at_fault = acks.load();
      fault();
    }
    for (auto& c : clients) c.join();
    reading = false;
    for (auto& r : readers) r.join();
    EXPECT_TRUE(some) << "no bookings before the fault";
    for (int i = 0; i < kNodes; ++i) {
      if (!up(i)) continue;
      if (reads[i] == 0) t.faults.push_back(name(i) + " answered no vacancy read");
      if (!live[i] || live[i]->closed()) {
        t.faults.push_back(name(i) + "'s live subscriber was cut off while the node was up");
        continue;
      }
      // Changes applied in one batch (a follower catching up) are pushed
      // with the vacancy as it stands, so a count in between may be skipped;
      // the last one must come.
      const auto seen = live[i]->wait_for(
          [&](const json::value& m) {
            return str(m, "type") == "vacancy" && str(m, "facilityId") == "seaside" &&
                   str(m, "date") == night_ && num(m, "freeRooms") == 0;
          },
          std::chrono::seconds(20));
      if (!seen) {
        t.faults.push_back(name(i) + "'s live subscriber never saw the night sold out");
      }
    }
    return t;
  }

  void expect_sold_exactly(const Tally& t) {
    ASSERT_TRUE(t.faults.empty()) << t.faults.size() << " faults, the first: " << t.faults.front();
    EXPECT_EQ(t.acknowledged.size(), static_cast<std::size_t>(kSeasideRooms))
        << "the scarce night was not sold out exactly";
    EXPECT_LT(t.acknowledged_at_fault, kSeasideRooms) << "the fault struck after the load";
    EXPECT_EQ(t.acknowledged.size() + t.refused.size(), users_.size() * 2);
  }

  // Another node than `old` writes, with a later epoch than the scene's.
  void expect_taken_over(int old) {
    int w2 = -1;
    ASSERT_TRUE(
        eventually([&] { return (w2 = writer()) >= 0 && w2 != old; }, std::chrono::seconds(30)))
        << "no other node took over";
    EXPECT_GT(num(*health(w2), "epoch"), epoch_);
  }

  // A key retried through `node` answers its first reservation; a session
  // made before is valid there and a password set through a follower logs in.
  void expect_keys_sessions_and_passwords_hold(const Tally& t, int node) {
    const auto& [key, number] = *t.acknowledged.begin();
    const User* u = nullptr;
    for (const User& x : users_) {
      if (key.rfind("cluster-" + x.number + "-", 0) == 0) u = &x;
    }
    ASSERT_NE(u, nullptr);
    // Retried as a client would while the node learns who writes (503,
    // Retry-After: right after a restart it has not read the lease yet).
    Answer again;
    ASSERT_TRUE(eventually(
        [&] {
          again = book_once(node, *u, key);
          return again.status != 503 && again.status != 0;
        },
        std::chrono::seconds(20)))
        << again.body;
    ASSERT_EQ(again.status, 201) << again.body;
    auto r = parse_json(again.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(str(*r, "reservationNumber"), number);
    HttpClient http(nodes_[node]->port());
    const Answer me = http.send({"GET", "/api/me", {}, users_.back().cookie, {}, 0});
    EXPECT_EQ(me.status, 200) << name(node) << ": " << me.body;
    // A login is forwarded to the writer, and answered at once: the booking
    // above went through, so the node knows who writes. (A frozen writer
    // woken past its lease once answered 503 here: it said "follower" while
    // its fenced processor still decided; NodeEvents::stepping_down.)
    std::string error;
    log_in(http, users_.back().number, users_.back().password, &error);
    EXPECT_TRUE(error.empty()) << name(node) << ": " << error;
  }

  // The round's acknowledged bookings cancelled by their users through
  // `node` (each user's with a key of its own, retried while there is no
  // writer), so that the next round sells the night again.
  void cancel_round(const Tally& t, int node) {
    std::map<std::string, std::vector<std::string>> numbers;  // user number -> reservations
    std::map<std::string, const User*> by_number;
    for (const User& u : users_) by_number[u.number] = &u;
    for (const auto& [key, number] : t.acknowledged) {
      for (const User& u : users_) {
        if (key.rfind("cluster-" + u.number + "-", 0) == 0) numbers[u.number].push_back(number);
      }
    }
    for (const auto& [user, mine] : numbers) {
      Answer a;
      ASSERT_TRUE(eventually(
          [&] {
            HttpClient http(nodes_[node]->port());
            a = http.send(post("/api/reservations/cancellations",
                               json::object{{"reservationNumbers", json::value_from(mine)}},
                               by_number[user]->cookie, "cancel-" + round_ + user));
            return a.status != 503 && a.status != 0;
          },
          std::chrono::seconds(30)));
      ASSERT_EQ(a.status, 200) << a.body;
    }
  }

  // Where stopped nodes' logs differ: from just before the shortest head on,
  // each node's events (position, type, time, chain hash, data), so that
  // what was written last shows, and whether the shorter logs are prefixes.
  std::string events_past_the_shortest(const std::set<std::string>& heads) {
    std::uint64_t shortest = UINT64_MAX;
    for (const std::string& h : heads) shortest = std::min<std::uint64_t>(shortest, std::stoull(h));
    // A few events before it too: what the last write followed.
    const std::uint64_t from = shortest > 3 ? shortest - 3 : 1;
    const std::string hoyoctl = binary("HOYOCTL_BIN", HOYOCTL_BIN);
    std::string out;
    for (int i = 0; i < kNodes; ++i) {
      const std::string key = dir_.sub(name(i)) + ".key";
      if (!std::filesystem::exists(key)) std::filesystem::copy_file(dir_.sub("cluster.key"), key);
      const std::string file = dir_.sub(name(i) + "-tail.jsonl");
      std::string ignored;
      testing::run_program({hoyoctl, "--data-dir", dir_.sub(name(i)), "export", "events",
                            "--format", "jsonl", "--from", std::to_string(from), "-o", file},
                           &ignored);
      std::ifstream in(file);
      for (std::string line; std::getline(in, line);) {
        auto v = parse_json(line);
        if (!v) continue;
        std::string data = json::serialize(v->as_object()["data"]);
        if (data.size() > 160) data = data.substr(0, 160) + "...";
        out += name(i) + ": " + std::to_string(num(*v, "position")) + " " + str(*v, "type") + " " +
               str(*v, "at") + " " + str(*v, "hash").substr(0, 16) + " " + data + "\n";
      }
    }
    return out;
  }

  // Every node answering at the same position, then stopped: each directory
  // holds the same log, verified, with each acknowledged booking once.
  void expect_one_verified_log(const Tally& t) {
    // Nothing more is written once every node holds the same position and
    // the writer has since finished two passes over its mail outbox (the
    // second began after that position was read) with nothing left in it:
    // a mail's outcome (MailSent) is written after the answer to the request
    // that queued it (a booking's receipt, a password change's notice). A
    // run that stopped the nodes between the two once found the MailSent on
    // two nodes only, the third's log a prefix of theirs. The scheduler has
    // nothing due in these tests.
    ASSERT_TRUE(eventually(
        [&] {
          const int w = writer();
          const std::uint64_t p = same_position();
          if (w < 0 || p == 0) return false;
          const double passes = metric(w, "hoyo_mail_passes_total");
          return passes >= 0 &&
                 eventually([&] { return metric(w, "hoyo_mail_passes_total") >= passes + 2; },
                            std::chrono::seconds(10)) &&
                 metric(w, "hoyo_mail_outbox_depth") == 0 && same_position() == p;
        },
        std::chrono::seconds(90)))
        << "the nodes do not hold the same log, or the writer's outbox does not empty";
    // The followers first, the writer last: stopped first, the writer's
    // lease would run out while the others stop, and one of them could take
    // over and write what the stopped ones never see.
    const int w = writer();
    for (int i = 0; i < kNodes; ++i) {
      if (i != w) {
        ASSERT_TRUE(nodes_[i]->stop());
      }
    }
    if (w >= 0) {
      ASSERT_TRUE(nodes_[w]->stop());
    }
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
    EXPECT_EQ(heads.size(), 1u) << "the nodes' logs differ: " << [&] {
      std::string all;
      for (const std::string& h : heads) all += h + "; ";
      return all;
    }() << "\n" << events_past_the_shortest(heads);
    // hoyoctl finds a directory's key file beside it (DIR.key).
    if (!std::filesystem::exists(dir_.sub(name(0)) + ".key")) {
      std::filesystem::copy_file(dir_.sub("cluster.key"), dir_.sub(name(0)) + ".key");
    }
    const std::string events = dir_.sub("events.jsonl");
    std::string out;
    ASSERT_EQ(testing::run_program({hoyoctl, "--data-dir", dir_.sub(name(0)), "export", "events",
                                    "--format", "jsonl", "-o", events},
                                   &out),
              0)
        << out;
    std::ifstream in(events);
    std::map<std::string, int> booked;  // reservation number -> ReservationBooked lines
    // The scarce night's reservations in the log, acknowledged or not, and
    // those of them cancelled since.
    std::set<std::string> night_booked, night_cancelled;
    for (std::string line; std::getline(in, line);) {
      auto e = parse_json(line);
      if (!e) continue;
      const json::value* data = e->as_object().if_contains("data");
      if (data && str(*e, "type") == "ReservationCancelled") {
        const std::string number = str(*data, "number");
        if (night_booked.count(number)) night_cancelled.insert(number);
      }
      if (str(*e, "type") != "ReservationBooked") continue;
      if (data && data->is_object() && data->as_object().if_contains("reservation")) {
        const json::value& r = data->as_object().at("reservation");
        if (str(r, "facility") == "seaside" && str(r, "checkIn") == night_) {
          EXPECT_TRUE(night_booked.insert(str(r, "number")).second)
              << "reservation " << str(r, "number") << " booked twice";
        }
      }
      for (const auto& [key, number] : t.acknowledged) {
        if (line.find("\"" + number + "\"") != std::string::npos) ++booked[number];
      }
    }
    for (const auto& [key, number] : t.acknowledged) {
      EXPECT_EQ(booked[number], 1) << "acknowledged booking " << number << " (key " << key << ")";
    }
    // Counted from the log, not inferred from the answers: one-night stays,
    // so the night holds as many as it has rooms (sold out in each round).
    EXPECT_EQ(night_booked.size() - night_cancelled.size(), static_cast<std::size_t>(kSeasideRooms))
        << "bookings of " << night_ << " in the log, less those cancelled";
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::NatsCluster> nats_;
  std::array<std::unique_ptr<testing::HoyodProcess>, kNodes> nodes_;
  std::array<std::atomic<bool>, kNodes> paused_{};
  // Nodes whose disk fails: they take no part in the load (they apply
  // nothing new, so their reads and live pushes stop at their head).
  std::array<std::atomic<bool>, kNodes> sick_{};
  bool test_faults_ = false;  // nodes start with --test-faults (PUT /api/test/faults)
  bool test_clock_ = false;   // nodes start with --test-clock (PUT /api/test/clock)
  int w_ = -1;                // the writer of the scene
  std::int64_t epoch_ = 0;    // its epoch
  std::vector<User> users_;
  std::string op_cookie_;               // an operator's session, made through a follower
  std::string op_login_, op_password_;  // that operator's demo login
  const std::string night_ = add_days(today_in_tokyo(), 9);  // seaside: 15 rooms
  std::string round_;  // in the bookings' keys: "" or "rN-", one per round
};

}  // namespace hoyo::load::cluster_test
