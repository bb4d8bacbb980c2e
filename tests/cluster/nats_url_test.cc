// NATS URLs shown without their credentials, and a failed connect's error
// (what `hoyod: cannot join the cluster` prints) without the password.
#include "cluster/nats_url.h"

#include <gtest/gtest.h>

#include "cluster/connection.h"

namespace hoyo::cluster {
namespace {

TEST(NatsUrl, PasswordsAndTokensAreRedacted) {
  EXPECT_EQ(redact_nats_urls("nats://user:pass@h:4222"), "nats://user:***@h:4222");
  EXPECT_EQ(redact_nats_urls("nats://tok3n@h:4222"), "nats://***@h:4222");
  EXPECT_EQ(redact_nats_urls("nats://h:4222"), "nats://h:4222");
  EXPECT_EQ(redact_nats_urls("tls://a:b@h1:4222,nats://h2:4222,nats://c:d@e@h3:4222/x"),
            "tls://a:***@h1:4222,nats://h2:4222,nats://c:***@h3:4222/x");
  EXPECT_EQ(redact_nats_urls("u:p@h:4222"), "u:***@h:4222");              // no scheme
  EXPECT_EQ(redact_nats_urls("nats://h:4222/p@q"), "nats://h:4222/p@q");  // '@' past the host
  EXPECT_EQ(redact_nats_urls(""), "");
}

TEST(NatsUrl, AFailedConnectNamesTheServersWithoutThePassword) {
  ConnectionOptions o;
  o.urls = "nats://hoyo-node:s3cret-Pw@127.0.0.1:1,nats://t0ken-xyz@127.0.0.1:2";
  o.request_timeout = std::chrono::milliseconds(200);
  auto c = Connection::open(o);
  ASSERT_FALSE(c.ok());
  const std::string text = c.status().to_string();
  EXPECT_EQ(text.find("s3cret-Pw"), std::string::npos) << text;
  EXPECT_EQ(text.find("t0ken-xyz"), std::string::npos) << text;
  EXPECT_NE(text.find("nats://hoyo-node:***@127.0.0.1:1"), std::string::npos) << text;
}

}  // namespace
}  // namespace hoyo::cluster
