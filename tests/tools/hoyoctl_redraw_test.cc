// hoyoctl redraw tells a lottery never drawn (exit 1, a finding) from one
// that does not exist (exit 2): on a data directory by the log, through a
// server by the problem's code (404 `not_drawn` against `not_found`), and a
// server older than the redraw route (404 `not_found` for the route itself)
// is never taken for a lottery never drawn.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <thread>

#include "hoyoctl_fixture.h"

namespace hoyo::tools::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

TEST_F(HoyoctlTest, RedrawOfALotteryNeverDrawnIsAFindingAndOfAnUnknownOneBadUsage) {
  const auto never = run({"redraw", "2027-03"});
  EXPECT_EQ(never.status, 1) << never.err;
  EXPECT_EQ(never.out, "lottery 2027-03 was never drawn: there is no draw to check\n");
  const auto as_json = run({"redraw", "2027-03", "--format", "json"});
  EXPECT_EQ(as_json.status, 1);
  EXPECT_EQ(boost::json::parse(as_json.out),
            boost::json::parse(R"({"lotteryId":"2027-03","drawn":false})"));
  const auto unknown = run({"redraw", "2099-01", "--format", "json"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_EQ(unknown.err, "hoyoctl: there is no lottery 2099-01 in the log\n");
}

// A hoyod from before the redraw route: a staff login works, every other
// path is 404 `not_found` (what its router answers for a route it lacks).
class OldServer {
 public:
  OldServer() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~OldServer() {
    stop_ = true;
    asio::io_context io;
    asio::ip::tcp::socket wake(io);
    boost::system::error_code ec;
    wake.connect(acceptor_.local_endpoint(), ec);  // unblocks accept()
    thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }

 private:
  void serve() {
    while (!stop_) {
      asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stop_) continue;
      beast::flat_buffer buffer;
      bhttp::request<bhttp::string_body> req;
      bhttp::read(socket, buffer, req, ec);
      if (ec) continue;
      bhttp::response<bhttp::string_body> res{bhttp::status::not_found, req.version()};
      res.set(bhttp::field::content_type, "application/problem+json");
      res.body() =
          R"({"status":404,"code":"not_found","title":"Not found","detail":"No such resource."})";
      if (req.target() == "/api/operator/session") {
        res.result(bhttp::status::ok);
        res.set(bhttp::field::content_type, "application/json");
        res.set(bhttp::field::set_cookie, "hoyo_staff=s; Path=/; HttpOnly");
        res.body() = "{}";
      }
      res.keep_alive(false);
      res.prepare_payload();
      bhttp::write(socket, res, ec);
      socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    }
  }
  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(HoyoctlTest, AServerWithoutTheRedrawRouteIsNotALotteryNeverDrawn) {
  OldServer old;
  const auto r =
      bare({"redraw", "2027-03", "--server", old.url(), "--staff", "kansa01"}, "password\n");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("there is no lottery 2027-03 on the server (or the server, older than this "
                       "hoyoctl, has no redraw route)"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace hoyo::tools::testing
