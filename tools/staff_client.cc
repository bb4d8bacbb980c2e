#include "tools/staff_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <iostream>

#include "base/status.h"
#include "tools/hoyoctl_errors.h"
#include "tools/read_secret.h"

namespace hoyo::tools {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace json = boost::json;

base::ErrorCode code_of(unsigned status) {
  switch (status) {
    case 401:
      return base::ErrorCode::kUnauthorized;
    case 403:
      return base::ErrorCode::kForbidden;
    case 404:
      return base::ErrorCode::kNotFound;
    case 429:
      return base::ErrorCode::kRateLimited;
    default:
      return status >= 500 ? base::ErrorCode::kFailed : base::ErrorCode::kConflict;
  }
}

// The problem's code ("" when the body is not problem+json).
std::string problem_code(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  const json::value* c = !ec && v.is_object() ? v.as_object().if_contains("code") : nullptr;
  return c && c->is_string() ? std::string(c->as_string()) : std::string();
}

// The problem's detail and code ("" when the body is not problem+json).
std::string problem_text(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return body.substr(0, 200);
  const json::object& o = v.as_object();
  std::string text;
  if (auto* d = o.if_contains("detail"); d && d->is_string()) text = d->as_string().c_str();
  if (text.empty()) {
    if (auto* t = o.if_contains("title"); t && t->is_string()) text = t->as_string().c_str();
  }
  if (auto* c = o.if_contains("code"); c && c->is_string()) {
    text += std::string(" (") + c->as_string().c_str() + ")";
  }
  return text;
}

base::Error refused(const HttpAnswer& answer) {
  return base::Error{code_of(answer.status),
                     base::MessageId::kServerAnswer,
                     {{"status", static_cast<std::int64_t>(answer.status)},
                      {"detail", problem_text(answer.body)},
                      {"code", problem_code(answer.body)}}};
}

}  // namespace

struct StaffClient::Url {
  std::string text, host, port, prefix;
  bool tls = false;
};

std::optional<std::vector<json::object>> ndjson_objects(const std::string& body) {
  std::vector<json::object> out;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    if (end > start) {
      boost::system::error_code ec;
      json::value v = json::parse(std::string_view(body).substr(start, end - start), ec);
      if (ec || !v.is_object()) {
        std::cerr << "hoyoctl: the server's answer is not JSON lines\n";
        return std::nullopt;
      }
      out.push_back(std::move(v.as_object()));
    }
    start = end + 1;
  }
  return out;
}

std::optional<json::object> json_object_of(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    std::cerr << "hoyoctl: the server's answer is not a JSON object\n";
    return std::nullopt;
  }
  return std::move(v.as_object());
}

