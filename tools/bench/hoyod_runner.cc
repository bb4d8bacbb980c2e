#include "bench/hoyod_runner.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <regex>

namespace hoyo::bench {

namespace beast = boost::beast;
namespace bhttp = beast::http;

std::string bench_config_path() {
  return std::string(HOYO_SOURCE_DIR) + "/tools/bench/hoyod-bench.json";
}

std::optional<Hoyod> start_hoyod(const HoyodOptions& o, std::string* error) {
  const std::string binary = executable_dir() + "/../daemon/hoyod";
  std::vector<std::string> argv{binary,
                                "--data-dir",
                                o.data_dir,
                                "--listen",
                                "127.0.0.1:0",
                                "--threads",
                                std::to_string(o.threads),
                                "--config",
                                o.config.empty() ? bench_config_path() : o.config,
                                "--demo-data"};
  argv.insert(argv.end(), o.args.begin(), o.args.end());
  Hoyod h;
  h.process = Process::start(argv, o.cpu, o.log, error);
  if (!h.process) return std::nullopt;
  const std::string log =
      h.process->wait_for_log("\"msg\":\"listening\"", std::chrono::seconds(60));
  std::smatch m;
  if (!std::regex_search(log, m, std::regex(R"(http://127\.0\.0\.1:([0-9]+))"))) {
    *error = "hoyod did not start; see " + o.log;
    return std::nullopt;
  }
  h.port = static_cast<std::uint16_t>(std::stoi(m[1]));
  return h;
}

std::optional<Hoyod> start_hoyod(const std::string& dir, int threads, int cpu, std::string* error) {
  HoyodOptions o;
  o.data_dir = dir + "/hoyod";
  o.log = dir + "/hoyod.log";
  o.threads = threads;
  o.cpu = cpu;
  return start_hoyod(o, error);
}

HttpAnswer http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body, const std::string& cookie,
                     const std::string& content_type,
                     const std::vector<std::pair<std::string, std::string>>& headers,
                     std::chrono::milliseconds timeout) {
  HttpAnswer out;
  try {
    boost::asio::io_context io;
    beast::tcp_stream s(io);
    s.expires_after(timeout);
    s.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.set("X-Requested-With", "hoyo-bench");
    for (const auto& [name, value] : headers) req.set(name, value);
    if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
    if (!body.empty()) req.set(bhttp::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    s.expires_after(timeout);
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
