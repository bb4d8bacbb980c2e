// The client's address behind a trusted reverse proxy: X-Forwarded-For read
// only from a trusted peer, its rightmost untrusted entry believed, anything
// malformed ignored; the login rate limit counts forwarded clients apart
// over real sockets, and a proxy's connections are not capped per source.
#include "http/server/trusted_proxies.h"
#include "tests/http/server_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

TrustedProxies proxies(std::string_view list) {
  auto p = TrustedProxies::parse(list);
  EXPECT_TRUE(p.has_value()) << list;
  return p.value_or(TrustedProxies{});
}

TEST(TrustedProxies, ParsesAddressesAndPrefixesAndRefusesTheRest) {
  const TrustedProxies p = proxies("10.1.2.3, 192.168.0.0/16 fd00::/8,::1");
  EXPECT_TRUE(p.trusts("10.1.2.3"));
  EXPECT_FALSE(p.trusts("10.1.2.4"));
  EXPECT_TRUE(p.trusts("192.168.200.7"));
  EXPECT_FALSE(p.trusts("192.169.0.1"));
  EXPECT_TRUE(p.trusts("fd12::5"));
  EXPECT_TRUE(p.trusts("::1"));
  EXPECT_FALSE(p.trusts("fe80::1"));
  EXPECT_TRUE(p.trusts("::ffff:10.1.2.3"));  // IPv4-mapped is the IPv4 address
  EXPECT_FALSE(p.trusts("garbage"));
  EXPECT_TRUE(proxies("").empty());
  for (const char* bad :
       {"10.0.0.300", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "proxy.local", "fd00::/129"}) {
    std::string named;
    EXPECT_FALSE(TrustedProxies::parse(std::string("127.0.0.1,") + bad, &named)) << bad;
    EXPECT_EQ(named, bad);
  }
}