std::string url_escape(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

StaffClient::StaffClient(std::unique_ptr<Url> url) : url_(std::move(url)) {}

std::unique_ptr<StaffClient> StaffClient::login(const Global& global) {
  auto parsed = boost::urls::parse_uri(global.server);
  auto url = std::make_unique<Url>();
  url->text = global.server;
  if (parsed) {
    url->tls = parsed->scheme() == "https";
    url->host = parsed->host();
    url->port = parsed->has_port() ? std::string(parsed->port()) : url->tls ? "443" : "80";
    url->prefix = parsed->path();
    while (!url->prefix.empty() && url->prefix.back() == '/') url->prefix.pop_back();
  }
  if (!parsed || (parsed->scheme() != "http" && !url->tls) || url->host.empty()) {
    std::cerr << "hoyoctl: --server takes http://HOST:PORT or https://HOST[:PORT]\n";
    return nullptr;
  }
  std::string password;
  if (!read_secret("password: ", password)) {
    std::cerr << "hoyoctl: the staff password must be given on stdin\n";
    return nullptr;
  }
  std::unique_ptr<StaffClient> client(new StaffClient(std::move(url)));
  json::object body{{"login", global.staff}, {"password", password}};
  if (!global.totp.empty()) body["totp"] = global.totp;
  auto answer = client->call("POST", "/api/operator/session", json::serialize(body));
  if (!answer.ok()) {
    std::cerr << error_line(answer.status()) << "\n";
    return nullptr;
  }
  return client;
}

StaffClient::~StaffClient() {
  if (!cookies_.empty()) (void)send("DELETE", "/api/operator/session", "");
}

std::optional<HttpAnswer> StaffClient::get(const std::string& target) {
  auto answer = call("GET", target);
  if (!answer.ok()) {
    std::cerr << error_line(answer.status()) << "\n";
    return std::nullopt;
  }
  return std::move(*answer);
}

std::optional<json::object> StaffClient::get_json(const std::string& target) {
  auto answer = get(target);
  if (!answer) return std::nullopt;
  return json_object_of(answer->body);
}

base::Result<HttpAnswer> StaffClient::call(const std::string& method, const std::string& target,
                                           const std::string& body) {
  auto answer = send(method, target, body);
  if (!answer.ok()) return answer.status();
  if (answer->status / 100 != 2) return base::Status(refused(*answer));
  return answer;
}

base::Result<std::uint64_t> StaffClient::download(
    const std::string& target, std::uint64_t bytes,
    const std::function<base::Status(std::string_view)>& sink) {
  std::uint64_t offset = 0;
  while (offset < bytes) {
    auto answer = call("GET", target + "&offset=" + std::to_string(offset));
    if (!answer.ok()) return answer.status();
    if (answer->body.empty()) break;
    if (base::Status s = sink(answer->body); !s.ok()) return s;
    offset += answer->body.size();
  }
  return offset;
}

base::Result<HttpAnswer> StaffClient::send(const std::string& method, const std::string& target,
                                           const std::string& body) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), url_->prefix + target, 11};
  req.set(bhttp::field::host, url_->host);
  req.set(bhttp::field::user_agent, "hoyoctl");
  req.set(bhttp::field::accept, "application/json");
  req.set(bhttp::field::accept_language, japanese() ? "ja" : "en");
  req.set("X-Requested-With", "hoyoctl");  // the CSRF rule for state-changing requests
  if (!cookies_.empty()) req.set(bhttp::field::cookie, cookies_);
  if (!body.empty()) {
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
  }
  req.prepare_payload();
  bhttp::response<bhttp::string_body> res;
  try {
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(url_->host, url_->port);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(1ull << 32);  // exports can be large
    if (url_->tls) {
      asio::ssl::context ctx(asio::ssl::context::tls_client);
      ctx.set_default_verify_paths();
      ctx.set_verify_mode(asio::ssl::verify_peer);
      beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
      SSL_set_tlsext_host_name(stream.native_handle(), url_->host.c_str());
      stream.set_verify_callback(asio::ssl::host_name_verification(url_->host));
      beast::get_lowest_layer(stream).connect(endpoints);
      stream.handshake(asio::ssl::stream_base::client);
      bhttp::write(stream, req);
      bhttp::read(stream, buffer, parser);
    } else {
      beast::tcp_stream stream(io);
      stream.connect(endpoints);
      bhttp::write(stream, req);
      bhttp::read(stream, buffer, parser);
    }
    res = parser.release();
  } catch (const std::exception& e) {
    return base::Status{base::ErrorCode::kFailed,
                        base::MessageId::kServerUnreachable,
                        {{"url", url_->text}, {"cause", std::string(e.what())}}};
  }
  for (const auto& field : res) {
    if (field.name() != bhttp::field::set_cookie) continue;
    const std::string value(field.value());
    const std::string pair = value.substr(0, value.find(';'));
    if (pair.find('=') == std::string::npos || pair.back() == '=') continue;  // a cleared cookie
    const std::string name = pair.substr(0, pair.find('=') + 1);
    if (cookies_.find(name) == std::string::npos) {
      cookies_ += (cookies_.empty() ? "" : "; ") + pair;
    }
  }
  HttpAnswer answer{res.result_int(), std::move(res.body()), {}};
  if (auto p = res.find("X-Log-Position"); p != res.end()) answer.position = p->value();
  return answer;
}

}  // namespace hoyo::tools
