// The test-only routes (docs/api.md): only a server started with --test-clock
// serves PUT /api/test/clock {now}, only one started with --test-faults
// PUT /api/test/faults {noSpace, failSyncs, failWrites}; elsewhere their paths
// are 404 like any unknown one.
#include <boost/json.hpp>

#include "eventstore/fault_injection.h"
#include "http/app/errors.h"
#include "http/app/services.h"
#include "http/codec/json_io.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "http/server/problem.h"

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
  // Answers once every event due by the new time is durable (a test-only
  // route: it waits on this thread), at a position that includes them.
  auto due = call.services().run_due();
  if (!due.ok()) return call.fail(due.error());
  call.json(bhttp::status::ok, json::object{{"now", domain::format_rfc3339_tokyo(*t)}},
            std::max(*due, call.services().store().head()));
}

json::object faults_json(const eventstore::FaultInjector& f) {
  return {{"noSpace", f.out_of_space()},
          {"failSyncs", f.syncs_failing()},
          {"failWrites", f.writes_failing()}};
}

// The store's fault injector under --test-faults: GET says which faults are
// on; PUT switches those named in the body (booleans; the others stay).
base::Status test_faults(const Call& call) {
  if (call.services().test_faults()) return {};
  return Error{base::ErrorCode::kNotFound,
               base::MessageId::kNoSuchResource,
               {{"path", std::string(call.path)}}};
}

void get_faults(Call& call) {
  if (base::Status s = test_faults(call); !s.ok()) return call.fail(s.error());
  call.json(bhttp::status::ok, faults_json(*call.services().test_faults()));
}

void set_faults(Call& call) {
  if (base::Status s = test_faults(call); !s.ok()) return call.fail(s.error());
  eventstore::FaultInjector& f = *call.services().test_faults();
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  const std::pair<const char*, void (eventstore::FaultInjector::*)(bool)> switches[] = {
      {"noSpace", &eventstore::FaultInjector::no_space},
      {"failSyncs", &eventstore::FaultInjector::fail_syncs},
      {"failWrites", &eventstore::FaultInjector::fail_writes}};
  for (const auto& [name, set] : switches) {
    const json::value* v = o->if_contains(name);
    if (v && !v->is_bool()) {
      return call.fail(
          Error::validation(name, "type", base::MessageId::kFieldBool, {{"field", name}}));
    }
  }
  for (const auto& [name, set] : switches) {
    if (const json::value* v = o->if_contains(name)) (f.*set)(v->as_bool());
  }
  call.json(bhttp::status::ok, faults_json(f));
}

}  // namespace

bool test_route_served(std::string_view path, Services& services) {
  if (path == "/api/test/clock") return services.settable_clock() != nullptr;
  if (path == "/api/test/faults") return services.test_faults() != nullptr;
  return false;
}

void add_test_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/test/clock", get_clock);
  r.add(bhttp::verb::put, "/api/test/clock", set_clock);
  r.add(bhttp::verb::get, "/api/test/faults", get_faults);
  r.add(bhttp::verb::put, "/api/test/faults", set_faults);
}

}  // namespace hoyo::http
