#include "tools/staff_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <optional>

namespace hoyo::tools {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace json = boost::json;

struct StaffClient::Impl {
  std::string url, host, port;
  bool english = true;
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  std::string cookie;  // hoyo_session=...
  std::chrono::seconds timeout{120};
};

StaffClient::StaffClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StaffClient::~StaffClient() = default;

base::Result<std::unique_ptr<StaffClient>> StaffClient::open(const std::string& url, bool english) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty()) {
    return base::Status{
        base::ErrorCode::kInvalidArgument, base::MessageId::kServerUrlUnsupported, {{"url", url}}};
  }
  auto impl = std::make_unique<Impl>();
  impl->url = url;
  impl->host = std::string(parsed->host());
  if (impl->host.size() > 2 && impl->host.front() == '[') {
    impl->host = impl->host.substr(1, impl->host.size() - 2);
  }
  impl->port = parsed->has_port() ? std::string(parsed->port()) : "80";
  impl->english = english;
  return std::unique_ptr<StaffClient>(new StaffClient(std::move(impl)));
}

base::Result<ServerAnswer> StaffClient::send(bhttp::verb verb, const std::string& target,
                                             const std::string& body) {
  Impl& c = *impl_;
  ServerAnswer out;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = c.stream.has_value();
    try {
      if (!c.stream) {
        c.stream.emplace(c.io);
        c.buffer.clear();
        c.stream->expires_after(c.timeout);
        asio::ip::tcp::resolver resolver(c.io);
        c.stream->connect(resolver.resolve(c.host, c.port));
      }
      bhttp::request<bhttp::string_body> req{verb, target, 11};
      req.set(bhttp::field::host, c.host + ":" + c.port);
      req.set(bhttp::field::user_agent, "hoyoctl");
      req.set("X-Requested-With", "hoyoctl");
      req.set(bhttp::field::accept_language, c.english ? "en" : "ja");
      req.keep_alive(true);
      if (!c.cookie.empty()) req.set(bhttp::field::cookie, c.cookie);
      if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
      req.body() = body;
      req.prepare_payload();
      c.stream->expires_after(c.timeout);
      bhttp::write(*c.stream, req);
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(64u << 20);
      bhttp::read(*c.stream, c.buffer, parser);
      auto& res = parser.get();
      out.status = res.result_int();
      out.body = std::move(res.body());
      for (const auto& h : res) {
        std::string name(h.name_string());
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (name == "set-cookie") {
          const std::string v(h.value());
          if (v.rfind("hoyo_session=", 0) == 0) c.cookie = v.substr(0, v.find(';'));
        }
        out.headers[name] = std::string(h.value());
      }
      if (!res.keep_alive()) c.stream.reset();
      break;
    } catch (const std::exception& e) {
      c.stream.reset();
      // A kept-alive connection the server closed meanwhile: once more, for
      // reads only (a write is never sent twice).
      if (reused && attempt == 0 && verb == bhttp::verb::get) continue;
      return base::Status{base::ErrorCode::kIoError,
                          base::MessageId::kServerUnreachable,
                          {{"url", c.url}, {"cause", std::string(e.what())}}};
    }
  }
  if (out.status >= 200 && out.status < 300) return out;
  std::string detail = out.body;
  json::error_code ec;
  json::value problem = json::parse(out.body, ec);
  if (!ec && problem.is_object()) {
    if (const json::value* d = problem.as_object().if_contains("detail"); d && d->is_string()) {
      detail = std::string(d->as_string());
    }
  }
  return base::Status{base::ErrorCode::kFailed,
                      base::MessageId::kServerRefused,
                      {{"status", static_cast<std::int64_t>(out.status)}, {"detail", detail}}};
}

base::Status StaffClient::login(const std::string& login, const std::string& password,
                                const std::string& totp) {
  json::object body{{"login", login}, {"password", password}};
  if (!totp.empty()) body["totp"] = totp;
  auto answer = send(bhttp::verb::post, "/api/operator/session", json::serialize(body));
  if (!answer.ok()) return answer.status();
  return base::ok_status();
}

void StaffClient::logout() {
  if (impl_->cookie.empty()) return;
  (void)send(bhttp::verb::delete_, "/api/operator/session");
  impl_->cookie.clear();
}

std::string query_escape(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~' || ch == '/') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}

}  // namespace hoyo::tools
