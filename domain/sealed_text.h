// Operators' free text about one user (issue 17's reasons: a waiver, an
// override, a lift), sealed by the accounts layer under the user's data key
// before the command reaches the writer. The rules only see that it is there
// and how long it is; erasing the user destroys the key, and with it the text.
// A reason given plain (tests, tools, the accounts' reasons) is checked here
// by check_reason_text; the HTTP layer checks it the same way before sealing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace hoyo::domain {

// What sealing adds to a text (accounts::PersonalDataVault::seal_bytes: a
// format byte, a 96-bit nonce and a 128-bit tag; GCM keeps the length).
inline constexpr std::size_t kSealOverhead = 1 + 12 + 16;
// The longest reason an operator may give, in bytes of its text.
inline constexpr std::size_t kMaxReasonBytes = 500;
// The longest reason for rejecting a registration or erasing a user's data.
inline constexpr std::size_t kMaxAccountReasonBytes = 1500;
// How the name of a key never stored begins (accounts::PersonalDataVault::
// seal_unkept): what a reason about a user without a data key is sealed under.
inline constexpr std::string_view kUnkeptKeyPrefix = "unkept-";

// A staff member's free-text reason as given (a waiver, an override, a lift,
// a closure's cancellations, a rejection, an erasure): refused with
// kValidation on `field`, changing nothing, when it is not plain text
// (is_plain_text: invalid UTF-8, or a control character anywhere, newline
// and tab included; code "invalid", kReasonNotPlainText), or when, trimmed
// of spaces (ASCII and U+3000) at both ends as it is stored, it is empty
// (code "required", message `missing`) or longer than `max_bytes` (code
// "too_long", kReasonTooLong with {max}).
base::Status check_reason_text(const char* field, std::string_view text, base::MessageId missing,
                               std::size_t max_bytes = kMaxReasonBytes);

// The reason as stored: `text` trimmed (trim_text).
std::string stored_reason(std::string_view text);

struct SealedText {
  std::string key_id;  // the data key it is sealed under (not secret)
  std::string bytes;   // the sealed text; empty: none

  bool empty() const { return bytes.empty(); }
  // The length in bytes of the text sealed (0 for bytes too short to be any).
  std::size_t text_size() const {
    return bytes.size() > kSealOverhead ? bytes.size() - kSealOverhead : 0;
  }
  bool operator==(const SealedText&) const = default;
};

}  // namespace hoyo::domain
