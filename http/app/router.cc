#include "http/app/router.h"

#include <array>

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

constexpr std::size_t kMaxSegments = 12;

// Splits an absolute path into `out`; the count, or -1 for a path with an
// empty segment ("//", a trailing "/") other than the root itself, or too many.
int split(std::string_view path, std::array<std::string_view, kMaxSegments>& out) {
  if (path.empty() || path[0] != '/') return -1;
  if (path == "/") return 0;
  path.remove_prefix(1);
  int n = 0;
  for (;;) {
    const std::size_t slash = path.find('/');
    const std::string_view segment = path.substr(0, slash);
    if (segment.empty() || n == static_cast<int>(kMaxSegments)) return -1;
    out[static_cast<std::size_t>(n++)] = segment;
    if (slash == std::string_view::npos) return n;
    path.remove_prefix(slash + 1);
  }
}

// How well `r` matches the path's segments: -1 for no match, else the number
// of literal segments (more is more specific).
int score(const Route& r, const std::array<std::string_view, kMaxSegments>& got, int n) {
  if (static_cast<int>(r.segments.size()) != n) return -1;
  int literal = 0;
  for (int i = 0; i < n; ++i) {
    const std::string& want = r.segments[static_cast<std::size_t>(i)];
    if (want.empty()) continue;  // a parameter
    if (want != got[static_cast<std::size_t>(i)]) return -1;
    ++literal;
  }
  return literal;
}

}  // namespace

Effect effect_of(bhttp::verb method) {
  return method == bhttp::verb::get || method == bhttp::verb::head || method == bhttp::verb::options
             ? Effect::kRead
             : Effect::kWrite;
}

void Router::add(bhttp::verb method, std::string pattern, RouteHandler handler) {
  add(method, std::move(pattern), std::move(handler), effect_of(method));
}

void Router::add(bhttp::verb method, std::string pattern, RouteHandler handler, Effect effect) {
  Route r{method, std::move(pattern), std::move(handler), routes_.size(), {}, effect};
  std::array<std::string_view, kMaxSegments> parts;
  const int n = split(r.pattern, parts);
  for (int i = 0; i < n; ++i) {
    const std::string_view s = parts[static_cast<std::size_t>(i)];
    const bool param = s.size() > 2 && s.front() == '{' && s.back() == '}';
    r.segments.emplace_back(param ? std::string_view() : s);
  }
  routes_.push_back(std::move(r));
}

Router::Match Router::match(bhttp::verb method, std::string_view path) const {
  const bhttp::verb want = method == bhttp::verb::head ? bhttp::verb::get : method;
  std::array<std::string_view, kMaxSegments> got;
  const int n = split(path, got);
  Match best;
  if (n < 0) return best;
  int best_score = -1;
  int best_any = -1;
  for (const Route& r : routes_) {
    const int s = score(r, got, n);
    if (s < 0) continue;
    if (r.method == want && s > best_score) {
      best_score = s;
      best.route = &r;
    }
    best_any = std::max(best_any, s);
  }
  if (best.route && best_score == best_any) {
    for (int i = 0; i < n; ++i) {
      if (best.route->segments[static_cast<std::size_t>(i)].empty()) {
        best.params.emplace_back(got[static_cast<std::size_t>(i)]);
      }
    }
    return best;
  }
  // The most specific pattern serves other methods only: list them.
  best.route = nullptr;
  if (best_any < 0) return best;
  for (const Route& r : routes_) {
    if (score(r, got, n) != best_any) continue;
    const std::string name(bhttp::to_string(r.method));
    if (best.allow.find(name) == std::string::npos) {
      best.allow += (best.allow.empty() ? "" : ", ") + name;
      if (r.method == bhttp::verb::get) best.allow += ", HEAD";
    }
  }
  return best;
}

}  // namespace hoyo::http
