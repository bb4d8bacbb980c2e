// NATS server URLs as they may be shown: in a log line, an error's detail,
// a health answer or a message on stderr. A URL may carry the node's
// credentials (nats://user:password@host:4222, or nats://token@host:4222);
// nothing shows them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hoyo::cluster {

// `urls` (one URL or a comma-separated list, as cluster.nats_urls) with
// every password replaced by "***": "nats://user:pass@h:4222" becomes
// "nats://user:***@h:4222", a token alone ("nats://tok@h:4222") becomes
// "nats://***@h:4222"; a URL without credentials is unchanged. Every
// printed NATS URL goes through this.
std::string redact_nats_urls(std::string_view urls);

// The URLs of a comma-separated list, empty entries left out.
std::vector<std::string> split_nats_urls(std::string_view urls);

}  // namespace hoyo::cluster
