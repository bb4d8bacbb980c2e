#include "http/api.h"

#include <boost/json.hpp>

#include "http/account_routes.h"
#include "http/problem.h"
#include "http/read_routes.h"
#include "http/static_files.h"
#include "http/user_routes.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

Response json_response(bhttp::status status, const boost::json::value& body, unsigned version) {
  Response res{status, version};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

Response health(const Request& req, AppContext& ctx) {
  const std::uint64_t position = ctx.store->head();
  eventstore::Status status = ctx.store->health();
  boost::json::object body{{"status", status.is_ok() ? "ok" : "failed"}, {"position", position}};
  if (!status.is_ok()) body["reason"] = status.message();
  Response res = json_response(
      status.is_ok() ? bhttp::status::ok : bhttp::status::service_unavailable, body, req.version());
  res.set("X-Log-Position", std::to_string(position));
  return res;
}

void add_security_headers(Response& res) {
  res.set("Content-Security-Policy",
          "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set(bhttp::field::cache_control, "no-store");
}

// CSRF (API.md): a state-changing request must carry X-Requested-With, and an
// Origin, when sent, must be this server's own.
bool csrf_ok(const Request& req, const Services& services) {
  const auto verb = req.method();
  if (verb != bhttp::verb::post && verb != bhttp::verb::put && verb != bhttp::verb::patch &&
      verb != bhttp::verb::delete_) {
    return true;
  }
  auto xrw = req.find("X-Requested-With");
  if (xrw == req.end() || xrw->value().empty()) return false;
  auto origin = req.find(bhttp::field::origin);
  if (origin == req.end()) return true;
  const std::string_view o(origin->value().data(), origin->value().size());
  if (o == services.options().accounts.public_base_url) return true;
  auto host = req.find(bhttp::field::host);
  if (host == req.end()) return false;
  const std::string h(host->value());
  return o == "http://" + h || o == "https://" + h;
}

Response route(const Request& req, AppContext& ctx) {
  const std::string_view target(req.target().data(), req.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  if (path == "/api/health") {
    if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
      Response res = problem(bhttp::status::method_not_allowed, "method_not_allowed",
                             "method not allowed", "use GET", req.version());
      res.set(bhttp::field::allow, "GET, HEAD");
      return res;
    }
    return health(req, ctx);
  }
  if (ctx.services) {
    if (!csrf_ok(req, *ctx.services)) {
      return problem(bhttp::status::forbidden, "csrf", "CSRF",
                     "state-changing requests need X-Requested-With and this server's Origin",
                     req.version());
    }
    if (auto answer = read_route(req, path, *ctx.services)) return std::move(*answer);
    if (auto answer = account_route(req, path, *ctx.services)) return std::move(*answer);
    if (auto answer = user_route(req, path, *ctx.services)) return std::move(*answer);
    if (auto answer = static_file(req, path, ctx.web_root)) return std::move(*answer);
  }
  return problem(bhttp::status::not_found, "not_found", "not found",
                 "no such resource: " + std::string(path), req.version());
}

}  // namespace

Response handle_request(const Request& req, AppContext& ctx) {
  Response res = route(req, ctx);
  add_security_headers(res);
  res.keep_alive(req.keep_alive());
  return res;
}

}  // namespace hoyo::http
