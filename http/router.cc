#include "http/router.h"

#include <ostream>

#include <boost/beast/http/verb.hpp>

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < path.size()) {
    if (path[at] == '/') {
      ++at;
      continue;
    }
    const std::size_t end = std::min(path.find('/', at), path.size());
    out.push_back(path.substr(at, end - at));
    at = end;
  }
  return out;
}

// How well `pattern` matches `path`: -1 for no match, else the number of
// literal segments (more is more specific). Fills `params`.
int score(const std::string& pattern, std::string_view path, std::vector<std::string>& params) {
  const auto want = segments(pattern);
  const auto got = segments(path);
  if (want.size() != got.size() || (path.size() > 1 && path.back() == '/')) return -1;
  int literal = 0;
  params.clear();
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      params.emplace_back(got[i]);
    } else if (want[i] == got[i]) {
      ++literal;
    } else {
      return -1;
    }
  }
  return literal;
}

}  // namespace

void Router::add(bhttp::verb method, std::string pattern, RouteHandler handler) {
  routes_.push_back({method, std::move(pattern), std::move(handler)});
}

Router::Match Router::match(bhttp::verb method, std::string_view path) const {
  const bhttp::verb want = method == bhttp::verb::head ? bhttp::verb::get : method;
  Match best;
  int best_score = -1;
  int best_any = -1;
  std::vector<std::string> params;
  for (const Route& r : routes_) {
    const int s = score(r.pattern, path, params);
    if (s < 0) continue;
    if (r.method == want && s > best_score) {
      best_score = s;
      best.route = &r;
      best.params = params;
    }
    best_any = std::max(best_any, s);
  }
  if (best.route && best_score == best_any) return best;
  // The most specific pattern serves other methods only: list them.
  best.route = nullptr;
  for (const Route& r : routes_) {
    if (score(r.pattern, path, params) == best_any && best_any >= 0) {
      const std::string name(bhttp::to_string(r.method));
      if (best.allow.find(name) == std::string::npos) {
        best.allow += (best.allow.empty() ? "" : ", ") + name;
        if (r.method == bhttp::verb::get) best.allow += ", HEAD";
      }
    }
  }
  return best;
}

}  // namespace hoyo::http
