#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>

#include "eventstore/event_store.h"
#include "http/app/api.h"
#include "http/server/server.h"
#include "temp_dir.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

class HealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
    store_ = std::move(eventstore::EventStore::open(dir_)).value();
    ctx_.store = store_.get();
  }
  void TearDown() override {
    store_.reset();
  }
  void append_one() {
    eventstore::NewEvent e;
    e.id[0] = ++counter_;
    e.type = "T";
    ASSERT_TRUE(store_->append({"s", eventstore::ExpectedVersion::any(), {e}}).ok());
  }
  ::hoyo::testing::TempDir tmp_;  // removed after everything below
  std::string dir_;
  std::unique_ptr<eventstore::EventStore> store_;
  AppContext ctx_;
  std::uint8_t counter_ = 0;
};

TEST_F(HealthTest, ReportsTheLogPositionWithoutANetwork) {
  append_one();
  append_one();
  Request req{bhttp::verb::get, "/api/health", 11};
  Response res = handle_request(req, ctx_);
  EXPECT_EQ(res.result(), bhttp::status::ok);
  EXPECT_EQ(res[bhttp::field::content_type], "application/json; charset=utf-8");
  auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body["status"].as_string(), "ok");
  EXPECT_EQ(body["position"].to_number<std::uint64_t>(), 2u);
  EXPECT_EQ(res["X-Log-Position"], "2");
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
}

TEST_F(HealthTest, UnknownPathsAndMethodsAreProblems) {
  Response missing = handle_request(Request{bhttp::verb::get, "/api/nope", 11}, ctx_);
  EXPECT_EQ(missing.result(), bhttp::status::not_found);
  EXPECT_EQ(missing[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(boost::json::parse(missing.body()).as_object()["code"].as_string(), "not_found");
  Response wrong = handle_request(Request{bhttp::verb::post, "/api/health", 11}, ctx_);
  EXPECT_EQ(wrong.result(), bhttp::status::method_not_allowed);
}

TEST_F(HealthTest, ServedOverLoopbackWithKeepAlive) {
  ServerConfig config;
  config.port = 0;
  config.threads = 2;
  Server server(config, [this](const Request& r, Reply reply) {
    handle_request_async(r, ctx_, std::move(reply));
  });
  server.start();
  boost::asio::io_context io;
  boost::beast::tcp_stream stream(io);
  stream.connect(
      boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), server.port()));
  boost::beast::flat_buffer buffer;
  for (int i = 0; i < 3; ++i) {  // three requests on one connection
    append_one();
    Request req{bhttp::verb::get, "/api/health", 11};
    req.set(bhttp::field::host, "localhost");
    bhttp::write(stream, req);
    Response res;
    bhttp::read(stream, buffer, res);
    ASSERT_EQ(res.result(), bhttp::status::ok);
    EXPECT_EQ(boost::json::parse(res.body()).as_object()["position"].to_number<int>(), i + 1);
  }
  // An oversized body is refused with 413 before the handler runs.
  Request big{bhttp::verb::post, "/api/health", 11};
  big.set(bhttp::field::host, "localhost");
  big.body() = std::string(100 * 1024, 'x');
  big.prepare_payload();
  bhttp::write(stream, big);
  Response res;
  bhttp::read(stream, buffer, res);
  EXPECT_EQ(res.result(), bhttp::status::payload_too_large);
  server.stop();
}

}  // namespace
}  // namespace hoyo::http
