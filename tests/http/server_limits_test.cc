// What a hostile client cannot do to the server, tested over real sockets:
// an upgrade that announces a body is refused before any is read (Beast would
// reserve the whole declared length), bodies are held within per-source and
// total budgets checked at header time, connections within a server-wide cap,
// a handler that throws costs its own connection only, TLS 1.2 offers no CBC
// suites, X-Min-Position past the head answers at once, and a stop under
// keep-alive load ends promptly.
#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/http/server_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class ServerLimits : public ServerFixture {};

// A bare server's configuration: one thread, a free port on 127.0.0.1.
ServerConfig one_thread_on_loopback() {
  ServerConfig c;
  c.host = "127.0.0.1";
  c.port = 0;
  c.threads = 1;
  return c;
}

TEST_F(ServerLimits, AnUpgradeThatAnnouncesABodyIsRefusedBeforeItIsRead) {
  start();
  const std::string upgrade =
      "GET /api/vacancy/live HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  const std::string huge = raw(upgrade + "Content-Length: 1000000000000000\r\n\r\nx");
  EXPECT_EQ(huge.substr(0, 12), "HTTP/1.1 400") << huge;
  EXPECT_NE(huge.find("an upgrade carries no body"), std::string::npos);
  const std::string chunked = raw(upgrade + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
  EXPECT_EQ(chunked.substr(0, 12), "HTTP/1.1 400") << chunked;
  // The server lives, and an upgrade without a body still works.
  const std::string plain = raw(upgrade + "\r\n", 500ms);
  EXPECT_EQ(plain.substr(0, 12), "HTTP/1.1 101") << plain;
}

TEST_F(ServerLimits, BodiesAreHeldWithinTheirBudgetsCheckedBeforeTheyAreRead) {
  ServerConfig c;
  c.body_budget_per_source = 3 * 1024 * 1024;
  c.body_budget_total = 5 * 1024 * 1024;
  start(c);
  // Two uploads announce 2 MiB each and send nothing more: the first holds
  // its 2 MiB, the second would pass the source's 3 MiB and is refused at once.
  const std::string head =
      "POST /api/registrations HTTP/1.1\r\nHost: x\r\nX-Requested-With: t\r\n"
      "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 2097152\r\n\r\n";
  asio::io_context io;
  beast::tcp_stream first(io);
  first.connect(endpoint());
  asio::write(first.socket(), asio::buffer(head));
  ASSERT_TRUE(eventually([&] { return server_->stats().body_bytes.load() == 2097152; }));
  const std::string second = raw(head);
  EXPECT_EQ(second.substr(0, 12), "HTTP/1.1 429") << second;
  EXPECT_NE(second.find("Retry-After: 1"), std::string::npos);
  EXPECT_EQ(server_->stats().refused_body.load(), 1u);
  // Closing the first gives its budget back.
  first.close();
  ASSERT_TRUE(eventually([&] { return server_->stats().body_bytes.load() == 0; }));
  const std::string third =
      raw("POST /api/registrations HTTP/1.1\r\nHost: x\r\nX-Requested-With: t\r\n"
          "Content-Type: multipart/form-data; boundary=b\r\nConnection: close\r\n"
          "Content-Length: 7\r\n\r\n--b--\r\n");
  EXPECT_EQ(third.find("HTTP/1.1 429"), std::string::npos) << third.substr(0, 200);
}

TEST_F(ServerLimits, TheServerWideConnectionCapAnswers503) {
  ServerConfig c;
  c.max_connections = 3;
  start(c);
  asio::io_context io;
  std::vector<std::unique_ptr<beast::tcp_stream>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<beast::tcp_stream>(io));
    held.back()->connect(endpoint());
  }
  ASSERT_TRUE(eventually([&] { return server_->stats().connections.load() == 3; }));
  const std::string refused = raw("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(refused.substr(0, 12), "HTTP/1.1 503") << refused;
  EXPECT_NE(refused.find("\"code\":\"unavailable\""), std::string::npos);
  EXPECT_EQ(server_->stats().refused_total.load(), 1u);
  held.clear();
  std::string ok;
  ASSERT_TRUE(eventually([&] {
    ok = raw("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    return ok.substr(0, 12) == "HTTP/1.1 200";
  }));
}

TEST_F(ServerLimits, APositionPastTheHeadAnswersAtOnce) {
  start();
  const std::string answer =
      raw("GET /api/facilities HTTP/1.1\r\nHost: x\r\nX-Min-Position: 99999999\r\nConnection: "
          "close\r\n\r\n");
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 409") << answer;
  EXPECT_NE(answer.find("\"code\":\"position_ahead\""), std::string::npos);
}

// A handler that throws on the connection's thread (a bug, or memory running
// out) costs that connection, never the server.
TEST(ServerFailures, AThrowingHandlerCostsItsOwnConnectionOnly) {
  ServerConfig c = one_thread_on_loopback();
  Server server(c, [](const Request& req, Reply reply) {
    if (req.target() == "/boom") throw std::bad_alloc();
    Response res{bhttp::status::ok, req.version()};
    res.body() = "fine";
    res.prepare_payload();
    reply(std::move(res));
  });
  server.start();
  const tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), server.port()};
  auto ask = [&](const std::string& target) {
    asio::io_context io;
    beast::tcp_stream s(io);
    s.connect(ep);
    const std::string text = "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
    asio::write(s.socket(), asio::buffer(text));
    s.expires_after(3s);
    std::string out;
    char buf[1024];
    beast::error_code ec;
    for (;;) {
      const std::size_t n = s.read_some(asio::buffer(buf), ec);
      out.append(buf, n);
      if (ec || out.find("fine") != std::string::npos) break;
    }
    return out;
  };
  EXPECT_EQ(ask("/boom"), "");  // dropped
  EXPECT_NE(ask("/ok").find("fine"), std::string::npos);
  EXPECT_EQ(ask("/boom"), "");
  EXPECT_NE(ask("/ok").find("fine"), std::string::npos);
  EXPECT_EQ(server.stats().io_failures.load(), 2u);
  server.stop();
}

