// What /metrics tells an operator: the fsync latency and group-commit batch
// histograms agree with the store's counters, every projection reports how
// far behind the log it is, the processor's queue and the mail outbox are
// there, and every metric the shipped Prometheus alert rules use exists.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "eventually.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class Metrics : public AppFixture {
 protected:
  std::string scrape() {
    ctx_.config.metrics_token = "t0ken";
    Request req = make(bhttp::verb::get, "/metrics");
    req.set(bhttp::field::authorization, "Bearer t0ken");
    Response res = send(req);
    EXPECT_EQ(res.result(), bhttp::status::ok);
    return res.body();
  }
  // The value on the line that starts with `series` and a space.
  static double value(const std::string& text, const std::string& series) {
    const std::size_t at = text.find("\n" + series + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + series.size() + 2));
  }
};

TEST_F(Metrics, HistogramsAgreeWithTheStoresCounters) {
  // The demo data was appended in SetUp: syncs and batches happened.
  const std::string t = scrape();
  const double syncs = value(t, "hoyo_fsync_total");
  ASSERT_GT(syncs, 0);
  EXPECT_EQ(value(t, "hoyo_fsync_duration_seconds_count"), syncs);
  EXPECT_EQ(value(t, "hoyo_fsync_duration_seconds_bucket{le=\"+Inf\"}"), syncs);
  const double batches = value(t, "hoyo_append_batches_total");
  ASSERT_GT(batches, 0);
  EXPECT_EQ(value(t, "hoyo_group_commit_batch_events_count"), batches);
  EXPECT_EQ(value(t, "hoyo_group_commit_batch_events_sum"), value(t, "hoyo_append_events_total"));
  EXPECT_EQ(value(t, "hoyo_store_degraded"), 0);
  EXPECT_GE(value(t, "hoyo_processor_queue_depth"), 0);
  EXPECT_GE(value(t, "hoyo_mail_outbox_depth"), 0);
  EXPECT_GE(value(t, "hoyo_mail_failures_total"), 0);
  EXPECT_GE(value(t, "hoyo_mail_passes_total"), 0);
}

TEST_F(Metrics, EveryProjectionSaysHowFarBehindTheLogItIs) {
  const std::uint64_t head = services_->store().head();
  ASSERT_TRUE(
      hoyo::testing::eventually([&] { return services_->projections().position() == head; }));
  const std::string t = scrape();
  const auto names = services_->projections().names();
  ASSERT_FALSE(names.empty());
  for (const auto& name : names) {
    EXPECT_EQ(value(t, "hoyo_projection_behind_events{projection=\"" + name + "\"}"), 0) << name;
  }
}

TEST_F(Metrics, EveryMetricTheAlertRulesUseIsExported) {
  std::ifstream in(std::string(HOYO_SOURCE_DIR) + "/packaging/prometheus/hoyo-alerts.yml");
  ASSERT_TRUE(in) << "packaging/prometheus/hoyo-alerts.yml";
  std::stringstream rules;
  rules << in.rdbuf();
  const std::string text = rules.str();
  // A cluster node's (the cluster rules' metrics are exported in cluster mode only).
  services_->set_cluster_status([] { return ClusterStatus{true, "node-a", "node-a", 1, "", 0}; });
  const std::string exported = scrape();
  std::set<std::string> used;
  const std::regex metric(R"(\bhoyo_[a-z_]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), metric);
       it != std::sregex_iterator(); ++it) {
    std::string name = it->str();
    used.insert(name);
  }
  ASSERT_GE(used.size(), 5u);
  for (const auto& name : used) {
    EXPECT_NE(exported.find("\n" + name), std::string::npos) << name << " is not in /metrics";
  }
}

}  // namespace
}  // namespace hoyo::http
