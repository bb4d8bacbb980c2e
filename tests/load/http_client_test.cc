// The load generator's HTTP client (http_client.h): a server that accepts
// the connection but never answers (a frozen hoyod: SIGSTOP, a kernel that
// still completes the handshake) gives status 0 once the timeout passed,
// rather than a read that never ends.
#include "http_client.h"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>

namespace hoyo::load {
namespace {

namespace asio = boost::asio;

TEST(HttpClientTest, AServerThatNeverAnswersTimesOut) {
  asio::io_context io;
  // Listening, never accepting: the kernel completes the handshake.
  asio::ip::tcp::acceptor silent(io, {asio::ip::make_address("127.0.0.1"), 0});
  HttpClient http(silent.local_endpoint().port(), std::chrono::milliseconds(300));
  const Answer a = http.send({"GET", "/api/health", {}, {}, {}, 0});
  EXPECT_EQ(a.status, 0);
  EXPECT_FALSE(a.error.empty());
}

}  // namespace
}  // namespace hoyo::load
