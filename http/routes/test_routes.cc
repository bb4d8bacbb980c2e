// The test clock (docs/api.md): only a server started with --test-clock serves
// PUT /api/test/clock {now}; elsewhere the path is 404 like any unknown one.
#include <boost/json.hpp>

#include "http/app/errors.h"
#include "http/codec/json_io.h"
#include "http/server/problem.h"
#include "http/routes/routes.h"
#include "http/app/services.h"
#include "http/codec/stay_json.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using domain::DomainError;

bool test_clock_or_404(const Call& call) {
  if (call.services().settable_clock()) return true;
  call.answer(problem(call.req, bhttp::status::not_found, "not_found", "見つかりません",
                      "Not found", "no such resource: " + std::string(call.path)));
  return false;
}

void get_clock(Call& call) {
  if (!test_clock_or_404(call)) return;
  call.json(bhttp::status::ok,
            json::object{{"now", domain::format_rfc3339_tokyo(call.services().clock().now())}});
}

void set_clock(Call& call) {
  if (!test_clock_or_404(call)) return;
  auto o = json_object_or_answer(call);
  if (!o) return;
  std::string now;
  if (auto e = strings(*o, {{"now", &now}})) return call.fail(*e);
  auto t = domain::parse_rfc3339(now);
  if (!t) {
    return call.fail(DomainError::validation("now", "format", "now は RFC 3339 の日時です"));
  }
  if (!call.services().set_test_clock(*t)) {
    return call.fail({domain::ErrorCode::kConflict, "the test clock only moves forward", {}});
  }
  call.json(bhttp::status::ok, json::object{{"now", domain::format_rfc3339_tokyo(*t)}});
}

}  // namespace

void add_test_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/test/clock", get_clock);
  r.add(bhttp::verb::put, "/api/test/clock", set_clock);
}

}  // namespace hoyo::http
