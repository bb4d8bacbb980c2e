// The server over real sockets on loopback: body limits per route enforced
// before the body is read, slow clients dropped, the per-source connection
// cap, oversized headers, TLS with HSTS and __Host- cookies, and live vacancy
// over WebSocket (a booking by one client reaches another's socket; catch-up
// from a position; a subscriber that cannot keep up is dropped).
#include "http/server/server.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdio>
#include <thread>

#include "http/live/live_hub.h"
#include "tests/http/server_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class ServerTest : public ServerFixture {};

TEST_F(ServerTest, AnOversizedBodyIsRefusedBeforeItIsSentAndUploadsGetTheirOwnLimit) {
  start();
  // Only the header is sent: the 413 comes without waiting for the body.
  const std::string answer =
      raw("POST /api/session HTTP/1.1\r\nHost: x\r\nX-Requested-With: t\r\n"
          "Content-Length: 104857600\r\n\r\n",
          2000ms);
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 413") << answer;
  EXPECT_NE(answer.find("payload_too_large"), std::string::npos);
  // A registration upload may be larger than 64 KiB: it gets to the route,
  // which finds it is not multipart.
  Request big{bhttp::verb::post, "/api/registrations", 11};
  big.set("X-Requested-With", "t");
  big.set(bhttp::field::content_type, "multipart/form-data; boundary=b");
  big.body() = std::string(1024 * 1024, 'x');
  Response r = http(big);
  EXPECT_EQ(r.result(), bhttp::status::bad_request) << r.body();
  // A chunked body is cut off at the limit while streaming.
  const std::string chunk(70 * 1024, 'y');
  char size[16];
  std::snprintf(size, sizeof size, "%zx", chunk.size());
  const std::string chunked =
      raw("POST /api/session HTTP/1.1\r\nHost: x\r\nX-Requested-With: t\r\n"
          "Transfer-Encoding: chunked\r\n\r\n" +
          std::string(size) + "\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.substr(0, 12), "HTTP/1.1 413") << chunked.substr(0, 200);
}

TEST_F(ServerTest, HeadersOverTheLimitAndGarbageAreRefused) {
  start();
  const std::string big = raw(
      "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(16 * 1024, 'a') + "\r\n\r\n");
  EXPECT_EQ(big.substr(0, 12), "HTTP/1.1 431") << big.substr(0, 100);
  const std::string garbage = raw("HELLO\r\n\r\n");
  EXPECT_EQ(garbage.substr(0, 12), "HTTP/1.1 400") << garbage;
}

TEST_F(ServerTest, ASlowClientIsDropped) {
  ServerConfig c;
  c.read_timeout = 1s;
  c.idle_timeout = 1s;
  start(c);
  const auto t0 = std::chrono::steady_clock::now();
  // Half a request line, then silence: the server closes within its timeout.
  const std::string answer = raw("GET /api/health HTTP/1.1\r\nHo", 5000ms);
  const auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(answer, "");
  EXPECT_LT(waited, 4000ms);
  // Beast's timer closes the socket before the read handler (which counts the
  // timeout) runs on the server's thread: the client may see the close first.
  EXPECT_TRUE(eventually([&] { return server_->stats().timeouts.load() >= 1; }));
}

TEST_F(ServerTest, ConnectionsFromOneSourceAreCapped) {
  ServerConfig c;
  c.max_connections_per_source = 3;
  start(c);
  asio::io_context io;
  std::vector<std::unique_ptr<beast::tcp_stream>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<beast::tcp_stream>(io));
    held.back()->connect(endpoint());
  }
  // Wait until the server counted the three.
  ASSERT_TRUE(eventually([&] { return server_->stats().connections.load() == 3; }));
  const std::string refused = raw("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(refused.substr(0, 12), "HTTP/1.1 429") << refused;
  EXPECT_NE(refused.find("Retry-After: 1"), std::string::npos);
  EXPECT_EQ(server_->stats().refused_source.load(), 1u);
  held.clear();  // closing them frees the source's slots
  std::string ok;
  EXPECT_TRUE(eventually([&] {
    ok = raw("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    return ok.substr(0, 12) == "HTTP/1.1 200";
  })) << ok;
}

TEST_F(ServerTest, TlsServesHstsAndHostPrefixedSecureCookies) {
  ServerConfig c;
  c.tls_cert_file = dir_ + "/cert.pem";
  c.tls_key_file = dir_ + "/key.pem";
  write_self_signed(c.tls_cert_file, c.tls_key_file);
  start(c);
  ASSERT_TRUE(server_->tls());
  asio::io_context io;
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_verify_mode(asio::ssl::verify_none);  // self-signed, for the test
  beast::ssl_stream<beast::tcp_stream> s(io, tls);
  beast::get_lowest_layer(s).connect(endpoint());
  s.handshake(asio::ssl::stream_base::client);
  Request login{bhttp::verb::post, "/api/session", 11};
  login.set(bhttp::field::host, "127.0.0.1");
  login.set("X-Requested-With", "t");
  login.body() = R"({"userNumber":"10000012","password":"demo-hanako-2026"})";
  login.prepare_payload();
  bhttp::write(s, login);
  beast::flat_buffer b;
  Response res;
  bhttp::read(s, b, res);
  ASSERT_EQ(res.result(), bhttp::status::ok) << res.body();
  EXPECT_EQ(res["Strict-Transport-Security"], "max-age=31536000");
  const std::string cookie(res[bhttp::field::set_cookie]);
  EXPECT_EQ(cookie.rfind("__Host-hoyo_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  // The cookie opens the session over the same connection.
  Request me{bhttp::verb::get, "/api/me", 11};
  me.set(bhttp::field::host, "127.0.0.1");
  me.set(bhttp::field::cookie, cookie.substr(0, cookie.find(';')));
  bhttp::write(s, me);
  Response who;
  bhttp::read(s, b, who);
  EXPECT_EQ(who.result(), bhttp::status::ok) << who.body();
  // Plain HTTP on a TLS port gets nowhere.
  EXPECT_EQ(raw("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", 2000ms).find("200 OK"),
            std::string::npos);
}

// A WebSocket client that subscribes and reads messages.
class LiveClient {
 public:
  LiveClient(const tcp::endpoint& ep, const std::string& subscribe) : ws_(io_) {
    beast::get_lowest_layer(ws_).connect(ep);
    ws_.handshake("127.0.0.1", "/api/vacancy/live");
    ws_.write(asio::buffer(subscribe));
  }
  void send(const std::string& text) { ws_.write(asio::buffer(text)); }
  // The next message, or null after `wait`.
  json::value next(std::chrono::milliseconds wait = 10000ms) {
    beast::get_lowest_layer(ws_).expires_after(wait);
    beast::flat_buffer b;
    beast::error_code ec;
    ws_.read(b, ec);
    if (ec) return nullptr;
    return json::parse(beast::buffers_to_string(b.data()));
  }
  // The next vacancy message for `date`, skipping others.
  json::value vacancy_for(const std::string& date) {
    for (int i = 0; i < 200; ++i) {
      json::value m = next();
      if (m.is_null()) return m;
      if (m.at("type") == "vacancy" && m.at("date") == date.c_str()) return m;
    }
    return nullptr;
  }

 private:
  asio::io_context io_;
  websocket::stream<beast::tcp_stream> ws_;
};

TEST_F(ServerTest, ABookingReachesAnotherClientsWebSocket) {
  start();
  LiveClient watcher(endpoint(), R"({"subscribe":["seaside"]})");
  const json::value hello = watcher.next();
  ASSERT_EQ(hello.at("type").as_string(), "subscribed");
  const std::uint64_t before = hello.at("position").to_number<std::uint64_t>();

  const std::string date = day(15);
  Request book{bhttp::verb::post, "/api/reservations", 11};
  book.set("X-Requested-With", "t");
  book.set(bhttp::field::cookie, std::string(kSessionCookie) + "=" + hanako());
  book.body() = json::serialize(json::object{
      {"facilityId", "seaside"}, {"checkIn", date}, {"nights", 1}, {"people", json::array{2}}});
  Response booked = http(book);
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();

  // Bounded only to catch a missing push; the speed is the benchmark's.
  const json::value pushed = watcher.vacancy_for(date);
  ASSERT_FALSE(pushed.is_null()) << "no push within 2 s";
  EXPECT_EQ(pushed.at("facilityId").as_string(), "seaside");
  EXPECT_EQ(pushed.at("freeRooms").as_int64(), 14);
  EXPECT_EQ(pushed.at("totalRooms").as_int64(), 15);
  EXPECT_EQ(pushed.at("symbol").as_string(), "▲");
  // The booking's own position; the answer's is the group's last (its receipt).
  const std::uint64_t pushed_at = pushed.at("position").to_number<std::uint64_t>();
  EXPECT_GT(pushed_at, before);
  EXPECT_LE(pushed_at, std::stoull(position(booked)));

  // A client that was away catches up from the position it last saw.
  LiveClient late(endpoint(),
                  R"({"subscribe":["seaside","kogen"],"since":)" + std::to_string(before) + "}");
  EXPECT_EQ(late.next().at("type").as_string(), "subscribed");
  const json::value caught = late.vacancy_for(date);
  ASSERT_FALSE(caught.is_null());
  EXPECT_EQ(caught.at("freeRooms").as_int64(), 14);

  // Nonsense is answered, not fatal.
  LiveClient confused(endpoint(), R"({"subscribe":"seaside"})");
  EXPECT_EQ(confused.next().at("type").as_string(), "error");
  LiveClient lost(endpoint(), R"({"subscribe":["atlantis"]})");
  EXPECT_EQ(lost.next().at("code").as_string(), "not_found");
  // A position is a number in [0, 2^64).
  for (const char* since : {"-1", "-0.5", "1e300"}) {
    LiveClient odd(endpoint(), R"({"subscribe":["seaside"],"since":)" + std::string(since) + "}");
    EXPECT_EQ(odd.next().at("code").as_string(), "malformed") << since;
  }
}

TEST_F(ServerTest, ASubscriberThatCannotKeepUpIsDropped) {
  ServerConfig c;
  c.ws_queue_max = 16;
  c.write_timeout = 1s;
  start(c);
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws(io);
  auto& sock = beast::get_lowest_layer(ws).socket();
  sock.open(tcp::v4());
  sock.set_option(asio::socket_base::receive_buffer_size(4096));
  beast::get_lowest_layer(ws).connect(endpoint());
  ws.handshake("127.0.0.1", "/api/vacancy/live");
  ws.write(asio::buffer(std::string(R"({"subscribe":["seaside"]})")));
  ASSERT_TRUE(eventually([&] { return hub_->subscribers() == 1; }));
  // The client reads nothing while many changes are pushed.
  const domain::Date today = domain::tokyo_date(services_->clock().now());
  std::vector<domain::Date> month;
  for (int i = 0; i < 30; ++i) month.push_back(today.plus_days(i));
  for (int i = 0; i < 2000 && server_->stats().ws_dropped.load() == 0; ++i) {
    hub_->publish("seaside", month, services_->store().head());
  }
  EXPECT_TRUE(eventually([&] { return hub_->subscribers() == 0; }));
  EXPECT_EQ(server_->stats().ws_dropped.load(), 1u);
  // Its close frame waits behind a write it never takes: the connection ends
  // at the write timeout, though the client still holds its socket.
  EXPECT_TRUE(eventually([&] { return server_->stats().websockets.load() == 0; }));
}

// The HTTP request's read timeout ends with the upgrade: a WebSocket that
// keeps talking outlives it.
TEST_F(ServerTest, AWebSocketOutlivesTheRequestsReadTimeout) {
  ServerConfig c;
  c.read_timeout = 1s;
  c.idle_timeout = 1s;
  start(c);
  LiveClient client(endpoint(), R"({"subscribe":["seaside"]})");
  EXPECT_EQ(client.next().at("type").as_string(), "subscribed");
  std::this_thread::sleep_for(1500ms);
  client.send(R"({"subscribe":["kogen"]})");
  const json::value again = client.next();
  ASSERT_FALSE(again.is_null()) << "closed at the read timeout";
  EXPECT_EQ(again.at("type").as_string(), "subscribed");
}

}  // namespace
}  // namespace hoyo::http
