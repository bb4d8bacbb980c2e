// The fixture of the hostile-client suite: each test gets its own hoyod (a
// real process over a fresh demo data directory), attacks it from 127.0.0.1,
// and after each attack checks the rule every attack must leave standing:
// hoyod still runs, GET /api/health answers 200, and a normal client from
// 127.0.0.2 logs in and reads a vacancy calendar, each within a second
// (kNormalBound; five under ThreadSanitizer).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "hoyod_process.h"
#include "http_probe.h"
#include "slowdown.h"
#include "temp_dir.h"

namespace hoyo::hostile {

// The configuration the suite runs hoyod with unless a test says otherwise:
// timeouts of a few seconds, so that slow clients are cut within the test,
// and /metrics served with the token kMetricsToken.
std::string default_config_json();
inline constexpr const char* kMetricsToken = "hostile-metrics";

// The demo user the normal client logs in as; attackers never fail a login
// for it (the per-account throttle would hold the normal client).
inline constexpr const char* kLoginBody =
    R"({"userNumber":"10000012","password":"demo-hanako-2026"})";
// What the normal client allows itself to wait for a login or a read: a
// second, scaled for the sanitizer builds (a TSan hoyod hashes and answers
// several times slower).
inline constexpr std::chrono::milliseconds kNormalBound =
    ::hoyo::testing::scaled(std::chrono::milliseconds{1000});

class HostileTest : public ::testing::Test {
 protected:
  // Starts hoyod (tests/support/hoyod_process.h) over a fresh data directory
  // with --demo-data --test-clock and config_, and learns a demo facility and the test clock's
  // month.
  void SetUp() override;
  // Fails the test (with hoyod's stderr) if hoyod died or still holds a
  // connection of the test's once they are closed (expect_connections_released),
  // then stops it, which must end it cleanly (exit 0).
  void TearDown() override;

  // The rule after an attack, checked from kNormalClient; `after` names the
  // attack in failure messages.
  void expect_normal_client_served(const std::string& after);
  // True while hoyod runs; otherwise adds a failure with its stderr.
  bool hoyod_alive();

  std::uint16_t port() const { return hoyod_->port(); }
  // One request from the normal client's address on a fresh connection.
  HttpAnswer normal(std::string_view bytes,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  // A connection from the attacker's address; the test fails if it cannot be made.
  Socket attacker();
  // `path` on /api/vacancy/FACILITY/calendar?month=MONTH.
  std::string calendar_target() const;
  std::uint64_t log_head();  // the log's head, from /api/health
  // A value from GET /metrics (served with kMetricsToken), e.g.
  // "hoyo_websockets"; -1 when it cannot be read.
  double metric(const std::string& name);
  // Waits up to `wait` until the server holds no connection but the one
  // asking (hoyo_connections 1, hoyo_websockets 0); fails the test if it
  // still holds others then.
  void expect_connections_released(std::chrono::milliseconds wait = std::chrono::seconds(5));

  std::string config_ = default_config_json();  // set in a test's constructor to change it
  testing::TempDir dir_;  // the data directory and hoyod's log; outlives hoyod_
  std::unique_ptr<testing::HoyodProcess> hoyod_;
  std::string facility_;  // a demo facility's id, from GET /api/facilities
  std::string month_;     // YYYY-MM of the server's (test) clock
};

// Deadlines from now.
inline Clock::time_point in(std::chrono::milliseconds d) { return Clock::now() + d; }

}  // namespace hoyo::hostile
