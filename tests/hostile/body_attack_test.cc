// Bodies that lie: a Content-Length of a petabyte on every kind of route
// (refused from the header, before any body is read), a Content-Length larger
// than what is sent followed by silence (cut by the read timeout, and held
// against the per-source body budget meanwhile), and chunked bodies that
// never end (cut at the route's limit, or by the read timeout when slow).
#include <thread>

#include "hostile_fixture.h"
#include "ws_probe.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;
using Headers = std::vector<std::pair<std::string, std::string>>;

const Headers kWrite = {{"X-Requested-With", "t"}, {"Content-Type", "application/json"}};
const Headers kUpload = {{"X-Requested-With", "t"},
                         {"Content-Type", "multipart/form-data; boundary=b"}};

// One route of each kind the server limits differently.
struct Route {
  const char* what;
  std::string method;
  std::string target;
  Headers headers;
};

std::vector<Route> route_kinds() {
  return {{"a public GET", "GET", "/api/facilities", {}},
          {"a user POST", "POST", "/api/reservations", kWrite},
          {"an operator POST", "POST", "/api/operator/lotteries", kWrite},
          {"the registration upload", "POST", "/api/registrations", kUpload}};
}

std::string head_of(const Route& r, const std::string& framing) {
  std::string out = r.method + " " + r.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : r.headers) out += k + ": " + v + "\r\n";
  return out + framing + "\r\n";
}

std::string chunk(std::size_t n) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", n);
  return size + std::string(n, 'c') + "\r\n";
}

class BodyAttacks : public HostileTest {};

TEST_F(BodyAttacks, APetabyteContentLengthIsRefusedFromTheHeaderOnEveryRouteKind) {
  for (const Route& r : route_kinds()) {
    SCOPED_TRACE(r.what);
    Socket s = attacker();
    const HttpAnswer a =
        send_and_read(s, head_of(r, "Content-Length: 1000000000000000\r\n") + "x", in(3s));
    EXPECT_EQ(a.status, 413) << a.describe();
    EXPECT_EQ(a.code(), "payload_too_large") << a.describe();
    EXPECT_LT(a.elapsed, 1000ms) << a.describe();
    expect_normal_client_served(std::string("a petabyte Content-Length on ") + r.what);
  }
  {
    SCOPED_TRACE("the WebSocket upgrade");
    Socket s = attacker();
    const HttpAnswer a =
        send_and_read(s, upgrade_request("Content-Length: 1000000000000000\r\n") + "x", in(3s));
    EXPECT_EQ(a.status, 400) << a.describe();
    EXPECT_EQ(a.code(), "malformed") << a.describe();
    expect_normal_client_served("a petabyte Content-Length on the WebSocket upgrade");
  }
}

