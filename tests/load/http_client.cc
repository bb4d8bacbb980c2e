#include "http_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

namespace hoyo::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

struct HttpClient::Impl {
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout), impl_(std::make_unique<Impl>()) {}

HttpClient::~HttpClient() {
  if (impl_->stream) {
    beast::error_code ec;
    impl_->stream->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  }
}

Answer HttpClient::send(const Request& r) {
  bool reused = false;
  Answer a = attempt(r, reused);
  if (a.status == 0 && reused && r.method == "GET") a = attempt(r, reused);
  return a;
}

Answer HttpClient::attempt(const Request& r, bool& reused) {
  Answer out;
  Impl& c = *impl_;
  reused = c.stream.has_value();
  try {
    // Asynchronous operations run to completion here: the stream's expiry
    // applies to them only (a blocking read of a frozen server never ends).
    beast::error_code ec;
    auto finish = [&] {
      c.io.restart();
      c.io.run();
      if (ec) throw beast::system_error(ec);
    };
    auto done = [&ec](beast::error_code e, auto&&...) { ec = e; };
    if (!c.stream) {
      c.stream.emplace(c.io);
      c.buffer.clear();
      c.stream->expires_after(timeout_);
      c.stream->async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_),
                              [&ec](beast::error_code e) { ec = e; });
      finish();
    }
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(r.method), r.target, 11};
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    req.set("X-Requested-With", "hoyo-load");
    req.keep_alive(true);
    if (!r.cookie.empty()) req.set(bhttp::field::cookie, r.cookie);
    if (!r.idempotency_key.empty()) req.set("Idempotency-Key", r.idempotency_key);
    if (r.min_position) req.set("X-Min-Position", std::to_string(r.min_position));
    if (!r.authorization.empty()) req.set("Authorization", r.authorization);
    if (!r.body.empty()) {
      req.set(bhttp::field::content_type,
              r.content_type.empty() ? std::string("application/json") : r.content_type);
    }
    req.body() = r.body;
    req.prepare_payload();
    c.stream->expires_after(timeout_);
    bhttp::async_write(*c.stream, req, done);
    finish();
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64u << 20);
    c.stream->expires_after(timeout_);
    bhttp::async_read(*c.stream, c.buffer, parser, done);
    finish();
    auto& res = parser.get();
    out.status = res.result_int();
    out.body = std::move(res.body());
    if (auto it = res.find("X-Log-Position"); it != res.end()) {
      out.position = std::stoull(std::string(it->value()));
    }
    if (auto it = res.find(bhttp::field::retry_after); it != res.end()) {
      out.retry_after = std::string(it->value());
    }
    // The session's cookie (a login also sets the device cookie).
    for (auto [it, end] = res.equal_range(bhttp::field::set_cookie); it != end; ++it) {
      const std::string v(it->value());
      if (v.rfind("hoyo_session=", 0) == 0) out.cookie = v.substr(0, v.find(';'));
    }
    if (!res.keep_alive()) c.stream.reset();
  } catch (const std::exception& e) {
    out = Answer{};
    out.error = e.what();
    c.stream.reset();
  }
  return out;
}

}  // namespace hoyo::load
