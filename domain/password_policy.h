// M10 / M11: what a new password must be. Pure.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/civil_time.h"

namespace hoyo::domain {

inline constexpr std::size_t kMinPasswordChars = 8;
// Far above any passphrase; bounds the hashing work. Never truncated: longer is refused.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// The broken rules of a new password and its confirmation, field by field
// (newPassword, newPasswordConfirm): valid UTF-8, at least 8 characters, at
// most 1024 bytes, not the birth date in any common spelling (YYYYMMDD,
// YYYY-MM-DD, YYYY/MM/DD), not in the shipped list of common passwords
// (compared without case), and the two equal. Empty when it is acceptable.
std::vector<base::FieldError> check_new_password(std::string_view password,
                                                 std::string_view confirm, Date birth_date);

// The same without a birth date (operators).
std::vector<base::FieldError> check_new_password(std::string_view password,
                                                 std::string_view confirm);

// True when `password` is in the shipped common-password list (any case).
bool is_common_password(std::string_view password);
// How many entries that list has.
std::size_t common_password_count();

// The initial password of a user: the birth date as YYYYMMDD.
std::string initial_password(Date birth_date);

}  // namespace hoyo::domain
