#include "http/router.h"

#include <boost/beast/http/verb.hpp>
#include <optional>
#include <ostream>

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

// The segments of an absolute path; nullopt for a path with an empty
// segment ("//", a trailing "/") other than the root itself.
std::optional<std::vector<std::string_view>> segments(std::string_view path) {
  if (path.empty() || path[0] != '/') return std::nullopt;
  std::vector<std::string_view> out;
  if (path == "/") return out;
  path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (segment.empty()) return std::nullopt;
    out.push_back(segment);
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

// How well `pattern` matches `path`: -1 for no match, else the number of
// literal segments (more is more specific). Fills `params`.
int score(const std::string& pattern, std::string_view path, std::vector<std::string>& params) {
  const auto want_or = segments(pattern);
  const auto got_or = segments(path);
  if (!want_or || !got_or || want_or->size() != got_or->size()) return -1;
  const auto& want = *want_or;
  const auto& got = *got_or;
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
