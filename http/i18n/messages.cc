// localize(): a message matched against the catalog (message_catalog.cc) and
// rewritten in the language asked for.
#include "http/i18n/messages.h"

#include <cstddef>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "http/i18n/message_catalog.h"

namespace hoyo::http {
namespace {

struct Entry {
  std::string prefix;  // the literal text every match starts with
  std::regex pattern;
  const char* ja;
  const char* en;
};

// The pattern's literal text after '^', up to its first operator (a quantified
// last character is not part of it).
std::string literal_prefix(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 1; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
      if ((c == '?' || c == '*' || c == '+' || c == '{') && !out.empty()) out.pop_back();
      break;
    }
    out.push_back(c);
  }
  return out;
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> compiled = [] {
    std::vector<Entry> v;
    const auto catalog = internal::message_catalog();
    v.reserve(catalog.size());
    for (const internal::MessageSource& s : catalog) {
      v.push_back(
          {literal_prefix(s.pattern), std::regex(s.pattern, std::regex::ECMAScript), s.ja, s.en});
    }
    return v;
  }();
  return compiled;
}

// Longer messages are left as they are: no known one comes near, and std::regex
// recurses once per character it repeats over.
constexpr std::size_t kMaxLength = 1024;

}  // namespace

std::string localize(std::string_view message, bool english) {
  if (message.size() > kMaxLength) return std::string(message);
  std::match_results<std::string_view::const_iterator> m;
  for (const Entry& e : entries()) {
    if (!message.starts_with(e.prefix)) continue;
    if (std::regex_match(message.begin(), message.end(), m, e.pattern)) {
      return m.format(english ? e.en : e.ja);
    }
  }
  return std::string(message);
}

}  // namespace hoyo::http
