// Random one-time codes that people type: activation codes (a new account's
// first password) and staff recovery codes. 16 RFC 4648 base32 characters
// (A-Z, 2-7: no 0/O or 1/I to confuse) in groups of four, 80 bits from the
// CSPRNG; stored only as hashes.
#pragma once

#include <string>
#include <string_view>

namespace hoyo::accounts {

// A fresh code, "ABCD-EFGH-IJKL-MNOP" (throws when the CSPRNG fails).
std::string new_one_time_code();
// What a typed code means: spaces and hyphens dropped, letters upper-cased.
std::string normal_code(std::string_view typed);

}  // namespace hoyo::accounts
