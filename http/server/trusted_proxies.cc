#include "http/server/trusted_proxies.h"

#include <boost/asio/ip/address.hpp>
#include <charconv>
#include <cstring>

namespace hoyo::http {
namespace {

namespace ip = boost::asio::ip;

// An address parsed from text, IPv4-mapped IPv6 taken as IPv4.
std::optional<ip::address> address_of(std::string_view text) {
  boost::system::error_code ec;
  ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return ip::address(ip::make_address_v4(ip::v4_mapped, a.to_v6()));
  }
  return a;
}

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::parse(std::string_view list, std::string* bad) {
  TrustedProxies out;
  std::size_t i = 0;
  while (i < list.size()) {
    const std::size_t end = list.find_first_of(", \t", i);
    const std::string_view entry = list.substr(i, end == std::string_view::npos ? end : end - i);
    i = end == std::string_view::npos ? list.size() : end + 1;
    if (entry.empty()) continue;
    const std::size_t slash = entry.find('/');
    const auto a = address_of(entry.substr(0, slash));
    Net n;
    bool ok = a.has_value();
    if (ok) {
      n.v6 = a->is_v6();
      if (n.v6) {
        const auto b = a->to_v6().to_bytes();
        std::memcpy(n.bytes.data(), b.data(), 16);
      } else {
        const auto b = a->to_v4().to_bytes();
        std::memcpy(n.bytes.data(), b.data(), 4);
      }
      const int max = n.v6 ? 128 : 32;
      n.prefix = max;
      if (slash != std::string_view::npos) {
        const std::string_view bits = entry.substr(slash + 1);
        const auto r = std::from_chars(bits.data(), bits.data() + bits.size(), n.prefix);
        ok = !bits.empty() && r.ec == std::errc() && r.ptr == bits.data() + bits.size() &&
             n.prefix >= 0 && n.prefix <= max;
      }
    }
    if (!ok) {
      if (bad) *bad = std::string(entry);
      return std::nullopt;
    }
    out.nets_.push_back(n);
  }
  return out;
}

bool TrustedProxies::trusts(std::string_view address) const {
  if (nets_.empty()) return false;
  const auto a = address_of(address);
  if (!a) return false;
  std::array<unsigned char, 16> bytes{};
  if (a->is_v6()) {
    const auto b = a->to_v6().to_bytes();
    std::memcpy(bytes.data(), b.data(), 16);
  } else {
    const auto b = a->to_v4().to_bytes();
    std::memcpy(bytes.data(), b.data(), 4);
  }
  for (const Net& n : nets_) {
    if (n.v6 != a->is_v6()) continue;
    int left = n.prefix;
    bool match = true;
    for (std::size_t k = 0; left > 0 && match; ++k, left -= 8) {
      const unsigned mask = left >= 8 ? 0xffu : (0xffu << (8 - left)) & 0xffu;
      match = (bytes[k] & mask) == (n.bytes[k] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string client_address(const TrustedProxies& proxies, const std::string& peer,
                           std::string_view forwarded_for) {
  if (proxies.empty() || forwarded_for.empty() || forwarded_for.size() > kForwardedForMax ||
      !proxies.trusts(peer)) {
    return peer;
  }
  // Every entry is read (and must be an address) before any is believed.
  std::vector<ip::address> hops;
  std::size_t i = 0;
  for (;;) {
    const std::size_t comma = forwarded_for.find(',', i);
    const std::string_view entry =
        trimmed(forwarded_for.substr(i, comma == std::string_view::npos ? comma : comma - i));
    if (hops.size() == kForwardedForEntries) return peer;
    const auto a = address_of(entry);
    if (!a) return peer;
    hops.push_back(*a);
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    const std::string text = it->to_string();
    if (!proxies.trusts(text)) return text;
  }
  return peer;
}

}  // namespace hoyo::http
