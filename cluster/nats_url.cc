#include "cluster/nats_url.h"

namespace hoyo::cluster {
namespace {

std::string redact_one(std::string_view url) {
  const std::size_t scheme = url.find("://");
  const std::size_t from = scheme == std::string_view::npos ? 0 : scheme + 3;
  // The authority ends at the path, query or fragment; its last '@' ends
  // the credentials (a password may hold '@' itself).
  const std::size_t end = url.find_first_of("/?#", from);
  const std::string_view authority =
      url.substr(from, end == std::string_view::npos ? end : end - from);
  const std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const std::string_view userinfo = authority.substr(0, at);
  const std::size_t colon = userinfo.find(':');
  std::string out(url.substr(0, from));
  if (colon != std::string_view::npos) out += userinfo.substr(0, colon + 1);
  out += "***";
  out += url.substr(from + at);
  return out;
}

}  // namespace

std::string redact_nats_urls(std::string_view urls) {
  std::string out;
  for (const std::string& url : split_nats_urls(urls)) {
    out += (out.empty() ? "" : ",") + redact_one(url);
  }
  return out;
}

std::vector<std::string> split_nats_urls(std::string_view urls) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= urls.size()) {
    const std::size_t comma = urls.find(',', from);
    const std::size_t end = comma == std::string_view::npos ? urls.size() : comma;
    if (end > from) out.emplace_back(urls.substr(from, end - from));
    if (comma == std::string_view::npos) break;
    from = comma + 1;
  }
  return out;
}

}  // namespace hoyo::cluster
