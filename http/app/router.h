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

struct Route {
  boost::beast::http::verb method;
  std::string pattern;  // e.g. "/api/reservations/{reservationNumber}"
  RouteHandler handler;
  std::size_t index = 0;  // its place in the table (metrics use it)
  // The pattern's segments; an empty one stands for a `{name}` parameter.
  std::vector<std::string> segments;
};

class Router {
 public:
  void add(boost::beast::http::verb method, std::string pattern, RouteHandler handler);

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
