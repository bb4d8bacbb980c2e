#include "bench/hoyod_runner.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <regex>

namespace hoyo::bench {

namespace beast = boost::beast;
namespace bhttp = beast::http;

std::optional<Hoyod> start_hoyod(const std::string& dir, int threads, int cpu, std::string* error) {
  const std::string binary = executable_dir() + "/../daemon/hoyod";
  Hoyod h;
  h.process = Process::start(
      {binary, "--data-dir", dir + "/hoyod", "--listen", "127.0.0.1:0", "--threads",
       std::to_string(threads), "--config",
       std::string(HOYO_SOURCE_DIR) + "/tools/bench/hoyod-bench.json", "--demo-data"},
      cpu, dir + "/hoyod.log", error);
  if (!h.process) return std::nullopt;
  const std::string log =
      h.process->wait_for_log("\"msg\":\"listening\"", std::chrono::seconds(60));
  std::smatch m;
  if (!std::regex_search(log, m, std::regex(R"(http://127\.0\.0\.1:([0-9]+))"))) {
    *error = "hoyod did not start; see " + dir + "/hoyod.log";
    return std::nullopt;
  }
  h.port = static_cast<std::uint16_t>(std::stoi(m[1]));
  return h;
}

HttpAnswer http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body, const std::string& cookie,
                     const std::string& content_type) {
  HttpAnswer out;
  try {
    boost::asio::io_context io;
    beast::tcp_stream s(io);
    s.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set("X-Requested-With", "hoyo-bench");
    if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
    if (!body.empty()) req.set(bhttp::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    s.expires_after(std::chrono::seconds(30));
    bhttp::write(s, req);
    beast::flat_buffer b;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s, b, res);
    out.status = res.result_int();
    out.body = res.body();
    const std::string c(res[bhttp::field::set_cookie]);
    out.cookie = c.substr(0, c.find(';'));
    out.position = std::string(res["X-Log-Position"]);
  } catch (const std::exception& e) {
    out.body = e.what();
  }
  return out;
}

}  // namespace hoyo::bench
