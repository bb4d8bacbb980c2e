// A registration with a 10 MB proof image through a follower
// (docs/cluster.md, "Large requests travel in parts"): three nats-servers
// (max_payload 1 MiB) and three hoyod nodes; a worker registers through a
// follower, another through the writer, each with a proof of about 10 MB
// that does not compress. Both get the same answer (201, pending), and the
// operator reads each proof on every node, byte for byte the same.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <cstdlib>
#include <set>

#include "eventually.h"
#include "hoyod_process.h"
#include "http_client.h"
#include "model.h"
#include "nats_cluster.h"
#include "temp_dir.h"
#include "tests/accounts/images.h"
#include "tests/accounts/worker_form.h"
#include "world.h"

namespace hoyo::load {
namespace {

namespace json = boost::json;
using hoyo::testing::eventually;

constexpr int kNodes = 3;
constexpr auto kSlow = std::chrono::seconds(60);  // an upload's answer, on a busy machine

class HoyodUploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    nats_ = std::make_unique<testing::NatsCluster>();
    for (int i = 0; i < kNodes; ++i) {
      testing::HoyodOptions o;
      o.binary = std::getenv("HOYOD_BIN") ? std::getenv("HOYOD_BIN") : HOYOD_BIN;
      o.data_dir = dir_.sub("node-" + std::to_string(i));
      o.log = dir_.sub("node-" + std::to_string(i) + ".log");
      o.config = json::serialize(json::object{
          {"security", json::object{{"key_file", dir_.sub("cluster.key")}}},
          {"cluster", json::object{{"lease_ttl_ms", 3000}, {"forward_timeout_ms", 30000}}}});
      o.args = {"--demo-data", "--cluster", nats_->urls(), "--node-name",
                "node-" + std::to_string(i)};
      nodes_[i] = std::make_unique<testing::HoyodProcess>(o);
    }
  }
  void TearDown() override {
    for (auto& n : nodes_) n.reset();
    nats_.reset();
  }
  Answer send(int node, const Request& r) {
    HttpClient http(nodes_[node]->port(), kSlow);
    return http.send(r);
  }
  // The node that says it writes, once every node's health names it; -1 before.
  int agreed_writer() {
    int writer = -1;
    std::set<std::string> named;
    for (int i = 0; i < kNodes; ++i) {
      const Answer a = send(i, {"GET", "/api/health", {}, {}, {}, 0});
      auto h = a.status == 200 ? parse_json(a.body) : std::nullopt;
      if (!h) return -1;
      if (str(*h, "role") == "writer") writer = i;
      named.insert(str(*h, "writer"));
    }
    return writer >= 0 && named == std::set<std::string>{"node-" + std::to_string(writer)} ? writer
                                                                                           : -1;
  }
  Answer register_worker(int node, const std::string& kana, const std::string& email,
                         const std::string& proof) {
    Request r{"POST", "/api/registrations", accounts::testing::worker_form(kana, email, proof),
              {},     "reg-" + email,       0};
    r.content_type = accounts::testing::worker_form_type();
    return send(node, r);
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::NatsCluster> nats_;
  std::array<std::unique_ptr<testing::HoyodProcess>, kNodes> nodes_;
};

TEST_F(HoyodUploadTest, ATenMegabyteProofThroughAFollowerIsTheWritersAndEveryNodeShowsIt) {
  int w = -1;
  ASSERT_TRUE(eventually([&] { return (w = agreed_writer()) >= 0; }, std::chrono::seconds(60)))
      << "no writer every node names";
  std::vector<DemoLogin> logins;
  ASSERT_TRUE(eventually([&] { return !(logins = demo_logins(nodes_[w]->log_text())).empty(); },
                         std::chrono::seconds(60)));
  const int follower = (w + 1) % kNodes;
  const int third = (w + 2) % kNodes;

  // About 10 MB each (the limit is 10 MiB), pixels that do not compress.
  const std::string proof_a = accounts::testing::make_noise_png(1800, 1900, 1);
  const std::string proof_b = accounts::testing::make_noise_png(1800, 1900, 2);
  ASSERT_GT(proof_a.size(), 10'000'000u);
  ASSERT_LE(proof_a.size(), 10u << 20);

  const Answer via_follower =
      register_worker(follower, "タカナワ　イチロウ", "ichiro@example.jp", proof_a);
  ASSERT_EQ(via_follower.status, 201) << via_follower.body;
  const Answer via_writer = register_worker(w, "タカナワ　ジロウ", "jiro@example.jp", proof_b);
  ASSERT_EQ(via_writer.status, 201) << via_writer.body;
  // The same answer: the same fields, the same status (the numbers differ).
  auto a = parse_json(via_follower.body);
  auto b = parse_json(via_writer.body);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->is_object() && b->is_object());
  EXPECT_EQ(a->as_object().size(), b->as_object().size());
  for (const auto& field : b->as_object()) EXPECT_TRUE(a->as_object().contains(field.key()));
  EXPECT_EQ(str(*a, "status"), "pending");
  EXPECT_EQ(str(*a, "status"), str(*b, "status"));
  EXPECT_GT(via_follower.position, 0u);  // the writer's X-Log-Position, passed on

  // The operator, logged in through the third node, reads both proofs on
  // every node: the same bytes everywhere (each node's copy of the writer's
  // re-encoded image, which is as large as the upload).
  std::string op_cookie;
  for (const DemoLogin& l : logins) {
    if (l.who != "operator") continue;
    const Answer in =
        send(third, {"POST", "/api/operator/session",
                     json::serialize(json::object{{"login", l.login}, {"password", l.password}})});
    ASSERT_EQ(in.status, 200) << in.body;
    op_cookie = in.cookie;
    break;
  }
  ASSERT_FALSE(op_cookie.empty());
  const std::uint64_t after = std::max(via_follower.position, via_writer.position);
  for (const auto& receipt : {*a, *b}) {
    const std::string target =
        "/api/operator/registrations/" + str(receipt, "registrationId") + "/proof";
    std::array<std::string, kNodes> seen;
    for (int i = 0; i < kNodes; ++i) {
      // The image is in the side tables' stream, which a follower may apply
      // a moment after the log.
      Answer got;
      EXPECT_TRUE(eventually(
          [&] {
            return (got = send(i, {"GET", target, {}, op_cookie, {}, after})).status == 200;
          },
          std::chrono::seconds(30)))
          << "node " << i << ": " << got.status << " " << got.body.substr(0, 300);
      seen[i] = got.body;
    }
    EXPECT_GT(seen[w].size(), 10'000'000u);
    EXPECT_EQ(seen[w].substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    for (int i = 0; i < kNodes; ++i) EXPECT_TRUE(seen[i] == seen[w]) << "node " << i;
  }
}

}  // namespace
}  // namespace hoyo::load