// An answer that comes after the server stopped (a pool's job finishing
// late) touches nothing of the server: not its io_context, not its counters,
// not the connection it was for. Before the reply gate, the answer's closure
// held the connection, which then ended after the server (use after free).
TEST(ServerFailures, AnAnswerAfterTheServerIsGoneTouchesNothingOfIt) {
  ServerConfig c = one_thread_on_loopback();
  c.stop_grace = std::chrono::milliseconds(50);
  std::mutex mu;
  std::vector<Reply> owed;
  auto server = std::make_unique<Server>(c, [&](const Request&, Reply reply) {
    std::lock_guard lk(mu);
    owed.push_back(std::move(reply));  // answered later, by someone else
  });
  server->start();
  asio::io_context io;
  std::vector<std::unique_ptr<beast::tcp_stream>> clients;
  for (int i = 0; i < 4; ++i) {
    clients.push_back(std::make_unique<beast::tcp_stream>(io));
    clients.back()->connect({asio::ip::make_address("127.0.0.1"), server->port()});
    asio::write(clients.back()->socket(),
                asio::buffer(std::string("GET /late HTTP/1.1\r\nHost: x\r\n\r\n")));
  }
  ASSERT_TRUE(hoyo::testing::eventually([&] {
    std::lock_guard lk(mu);
    return owed.size() == 4;
  }));
  // The stop waits for answers owed (not long here), then the server goes.
  server.reset();
  clients.clear();
  std::lock_guard lk(mu);
  // Two are answered, two only dropped: neither may reach the server.
  for (int i = 0; i < 2; ++i) {
    Response res{bhttp::status::ok, 11};
    res.body() = "late";
    res.prepare_payload();
    owed[i](std::move(res));
  }
  owed.clear();
}

