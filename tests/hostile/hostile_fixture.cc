#include "hostile_fixture.h"

#include <boost/json.hpp>
#include <thread>

namespace hoyo::hostile {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string default_config_json() {
  return R"({
  "server": {
    "threads": 2,
    "work_threads": 2,
    "read_timeout_seconds": 2,
    "idle_timeout_seconds": 2,
    "write_timeout_seconds": 3
  },
  "websocket": {"idle_timeout_seconds": 20},
  "metrics": {"token": "hostile-metrics"}
})";
}

void HostileTest::SetUp() {
  try {
    hoyod_ = std::make_unique<testing::HoyodProcess>(
        testing::HoyodOptions{.binary = HOYOD_BIN,
                              .data_dir = dir_.sub("data"),
                              .config = config_,
                              .log = dir_.sub("stderr.log")});
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  const HttpAnswer facilities = normal(request_bytes("GET", "/api/facilities"));
  ASSERT_EQ(facilities.status, 200) << facilities.describe();
  const json::value list = json::parse(facilities.body);
  ASSERT_FALSE(list.as_array().empty());
  facility_ = std::string(list.as_array()[0].at("id").as_string());
  const HttpAnswer clock = normal(request_bytes("GET", "/api/test/clock"));
  ASSERT_EQ(clock.status, 200) << clock.describe();
  month_ = std::string(json::parse(clock.body).at("now").as_string()).substr(0, 7);
}

void HostileTest::TearDown() {
  if (!hoyod_) return;
  if (!hoyod_alive()) return;
  expect_connections_released(std::chrono::milliseconds(5000));
  EXPECT_TRUE(hoyod_->stop()) << "hoyod did not stop cleanly: " << hoyod_->exit_description()
                              << "\n"
                              << hoyod_->stderr_tail();
}

bool HostileTest::hoyod_alive() {
  if (hoyod_->alive()) return true;
  ADD_FAILURE() << "hoyod " << hoyod_->exit_description() << "; its stderr ends:\n"
                << hoyod_->stderr_tail();
  return false;
}

HttpAnswer HostileTest::normal(std::string_view bytes, std::chrono::milliseconds timeout) {
  return exchange(kNormalClient, port(), bytes, timeout);
}

Socket HostileTest::attacker() {
  Socket s(kAttacker, port());
  EXPECT_TRUE(s.ok()) << s.error();
  return s;
}

std::string HostileTest::calendar_target() const {
  return "/api/vacancy/" + facility_ + "/calendar?month=" + month_;
}

std::uint64_t HostileTest::log_head() {
  const HttpAnswer h = normal(request_bytes("GET", "/api/health"));
  EXPECT_EQ(h.status, 200) << h.describe();
  if (h.status != 200) return 0;
  return json::parse(h.body).at("position").to_number<std::uint64_t>();
}

double HostileTest::metric(const std::string& name) {
  const HttpAnswer m = normal(request_bytes(
      "GET", "/metrics", {{"Authorization", std::string("Bearer ") + kMetricsToken}}));
  EXPECT_EQ(m.status, 200) << m.describe();
  const std::string line = "\n" + name + " ";
  const auto at = m.body.find(line);
  if (m.status != 200 || at == std::string::npos) return -1;
  return std::stod(m.body.substr(at + line.size()));
}

void HostileTest::expect_connections_released(std::chrono::milliseconds wait) {
  const auto deadline = Clock::now() + wait;
  double connections = -1, websockets = -1;
  do {
    connections = metric("hoyo_connections");
    websockets = metric("hoyo_websockets");
    if (connections == 1 && websockets == 0) return;
    std::this_thread::sleep_for(50ms);
  } while (Clock::now() < deadline);
  ADD_FAILURE() << "hoyod still holds " << connections << " connections (" << websockets
                << " WebSockets) " << wait.count() << " ms after the test closed its own";
}

void HostileTest::expect_normal_client_served(const std::string& after) {
  SCOPED_TRACE("after " + after);
  ASSERT_TRUE(hoyod_alive());
  const HttpAnswer health = normal(request_bytes("GET", "/api/health"));
  EXPECT_EQ(health.status, 200) << health.describe();
  const HttpAnswer login = normal(
      request_bytes("POST", "/api/session",
                    {{"X-Requested-With", "t"}, {"Content-Type", "application/json"}}, kLoginBody));
  EXPECT_EQ(login.status, 200) << login.describe();
  EXPECT_LT(login.elapsed, kNormalBound) << login.describe();
  const HttpAnswer read = normal(request_bytes("GET", calendar_target()));
  EXPECT_EQ(read.status, 200) << read.describe();
  EXPECT_LT(read.elapsed, kNormalBound) << read.describe();
  EXPECT_NE(read.body.find("\"days\""), std::string::npos) << read.describe();
}

}  // namespace hoyo::hostile
