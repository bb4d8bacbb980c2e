#include "accounts/one_time_code.h"

#include <cctype>

#include "accounts/personal_data.h"
#include "accounts/totp.h"

namespace hoyo::accounts {

std::string new_one_time_code() {
  const std::string b = base32(random_bytes(10));  // 80 bits, 16 characters
  return b.substr(0, 4) + "-" + b.substr(4, 4) + "-" + b.substr(8, 4) + "-" + b.substr(12, 4);
}

std::string normal_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace hoyo::accounts
