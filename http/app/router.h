// The route table: every (method, path pattern) the API serves, with its
// handler. Patterns are literal segments and `{name}` segments that match one
// non-empty segment; a literal beats a parameter. The table is also what the
// OpenAPI test compares with docs (every route documented, every documented
// route served) and what labels the metrics.
#pragma once

#include <boost/beast/http/verb.hpp>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace hoyo::http {

class Call;
using RouteHandler = std::function<void(Call&)>;

// What a route does to the state. A write may change it: on a cluster
// follower it is forwarded to the writer (docs/cluster.md), and a member's
// write counts against their budget (rate.user_writes_per_minute). A read
// changes nothing: the node that got it answers from its projections (with
// X-Min-Position as any read), and no write budget is charged. A local
// action changes only the node that got it, never the log: it is never
// forwarded (a backup copies this node's own store; a projection rebuilt is
// this node's) and charges no write budget. CSRF checks follow the method,
// not this (a POST read or local action still needs them).
enum class Effect { kRead, kWrite, kLocal };

// The effect of a route of `method` unless it says otherwise: GET, HEAD and
// OPTIONS read, every other method writes.
Effect effect_of(boost::beast::http::verb method);

struct Route {
  boost::beast::http::verb method;
  std::string pattern;  // e.g. "/api/reservations/{reservationNumber}"
  RouteHandler handler;
  std::size_t index = 0;  // its place in the table (metrics use it)
  // The pattern's segments; an empty one stands for a `{name}` parameter.
  std::vector<std::string> segments;
  Effect effect = Effect::kWrite;
};

class Router {
 public:
  // A route with its method's effect (effect_of).
  void add(boost::beast::http::verb method, std::string pattern, RouteHandler handler);
  // A route whose effect its method does not tell (a POST that only reads:
  // a quote; a POST that acts on this node only: a backup).
  void add(boost::beast::http::verb method, std::string pattern, RouteHandler handler,
           Effect effect);

  struct Match {
    const Route* route = nullptr;     // null: no route for this method
    std::vector<std::string> params;  // the `{name}` segments, in order
    std::string allow;                // when the path matched under other methods: "GET, POST"
  };
  // HEAD matches GET routes. Allocates only for the answer's parameters.
  Match match(boost::beast::http::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace hoyo::http
