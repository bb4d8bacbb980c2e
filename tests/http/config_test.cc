// The configuration: a JSON file over the defaults, HOYO_* variables over the
// file, unknown or mistyped settings refused, --print-config's output
// reading back to the same values, and every setting named in docs/rules.md.
#include "daemon/config.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace hoyo::http {
namespace {

TEST(Config, AFileSetsAnySettingAndUnknownOnesAreRefused) {
  daemon::HoyodConfig c;
  EXPECT_EQ(c.app.rate.login_per_minute, 60);
  EXPECT_EQ(c.app.rate.reset_per_minute, 10);
  EXPECT_EQ(c.app.rate.registration_per_minute, 20);
  EXPECT_EQ(c.server.max_connections_per_source, 256u);
  EXPECT_EQ(c.services.scheduler.stay_reminder_days, 3);
  EXPECT_EQ(daemon::apply_config_json(c, R"({"server": {"threads": 3, "read_timeout_seconds": 5},
      "rules": {"max_upcoming": 4}, "accounts": {"initial_password_must_change": false,
      "reset_token_seconds": 600}, "mail": {"smtp_url": "smtp://relay:25"},
      "notices": {"stay_reminder_days": 5}})"),
            "");
  EXPECT_EQ(c.services.scheduler.stay_reminder_days, 5);
  EXPECT_EQ(c.server.threads, 3);
  EXPECT_EQ(c.server.read_timeout, std::chrono::seconds(5));
  EXPECT_EQ(c.app.rules.max_upcoming, 4);
  EXPECT_FALSE(c.services.accounts.initial_password_must_change);
  EXPECT_EQ(c.services.accounts.reset_token_lifetime, 600 * domain::kMicrosPerSecond);
  EXPECT_EQ(c.services.smtp_url, "smtp://relay:25");
  EXPECT_NE(daemon::apply_config_json(c, R"({"server": {"thread": 3}})"), "");
  EXPECT_NE(daemon::apply_config_json(c, R"({"server": {"threads": "3"}})"), "");
  EXPECT_NE(daemon::apply_config_json(c, R"({"server": {"read_timeout_seconds": 0}})"), "");
  EXPECT_NE(daemon::apply_config_json(c, "not json"), "");
  EXPECT_EQ(c.server.threads, 3);
}

TEST(Config, EnvironmentVariablesOverrideTheFile) {
  daemon::HoyodConfig c;
  ASSERT_EQ(daemon::apply_config_json(c, R"({"rate": {"login_per_minute": 5}})"), "");
  ::setenv("HOYO_RATE_LOGIN_PER_MINUTE", "7", 1);
  ::setenv("HOYO_MAIL_FROM", "desk@ward.example", 1);
  EXPECT_EQ(daemon::apply_config_env(c), "");
  EXPECT_EQ(c.app.rate.login_per_minute, 7);
  EXPECT_EQ(c.services.mail_from, "desk@ward.example");
  ::setenv("HOYO_RATE_LOGIN_PER_MINUTE", "many", 1);
  EXPECT_NE(daemon::apply_config_env(c), "");
  ::unsetenv("HOYO_RATE_LOGIN_PER_MINUTE");
  ::unsetenv("HOYO_MAIL_FROM");
}

TEST(Config, ThePrintedConfigurationReadsBackToTheSameValues) {
  daemon::HoyodConfig c;
  ASSERT_EQ(daemon::apply_config_json(c, R"({"websocket": {"queue_max": 99},
      "sessions": {"idle_seconds": 120, "sweep_interval_seconds": 15, "sweep_batch": 250},
      "lottery": {"algorithm": "preference_rounds"}})"),
            "");
  const std::string printed = daemon::config_json(c);
  boost::json::parse(printed);  // valid JSON
  daemon::HoyodConfig d;
  ASSERT_EQ(daemon::apply_config_json(d, printed), "");
  EXPECT_EQ(d.server.ws_queue_max, 99u);
  EXPECT_EQ(d.services.sessions.idle, 120 * domain::kMicrosPerSecond);
  EXPECT_EQ(d.services.sessions.sweep_every, std::chrono::seconds(15));
  EXPECT_EQ(d.services.sessions.sweep_batch, 250u);
  EXPECT_EQ(d.app.lottery_algorithm, "preference_rounds");
  EXPECT_EQ(daemon::config_json(d), printed);
}

// docs/rules.md lists every rule with its setting: each `section.key` that
// --print-config prints must appear there (as `section.key`, in backticks),
// so a new setting cannot be added without its documentation, and every
// `section.key` it names must be a setting, so a renamed one cannot linger.
TEST(Config, EverySettingIsDocumentedInTheRulesPage) {
  std::ifstream in(std::string(HOYO_SOURCE_DIR) + "/docs/rules.md");
  ASSERT_TRUE(in) << "docs/rules.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const boost::json::value printed = boost::json::parse(daemon::config_json(daemon::HoyodConfig{}));
  std::set<std::string> known;
  for (const auto& [section, keys] : printed.as_object()) {
    for (const auto& [key, value] : keys.as_object()) {
      const std::string name = std::string(section) + "." + std::string(key);
      EXPECT_NE(doc.find("`" + name + "`"), std::string::npos)
          << name << " is not in docs/rules.md";
      known.insert(name);
    }
  }
  EXPECT_GT(known.size(), 50u);
  std::string sections;
  for (const auto& [section, keys] : printed.as_object()) {
    sections += (sections.empty() ? "" : "|") + std::string(section);
  }
  const std::regex named("`((" + sections + R"()\.[a-z0-9_]+)`)");
  int named_count = 0;
  for (std::sregex_iterator it(doc.begin(), doc.end(), named), end; it != end; ++it) {
    EXPECT_TRUE(known.count((*it)[1].str())) << (*it)[1].str() << " in docs/rules.md is no setting";
    ++named_count;
  }
  EXPECT_GE(named_count, static_cast<int>(known.size()));
}

}  // namespace
}  // namespace hoyo::http
