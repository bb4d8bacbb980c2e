#include "http/app/api.h"

#include <boost/json.hpp>
#include <future>

#include "base/log.h"
#include "base/thread.h"
#include "http/app/call.h"
#include "http/app/errors.h"
#include "http/app/forwarding.h"
#include "http/app/static_files.h"
#include "http/codec/json_io.h"
#include "http/routes/routes.h"
#include "http/server/problem.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

void add_security_headers(Response& res, bool tls) {
  res.set("Content-Security-Policy",
          "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  if (tls) res.set("Strict-Transport-Security", "max-age=31536000");
  if (res.find(bhttp::field::cache_control) == res.end()) {
    res.set(bhttp::field::cache_control, "no-store");
  }
}

Router build_router() {
  Router r;
  add_public_routes(r);
  add_account_routes(r);
  add_notice_routes(r);
  add_staff_routes(r);
  add_admin_routes(r);
  add_registration_routes(r);
  add_user_routes(r);
  add_offer_routes(r);
  add_waitlist_routes(r);
  add_operator_routes(r);
  add_backup_routes(r);
  add_audit_routes(r);
  add_test_routes(r);
  return r;
}

// What the request log and the metrics need once the answer is known.
struct Trace {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  bhttp::verb method = bhttp::verb::unknown;
  const char* route = "unmatched";  // a route's pattern or a literal
  std::string actor;                // set by the auth checks
  bool tls = false;
  bool keep_alive = true;
  unsigned version = 11;
};

// One JSON line: method, route, status, duration, and who when known. The
// fields are ours or validated (methods, patterns, "user:N", operator logins
// of [a-z0-9._-]), so they need no escaping.
std::string log_line(const Trace& t, const Response& res, double ms) {
  char num[32];
  std::snprintf(num, sizeof num, "%.3f", ms);
  std::string line;
  line.reserve(128);
  line.append(R"({"method":")").append(bhttp::to_string(t.method));
  line.append(R"(","route":")").append(t.route);
  line.append(R"(","status":)").append(std::to_string(res.result_int()));
  line.append(R"(,"ms":)").append(num);
  if (!t.actor.empty()) line.append(R"(,"actor":")").append(t.actor).append("\"");
  line.append("}");
  return line;
}

}  // namespace

Admission admit_request(Request& head, const std::string& source, AppContext& ctx) {
  head.erase(kAdmittedHeader);  // only ever ours
  const std::string_view target(head.target().data(), head.target().size());
  const bool upload = head.method() == bhttp::verb::post &&
                      target.substr(0, target.find('?')) == "/api/registrations";
  Admission a{upload ? ctx.config.upload_limit : ctx.config.body_limit, std::nullopt};
  if (!upload || !ctx.limiter) return a;
  int retry_after = 1;
  if (ctx.limiter->allow("registration", source, ctx.config.rate.registration_per_minute,
                         retry_after)) {
    head.set(kAdmittedHeader, "registration");
    return a;
  }
  base::Error e{base::ErrorCode::kRateLimited, base::MessageId::kTryLater};
  e.retry_after_seconds = retry_after;
  a.refusal = error_response(head, e);
  add_security_headers(*a.refusal, ctx.config.tls);
  if (ctx.metrics) ctx.metrics->record(head.method(), "/api/registrations", 429, {});
  return a;
}

Response internal_error(const Request& req) {
  return problem(req, bhttp::status::internal_server_error, "internal",
                 base::MessageId::kTitleInternal, base::MessageId::kInternalDetail);
}

Response internal_error_thrown(const Request& req) {
  const std::string target(req.target().substr(0, req.target().find('?')));
  base::log_line("error", "request failed",
                 {{"target", target}, {"error", base::describe_current_exception()}});
  return internal_error(req);
}

const Router& api_router() {
  static const Router router = build_router();
  return router;
}

bool csrf_ok(const Request& req, const AppContext& ctx) {
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
  if (!ctx.config.public_origin.empty() && o == ctx.config.public_origin) return true;
  if (ctx.services && o == ctx.services->accounts_config().public_base_url) return true;
  auto host = req.find(bhttp::field::host);
  if (host == req.end()) return false;
  const std::string h(host->value());
  return o == (ctx.config.tls ? "https://" : "http://") + h;
}

void handle_request_async(const Request& req, AppContext& ctx, Reply reply) {
  auto trace = std::make_shared<Trace>();
  trace->method = req.method();
  trace->tls = ctx.config.tls;
  trace->keep_alive = req.keep_alive();
  trace->version = req.version();
  const std::string_view target(req.target().data(), req.target().size());
  const std::string_view path = target.substr(0, target.find('?'));
  // The actor lives in the trace: the auth checks write it, the log reads it.
  std::shared_ptr<std::string> actor(trace, &trace->actor);
  Reply finish = [&ctx, trace, reply = std::move(reply)](Response res) {
    add_security_headers(res, trace->tls);
    res.version(trace->version);
    res.keep_alive(trace->keep_alive && res.keep_alive());
    const auto took = std::chrono::steady_clock::now() - trace->start;
    if (ctx.metrics) ctx.metrics->record(trace->method, trace->route, res.result_int(), took);
    if (ctx.log) {
      ctx.log->write(
          log_line(*trace, res, std::chrono::duration<double, std::milli>(took).count()));
    }
    reply(std::move(res));
  };

  if (!ctx.services && path != "/api/health") {
    return finish(problem(req, bhttp::status::not_found, "not_found",
                          base::MessageId::kTitleNotFound, base::MessageId::kNoSuchResource,
                          {{"path", std::string(path)}}));
  }
  // The test routes exist only under their flags (--test-clock,
  // --test-faults): elsewhere their paths are unknown, whatever the method or
  // headers.
  const bool hidden = path.rfind("/api/test/", 0) == 0 && !test_route_served(path, *ctx.services);
  const Router::Match m = hidden ? Router::Match{} : api_router().match(req.method(), path);
  if (m.route) {
    trace->route = m.route->pattern.c_str();
    if (!csrf_ok(req, ctx)) {
      return finish(problem(req, bhttp::status::forbidden, "csrf", base::MessageId::kTitleCsrf,
                            base::MessageId::kCsrfDetail));
    }
    if (ctx.to_writer && goes_to_writer(*m.route)) {
      trace->actor = "forwarded";
      if (ctx.to_writer(req, finish)) return;
      trace->actor.clear();
    }
    Call call(req, path, ctx, std::move(finish), actor);
    call.params = m.params;
    call.route = m.route;
    try {
      return m.route->handler(call);
    } catch (const std::exception&) {
      // A failure nothing expected (the CSPRNG, memory): the request gets a
      // 500 and the server goes on. A handler throws before it answers.
      return call.answer(internal_error_thrown(req));
    }
  }
  if (!m.allow.empty()) {
    return finish(method_not_allowed(req, m.allow.c_str()));
  }
  if (path.rfind("/api/", 0) != 0 && path != "/api") {
    if (auto page = static_file(req, path, ctx.web_root)) {
      trace->route = "static";
      return finish(std::move(*page));
    }
  }
  finish(problem(req, bhttp::status::not_found, "not_found", base::MessageId::kTitleNotFound,
                 base::MessageId::kNoSuchResource, {{"path", std::string(path)}}));
}

Response handle_request(const Request& req, AppContext& ctx) {
  auto answer = std::make_shared<std::promise<Response>>();
  auto future = answer->get_future();
  handle_request_async(req, ctx, [answer](Response res) { answer->set_value(std::move(res)); });
  return future.get();
}

}  // namespace hoyo::http