// A stop under keep-alive load ends: connections start no new request once
// it begins (their answers say Connection: close), so the answers owed run
// out instead of the stop waiting out its grace while clients keep asking;
// and it waits until the answers under way are written, not merely begun.
// Without the drain, eight clients that always have a request in flight held
// stop() for the whole grace (an hour here).
TEST(ServerFailures, AStopUnderKeepAliveLoadEndsWithoutWaitingOutItsGrace) {
  ServerConfig c = one_thread_on_loopback();
  c.stop_grace = std::chrono::hours(1);
  // Answers come a little later, from another thread, as the work pool's do;
  // each is larger than a socket's buffers, so a stop that ended its threads
  // while one was being written would cut it.
  const std::string big(4 * 1024 * 1024, 'x');
  asio::io_context answers;
  auto work = asio::make_work_guard(answers);
  std::thread answerer([&] { answers.run(); });
  auto server = std::make_unique<Server>(c, [&](const Request& req, Reply reply) {
    auto timer = std::make_shared<asio::steady_timer>(answers, 2ms);
    timer->async_wait([timer, &big, version = req.version(),
                       reply = std::move(reply)](beast::error_code) mutable {
      Response res{bhttp::status::ok, version};
      res.body() = big;
      res.prepare_payload();
      reply(std::move(res));
    });
  });
  server->start();
  const tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), server->port()};
  std::atomic<int> connected{0}, answered{0}, cut{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      asio::io_context io;
      beast::tcp_stream s(io);
      beast::error_code ec;
      s.connect(ep, ec);
      if (ec) return;
      ++connected;
      beast::flat_buffer b;
      for (;;) {
        bhttp::request<bhttp::empty_body> req{bhttp::verb::get, "/", 11};
        req.set(bhttp::field::host, "x");
        bhttp::write(s, req, ec);
        if (ec) return;
        bhttp::response_parser<bhttp::string_body> p;
        p.body_limit(boost::none);
        bhttp::read(s, b, p, ec);
        if (ec) {
          if (p.is_header_done()) ++cut;  // an answer begun and not finished
          return;                         // else the server closed between answers
        }
        ++answered;
        if (!p.get().keep_alive()) return;  // the last answer on this connection
      }
    });
  }
  auto end_all = [&] {
    if (server) server->stop();
    for (auto& t : clients) t.join();
    server.reset();
    work.reset();
    answerer.join();
  };
  if (!hoyo::testing::eventually([&] { return connected.load() == 8 && answered.load() > 20; })) {
    end_all();
    FAIL() << "the clients did not get going";
  }
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server->stop();
    stopped = true;
  });
  EXPECT_TRUE(hoyo::testing::eventually([&] { return stopped.load(); }));
  if (!stopped) {
    std::fflush(nullptr);
    std::_Exit(1);  // the stop is stuck: nothing else can end this test
  }
  stopper.join();
  end_all();
  EXPECT_EQ(cut.load(), 0) << "answers were cut off by the stop";
}

TEST_F(ServerLimits, TlsOffersNoCbcSuites) {
  ServerConfig c;
  c.tls_cert_file = dir_ + "/cert.pem";
  c.tls_key_file = dir_ + "/key.pem";
  write_self_signed(c.tls_cert_file, c.tls_key_file);
  start(c);
  auto handshake = [&](const char* ciphers, bool tls12_only) {
    asio::io_context io;
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_verify_mode(asio::ssl::verify_none);
    if (tls12_only) SSL_CTX_set_max_proto_version(tls.native_handle(), TLS1_2_VERSION);
    SSL_CTX_set_cipher_list(tls.native_handle(), ciphers);
    beast::ssl_stream<beast::tcp_stream> s(io, tls);
    beast::get_lowest_layer(s).connect(endpoint());
    beast::get_lowest_layer(s).expires_after(5s);
    beast::error_code ec;
    s.handshake(asio::ssl::stream_base::client, ec);
    return !ec;
  };
  // CBC suites over TLS 1.2, with ECDHE or RSA key exchange: refused.
  EXPECT_FALSE(handshake("ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384", true));
  EXPECT_FALSE(handshake("AES128-SHA:AES256-SHA:AES128-SHA256", true));
  // ECDHE with AEAD over TLS 1.2, and TLS 1.3: accepted.
  EXPECT_TRUE(handshake("ECDHE-ECDSA-AES128-GCM-SHA256", true));
  EXPECT_TRUE(handshake("ECDHE-ECDSA-CHACHA20-POLY1305", true));
  EXPECT_TRUE(handshake("DEFAULT", false));
}

}  // namespace
}  // namespace hoyo::http
