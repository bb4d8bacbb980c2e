#include "domain/password_policy.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace hoyo::domain {

// Generated from domain/data/common-passwords.txt (one lowercase password per line).
extern const char kCommonPasswordsText[];

namespace {

using base::MessageId;

const std::vector<std::string_view>& common_passwords() {
  static const std::vector<std::string_view> list = [] {
    std::vector<std::string_view> v;
    std::string_view text(kCommonPasswordsText);
    while (!text.empty()) {
      const auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      if (!line.empty()) v.push_back(line);
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
    std::sort(v.begin(), v.end());
    return v;
  }();
  return list;
}

// Counts code points; nullopt for malformed UTF-8.
std::optional<std::size_t> utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return std::nullopt;
    }
    i += len;
    ++n;
  }
  return n;
}

std::vector<base::FieldError> check(std::string_view password, std::string_view confirm,
                                    const Date* birth_date) {
  std::vector<base::FieldError> errors;
  const auto chars = utf8_chars(password);
  if (!chars) {
    errors.push_back({"newPassword", "invalid", MessageId::kPasswordInvalidChars, {}});
  } else if (*chars < kMinPasswordChars) {
    errors.push_back({"newPassword", "too_short", MessageId::kPasswordTooShort, {}});
  } else if (password.size() > kMaxPasswordBytes) {
    errors.push_back({"newPassword", "too_long", MessageId::kPasswordTooLong, {}});
  } else if (birth_date && (password == initial_password(*birth_date) ||
                            password == birth_date->to_string() || [&] {
                              std::string slashed = birth_date->to_string();
                              std::replace(slashed.begin(), slashed.end(), '-', '/');
                              return password == slashed;
                            }())) {
    errors.push_back({"newPassword", "birth_date", MessageId::kPasswordIsBirthDate, {}});
  } else if (is_common_password(password)) {
    errors.push_back({"newPassword", "common", MessageId::kPasswordCommon, {}});
  }
  if (password != confirm) {
    errors.push_back({"newPasswordConfirm", "mismatch", MessageId::kPasswordConfirmMismatch, {}});
  }
  return errors;
}

}  // namespace

std::vector<base::FieldError> check_new_password(std::string_view password,
                                                 std::string_view confirm, Date birth_date) {
  return check(password, confirm, &birth_date);
}

std::vector<base::FieldError> check_new_password(std::string_view password,
                                                 std::string_view confirm) {
  return check(password, confirm, nullptr);
}

bool is_common_password(std::string_view password) {
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto& list = common_passwords();
  return std::binary_search(list.begin(), list.end(), std::string_view(lower));
}

std::size_t common_password_count() { return common_passwords().size(); }

std::string initial_password(Date birth_date) {
  std::string s = birth_date.to_string();
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

}  // namespace hoyo::domain
