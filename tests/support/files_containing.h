// Which files under a directory hold given bytes: the proof that an erased
// value left a store's files (RocksDB's, or a nats-server's), not only its API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hoyo::testing {

// The regular files under `dir` (recursively) whose bytes contain `needle`,
// as paths; files that vanish while it looks are skipped.
std::vector<std::string> files_containing(const std::string& dir, std::string_view needle);

}  // namespace hoyo::testing