TEST(TrustedProxies, TheClientIsTheRightmostEntryThatIsNoProxy) {
  const TrustedProxies p = proxies("127.0.0.1,10.0.0.0/8");
  // Untrusted peer, or no proxies at all: the header is ignored.
  EXPECT_EQ(client_address(p, "203.0.113.9", "198.51.100.1"), "203.0.113.9");
  EXPECT_EQ(client_address(proxies(""), "127.0.0.1", "198.51.100.1"), "127.0.0.1");
  EXPECT_EQ(client_address(p, "127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(client_address(p, "127.0.0.1", "198.51.100.1"), "198.51.100.1");
  // The leftmost entries are the client's to write: the proxy's own append wins.
  EXPECT_EQ(client_address(p, "127.0.0.1", "1.2.3.4, 198.51.100.1"), "198.51.100.1");
  // Proxies in a chain are skipped, from the right.
  EXPECT_EQ(client_address(p, "127.0.0.1", "1.2.3.4,198.51.100.1 , 10.0.0.2"), "198.51.100.1");
  EXPECT_EQ(client_address(p, "127.0.0.1", "2001:db8::7"), "2001:db8::7");
  EXPECT_EQ(client_address(p, "127.0.0.1", "::ffff:198.51.100.4"), "198.51.100.4");
  // Every entry a proxy: the peer.
  EXPECT_EQ(client_address(p, "127.0.0.1", "10.0.0.2"), "127.0.0.1");
  // Malformed: the peer, whatever else the value holds.
  for (const std::string& bad : std::vector<std::string>{
           "unknown", "198.51.100.1, nonsense", "198.51.100.1,", ",198.51.100.1",
           "198.51.100.1:443", "[2001:db8::1]", "198.51.100.1\"x", std::string(2000, '1')}) {
    EXPECT_EQ(client_address(p, "127.0.0.1", bad), "127.0.0.1") << bad;
  }
  std::string many;
  for (int i = 0; i < 17; ++i)
    many += (i ? "," : "") + std::string("198.51.100.") + std::to_string(i);
  EXPECT_EQ(client_address(p, "127.0.0.1", many), "127.0.0.1");
  many = many.substr(0, many.rfind(','));  // 16 entries are read
  EXPECT_EQ(client_address(p, "127.0.0.1", many), "198.51.100.15");
}

class TrustedProxyServer : public ServerFixture {
 protected:
  // A failed login over a socket from 127.0.0.1, with an X-Forwarded-For
  // field for each of `xff` ("" none).
  std::string login_code(const std::string& xff, const std::string& second = {}) {
    Request r{bhttp::verb::post, "/api/session", 11};
    r.set("X-Requested-With", "t");
    r.set(bhttp::field::content_type, "application/json");
    if (!xff.empty()) r.insert("X-Forwarded-For", xff);
    if (!second.empty()) r.insert("X-Forwarded-For", second);
    r.body() = R"({"userNumber":"10000012","password":"wrong-wrong"})";
    const Response res = http(r);
    return res.result() == bhttp::status::unauthorized ? "unauthorized" : code(res);
  }
};

TEST_F(TrustedProxyServer, ForwardedClientsBehindATrustedProxyHaveBudgetsOfTheirOwn) {
  ctx_.config.rate.login_per_minute = 2;
  ServerConfig c;
  c.trusted_proxies = "127.0.0.1";
  start(c);
  EXPECT_EQ(login_code("198.51.100.1"), "unauthorized");
  EXPECT_EQ(login_code("198.51.100.1"), "unauthorized");
  EXPECT_EQ(login_code("198.51.100.1"), "rate_limited");
  // Another client through the same proxy is counted apart.
  EXPECT_EQ(login_code("198.51.100.2"), "unauthorized");
  // A leftmost entry the client wrote changes nothing: still .1.
  EXPECT_EQ(login_code("198.51.100.2, 198.51.100.1"), "rate_limited");
  // Nor does a field of its own before the one the proxy added.
  EXPECT_EQ(login_code("198.51.100.2", "198.51.100.1"), "rate_limited");
  // Garbage falls back to the peer (the proxy's own budget), never trusted.
  EXPECT_EQ(login_code("nonsense"), "unauthorized");
  EXPECT_EQ(login_code("198.51.100.3, ???"), "unauthorized");
  EXPECT_EQ(login_code(""), "rate_limited");
  EXPECT_EQ(login_code("198.51.100.3"), "unauthorized");
}

TEST_F(TrustedProxyServer, TheHeaderFromAnUntrustedPeerIsIgnored) {
  ctx_.config.rate.login_per_minute = 2;
  ServerConfig c;
  c.trusted_proxies = "10.0.0.1";  // not the test's 127.0.0.1
  start(c);
  EXPECT_EQ(login_code("198.51.100.1"), "unauthorized");
  EXPECT_EQ(login_code("198.51.100.2"), "unauthorized");
  EXPECT_EQ(login_code("198.51.100.3"), "rate_limited");  // all are 127.0.0.1
}

TEST_F(TrustedProxyServer, ATrustedProxysConnectionsAreNotCappedPerSource) {
  // Opens three connections from 127.0.0.1 and holds them until the server
  // has admitted or refused each; true when all three were admitted.
  auto three_admitted = [&] {
    asio::io_context io;
    std::vector<std::unique_ptr<beast::tcp_stream>> held;
    for (int i = 0; i < 3; ++i) {
      held.push_back(std::make_unique<beast::tcp_stream>(io));
      held.back()->connect(endpoint());
    }
    const ServerStats& st = server_->stats();
    EXPECT_TRUE(eventually([&] { return st.connections + st.refused_source == 3; }));
    return st.connections == 3 && st.refused_source == 0;
  };
  ServerConfig c;
  c.max_connections_per_source = 2;
  c.trusted_proxies = "127.0.0.0/8";
  start(c);
  EXPECT_TRUE(three_admitted());
  hub_->stop();
  server_->stop();
  c.trusted_proxies = "";
  start(c);
  EXPECT_FALSE(three_admitted());  // the same connections, untrusted: one is refused
}

}  // namespace
}  // namespace hoyo::http
