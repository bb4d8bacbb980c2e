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
using base::Error;

// Ok under --test-clock; elsewhere the route does not exist.
base::Status test_clock(const Call& call) {
  if (call.services().settable_clock()) return {};
  return Error{base::ErrorCode::kNotFound,
               base::MessageId::kNoSuchResource,
               {{"path", std::string(call.path)}}};
}

void get_clock(Call& call) {
  if (base::Status s = test_clock(call); !s.ok()) return call.fail(s.error());
  call.json(bhttp::status::ok,
            json::object{{"now", domain::format_rfc3339_tokyo(call.services().clock().now())}});
}

void set_clock(Call& call) {
  if (base::Status s = test_clock(call); !s.ok()) return call.fail(s.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  std::string now;
  if (base::Status e = strings(*o, {{"now", &now}}); !e.ok()) return call.fail(e.error());
  auto t = domain::parse_rfc3339(now);
  if (!t) {
    return call.fail(
        Error::validation("now", "format", base::MessageId::kFieldRfc3339, {{"field", "now"}}));
  }
  if (!call.services().set_test_clock(*t)) {
    return call.fail({base::ErrorCode::kConflict, base::MessageId::kTestClockForward});
  }
  call.json(bhttp::status::ok, json::object{{"now", domain::format_rfc3339_tokyo(*t)}});
}

}  // namespace

void add_test_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/test/clock", get_clock);
  r.add(bhttp::verb::put, "/api/test/clock", set_clock);
}

}  // namespace hoyo::http
