// The client's address behind trusted reverse proxies: which peers are
// proxies (ServerConfig::trusted_proxies), and the address X-Forwarded-For
// names when one of them is the peer. Every per-client limit, the login
// throttle and the request log take the address from client_address().
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoyo::http {

// A set of proxy addresses: IPv4 and IPv6 addresses and CIDR prefixes
// ("10.0.0.0/8", "fd00::/8"). An IPv4-mapped IPv6 address ("::ffff:10.0.0.1")
// is the IPv4 address it maps.
class TrustedProxies {
 public:
  // nullopt when an entry of `list` (separated by commas or blanks) is not
  // an address or prefix; `bad` then names it. An empty list trusts nobody.
  static std::optional<TrustedProxies> parse(std::string_view list, std::string* bad = nullptr);

  bool empty() const { return nets_.empty(); }
  // True when `address` (text, as the socket gives it) is one of the proxies.
  bool trusts(std::string_view address) const;

 private:
  struct Net {
    std::array<unsigned char, 16> bytes{};  // IPv4 in the first 4
    bool v6 = false;
    int prefix = 0;  // bits that must match
  };
  std::vector<Net> nets_;
};

// The longest X-Forwarded-For value read, and the most entries parsed.
inline constexpr std::size_t kForwardedForMax = 1024;
inline constexpr std::size_t kForwardedForEntries = 16;

// The client's address for a request whose TCP peer is `peer`. When `peer`
// is a trusted proxy and `forwarded_for` (X-Forwarded-For, "" when absent)
// is well formed: its rightmost entry that is not itself a trusted proxy
// (entries left of it are the client's to write, never believed). Otherwise
// (no proxies configured, an untrusted peer, a value over kForwardedForMax,
// more than kForwardedForEntries entries, an entry that is not an IP
// address, or every entry a proxy): `peer`. The answer is an address in its
// canonical text form, never a header's raw bytes.
std::string client_address(const TrustedProxies& proxies, const std::string& peer,
                           std::string_view forwarded_for);

}  // namespace hoyo::http
