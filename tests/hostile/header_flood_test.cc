// Header floods: thousands of small header lines, one giant header line, a
// giant request target, twenty of them at once. Past the 8 KiB header limit
// the answer is 431 header_too_large, given while the flood is still being
// sent; under it, a request of many tiny headers is served.
#include "hostile_fixture.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;

class HeaderFloods : public HostileTest {};

std::string many_headers(int n) {
  std::string out = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < n; ++i) out += "X-F" + std::to_string(i) + ": v\r\n";
  return out + "\r\n";
}

TEST_F(HeaderFloods, ThousandsOfSmallHeaderLinesGet431) {
  Socket s = attacker();
  const HttpAnswer a = send_and_read(s, many_headers(20000), in(5s));
  EXPECT_EQ(a.status, 431) << a.describe();
  EXPECT_EQ(a.code(), "header_too_large") << a.describe();
  expect_normal_client_served("twenty thousand header lines");
  // Under the limit, many tiny lines are only a request.
  Socket t = attacker();
  const HttpAnswer ok = send_and_read(t, many_headers(600), in(5s));
  EXPECT_EQ(ok.status, 200) << ok.describe();
}

TEST_F(HeaderFloods, OneGiantHeaderOrTargetGets431WhileStillBeingSent) {
  const std::pair<const char*, std::string> floods[] = {
      {"a 4 MiB header line", "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Giant: " +
                                  std::string(4 << 20, 'g') + "\r\n\r\n"},
      {"a 4 MiB target",
       "GET /api/health?" + std::string(4 << 20, 't') + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
      {"a 4 MiB header name", "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                                  std::string(4 << 20, 'n') + ": v\r\n\r\n"},
  };
  for (const auto& [what, bytes] : floods) {
    SCOPED_TRACE(what);
    Socket s = attacker();
    const HttpAnswer a = send_and_read(s, bytes, in(5s));
    EXPECT_EQ(a.status, 431) << a.describe();
    EXPECT_EQ(a.code(), "header_too_large") << a.describe();
    EXPECT_LT(a.elapsed, 1000ms) << a.describe();
    expect_normal_client_served(what);
  }
}

TEST_F(HeaderFloods, TwentyFloodsAtOnceAllGet431) {
  std::vector<Socket> sockets;
  std::vector<std::string> requests;
  for (int i = 0; i < 20; ++i) {
    sockets.push_back(attacker());
    requests.push_back(i % 2 ? many_headers(5000)
                             : "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Giant: " +
                                   std::string(1 << 20, 'g') + "\r\n\r\n");
  }
  const auto answers = exchange_all(sockets, requests, in(5s));
  for (std::size_t i = 0; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i].status, 431) << i << ": " << answers[i].describe();
  }
  expect_normal_client_served("twenty header floods at once");
}

}  // namespace
}  // namespace hoyo::hostile
