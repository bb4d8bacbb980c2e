// Wrapping of keys under the key-encryption key (key_file.h): AES-256-GCM with
// a fresh 96-bit nonce per wrap and the side-table name of the key as
// associated data, so a wrapped value moved to another name does not open.
// Wrapped form: "W1", the nonce, the ciphertext, the 128-bit tag.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hoyo::accounts {

// True when `stored` has the wrapped form (whether or not it opens).
bool is_wrapped(std::string_view stored);
// `plain` wrapped under `kek` (32 bytes) for the side-table name `name`.
std::string wrap_key(std::string_view kek, std::string_view name, std::string_view plain);
// The plain bytes, or nullopt when `stored` is not wrapped under `kek` for `name`.
std::optional<std::string> unwrap_key(std::string_view kek, std::string_view name,
                                      std::string_view stored);

}  // namespace hoyo::accounts