TEST_F(BodyAttacks, ContentLengthsBeastCannotTrustAreMalformed) {
  const std::pair<const char*, std::string> cases[] = {
      {"a length past 2^64", "Content-Length: 99999999999999999999999\r\n"},
      {"two lengths", "Content-Length: 5\r\nContent-Length: 6\r\n"},
      {"a negative length", "Content-Length: -1\r\n"},
      {"a length and chunked", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"},
  };
  const Route post = route_kinds()[1];
  for (const auto& [what, framing] : cases) {
    SCOPED_TRACE(what);
    Socket s = attacker();
    const HttpAnswer a = send_and_read(s, head_of(post, framing) + "hello", in(3s));
    EXPECT_EQ(a.status, 400) << a.describe();
    EXPECT_EQ(a.code(), "malformed") << a.describe();
  }
  Socket s = attacker();
  const HttpAnswer up =
      send_and_read(s, upgrade_request("Transfer-Encoding: chunked\r\n") + chunk(3), in(3s));
  EXPECT_EQ(up.status, 400) << up.describe();
  expect_normal_client_served("malformed Content-Lengths");
}

TEST_F(BodyAttacks, ALyingContentLengthIsCutByTheReadTimeoutAndHeldAgainstTheBudget) {
  // Every route kind announces more than it sends, then falls silent; all at once.
  std::vector<Socket> liars;
  std::vector<Route> routes = route_kinds();
  for (const Route& r : routes) {
    const std::string length = r.target == "/api/registrations" ? "10485760" : "60000";
    liars.push_back(attacker());
    ASSERT_TRUE(liars.back().send_all(
        head_of(r, "Content-Length: " + length + "\r\n") + std::string(100, 'x'), in(2s)));
  }
  const auto t0 = Clock::now();
  // Two 10 MiB uploads in flight fill most of the 24 MiB a source may hold:
  // a third is refused from its header.
  Socket second = attacker();
  ASSERT_TRUE(second.send_all(head_of(routes[3], "Content-Length: 10485760\r\n") + "--b", in(2s)));
  std::this_thread::sleep_for(100ms);
  const HttpAnswer third =
      send_and_read(liars.emplace_back(attacker()),
                    head_of(routes[3], "Content-Length: 10485760\r\n") + "--b", in(2s));
  EXPECT_EQ(third.status, 429) << third.describe();
  EXPECT_EQ(third.code(), "rate_limited") << third.describe();
  EXPECT_EQ(third.header("Retry-After"), "1") << third.describe();
  liars.pop_back();
  // Meanwhile the normal client is served.
  expect_normal_client_served("lying Content-Lengths, while they wait");
  liars.push_back(std::move(second));
  for (std::size_t i = 0; i < liars.size(); ++i) {
    SCOPED_TRACE("liar " + std::to_string(i));
    const HttpAnswer a = read_to_end(liars[i], t0 + 6s);
    EXPECT_NE(a.end, End::kOpen) << "not closed: " << a.describe();
    EXPECT_EQ(a.raw, "") << "the server answered a body that never came";
    EXPECT_LT(Clock::now() - t0, 4500ms);
  }
  // The budget is given back: an honest upload gets to the route again.
  const HttpAnswer after = send_and_read(
      liars.emplace_back(attacker()), head_of(routes[3], "Content-Length: 4\r\n") + "--b-", in(3s));
  EXPECT_EQ(after.status, 400) << after.describe();  // not multipart, but not refused
  expect_normal_client_served("lying Content-Lengths");
}

TEST_F(BodyAttacks, AChunkedBodyWithoutEndIsCutAtTheRouteLimit) {
  for (const Route& r : route_kinds()) {
    SCOPED_TRACE(r.what);
    Socket s = attacker();
    bool head_sent = false;
    std::size_t sent = 0;
    const HttpAnswer a = pump(
        s,
        [&]() -> std::string {
          if (!head_sent) {
            head_sent = true;
            return head_of(r, "Transfer-Encoding: chunked\r\n");
          }
          sent += 16 * 1024;
          return chunk(16 * 1024);  // never the last chunk
        },
        in(20s));
    EXPECT_EQ(a.status, 413) << a.describe();
    EXPECT_EQ(a.code(), "payload_too_large") << a.describe();
    const std::size_t limit =
        r.target == "/api/registrations" ? 10 * 1024 * 1024 + 64 * 1024 : 64 * 1024;
    EXPECT_GE(sent, limit);
    expect_normal_client_served(std::string("an endless chunked body on ") + r.what);
  }
}

TEST_F(BodyAttacks, ASlowEndlessChunkedBodyIsCutByTheReadTimeout) {
  std::vector<Socket> slow;
  for (const Route& r : route_kinds()) {
    slow.push_back(attacker());
    ASSERT_TRUE(slow.back().send_all(head_of(r, "Transfer-Encoding: chunked\r\n"), in(1s)));
  }
  const auto t0 = Clock::now();
  std::vector<End> ends(slow.size(), End::kOpen);
  std::vector<std::string> got(slow.size());
  while (Clock::now() - t0 < 6s) {
    bool open = false;
    for (std::size_t i = 0; i < slow.size(); ++i) {
      if (ends[i] != End::kOpen) continue;
      if (slow[i].send_some(chunk(1)) < 0) ends[i] = End::kReset;
      if (ends[i] == End::kOpen) ends[i] = slow[i].read_available(got[i], 0ms);
      open = open || ends[i] == End::kOpen;
    }
    if (!open) break;
    std::this_thread::sleep_for(300ms);
  }
  const auto took = Clock::now() - t0;
  for (std::size_t i = 0; i < slow.size(); ++i) {
    EXPECT_NE(ends[i], End::kOpen) << route_kinds()[i].what << " still open";
    EXPECT_EQ(got[i], "") << route_kinds()[i].what;
  }
  EXPECT_LT(took, 4500ms);
  expect_normal_client_served("slow endless chunked bodies");
}

}  // namespace
}  // namespace hoyo::hostile
