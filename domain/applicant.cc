#include "domain/applicant.h"

#include <algorithm>
#include <cctype>

#include "domain/text.h"

namespace hoyo::domain {
namespace {

using base::MessageId;

constexpr std::size_t kMaxNameBytes = 150;     // 50 characters of 3 bytes
constexpr std::size_t kMaxAddressBytes = 600;  // 200 characters
constexpr std::size_t kMaxEmailBytes = 254;    // RFC 5321 path limit

bool is_katakana_name(std::string_view s) {
  std::vector<char32_t> cs;
  if (!decode_utf8(s, cs) || cs.empty()) return false;
  return std::all_of(cs.begin(), cs.end(), [](char32_t c) {
    return (c >= 0x30a1 && c <= 0x30fa) || c == 0x30fc || c == 0x30fb || c == 0x3000 || c == ' ';
  });
}

bool is_postal_code(std::string_view s) {
  if (s.size() != 8 || s[3] != '-') return false;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i != 3 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

bool is_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c != '-') {
      return false;
    }
  }
  return (digits == 10 || digits == 11) && s.front() == '0' && s.back() != '-';
}

bool is_email(std::string_view s) {
  const auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = s.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.') {
    return false;
  }
  return std::none_of(s.begin(), s.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == '<' || c == '>' || c == ',' ||
           static_cast<unsigned char>(c) < 0x20;
  });
}

// A required free-text field: present, valid UTF-8, no control characters.
// The messages of one free-text field: missing, too long, bad characters.
struct TextMessages {
  base::MessageId required;
  base::MessageId too_long;
  base::MessageId invalid;
};

// A required free-text field: present, valid UTF-8, no control characters.
void check_text(std::vector<base::FieldError>& errors, const char* field, const std::string& value,
                std::size_t max_bytes, const TextMessages& m) {
  if (value.empty()) {
    errors.push_back({field, "required", m.required, {}});
  } else if (value.size() > max_bytes) {
    errors.push_back({field, "too_long", m.too_long, {}});
  } else if (!is_plain_text(value)) {
    errors.push_back({field, "invalid", m.invalid, {}});
  }
}

}  // namespace

const char* category_name(Category c) { return c == Category::kWorker ? "worker" : "resident"; }
const char* channel_name(Channel c) { return c == Channel::kPostcard ? "postcard" : "online"; }

base::Result<ValidApplicant> validate_applicant(const ApplicantForm& form, Channel channel,
                                                Date today) {
  std::vector<base::FieldError> errors;
  ValidApplicant v;
  PersonalData& d = v.data;
  d.name_kanji = trim_text(form.name_kanji);
  d.name_kana = trim_text(form.name_kana);
  d.postal_code = trim_text(form.postal_code);
  d.address = trim_text(form.address);
  d.phone = trim_text(form.phone);
  d.email = trim_text(form.email);
  d.workplace_name = trim_text(form.workplace_name);
  d.workplace_address = trim_text(form.workplace_address);

  check_text(errors, "nameKanji", d.name_kanji, kMaxNameBytes,
             {MessageId::kNameRequired, MessageId::kNameTooLong, MessageId::kNameInvalid});
  if (d.name_kana.empty()) {
    errors.push_back({"nameKana", "required", MessageId::kKanaRequired, {}});
  } else if (d.name_kana.size() > kMaxNameBytes || !is_katakana_name(d.name_kana)) {
    errors.push_back({"nameKana", "not_katakana", MessageId::kKanaNotKatakana, {}});
  }
  const auto birth = Date::parse(trim_text(form.birth_date));
  if (form.birth_date.empty()) {
    errors.push_back({"birthDate", "required", MessageId::kBirthDateRequired, {}});
  } else if (!birth) {
    errors.push_back({"birthDate", "invalid", MessageId::kBirthDateInvalid, {}});
  } else if (*birth >= today || birth->year() < today.year() - 130) {
    errors.push_back({"birthDate", "out_of_range", MessageId::kBirthDateOutOfRange, {}});
  } else {
    d.birth_date = *birth;
  }
  if (!is_postal_code(d.postal_code)) {
    errors.push_back({"postalCode",
                      d.postal_code.empty() ? "required" : "invalid",
                      MessageId::kPostalCodeFormat,
                      {}});
  }
  check_text(errors, "address", d.address, kMaxAddressBytes,
             {MessageId::kAddressRequired, MessageId::kAddressTooLong, MessageId::kAddressInvalid});
  if (!is_phone(d.phone)) {
    errors.push_back(
        {"phone", d.phone.empty() ? "required" : "invalid", MessageId::kPhoneFormat, {}});
  }
  if (d.email.empty()) {
    if (channel == Channel::kOnline) {
      errors.push_back({"email", "required", MessageId::kEmailRequired, {}});
    }
  } else if (d.email.size() > kMaxEmailBytes || !is_email(d.email)) {
    errors.push_back({"email", "invalid", MessageId::kEmailInvalid, {}});
  }
  if (form.category == "resident") {
    v.category = Category::kResident;
  } else if (form.category == "worker") {
    v.category = Category::kWorker;
    check_text(errors, "workplaceName", d.workplace_name, kMaxNameBytes * 2,
               {MessageId::kWorkplaceNameRequired, MessageId::kWorkplaceNameTooLong,
                MessageId::kWorkplaceNameInvalid});
    check_text(errors, "workplaceAddress", d.workplace_address, kMaxAddressBytes,
               {MessageId::kWorkplaceAddressRequired, MessageId::kWorkplaceAddressTooLong,
                MessageId::kWorkplaceAddressInvalid});
  } else {
    errors.push_back({"category",
                      form.category.empty() ? "required" : "invalid",
                      MessageId::kCategoryRequired,
                      {}});
  }
  if (v.category == Category::kResident) {
    d.workplace_name.clear();
    d.workplace_address.clear();
  }
  if (channel == Channel::kOnline && form.consent != "true") {
    errors.push_back({"consent", "required", MessageId::kConsentRequired, {}});
  }
  if (!errors.empty()) {
    return base::Error::invalid_fields(std::move(errors));
  }
  return v;
}

std::string identity_text(const PersonalData& d) {
  auto squeeze = [](const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] == ' ') {
        ++i;
      } else if (s.compare(i, 3, "\u3000") == 0) {
        i += 3;
      } else {
        out.push_back(s[i++]);
      }
    }
    return out;
  };
  return squeeze(d.name_kanji) + "\n" + squeeze(d.name_kana) + "\n" + d.birth_date.to_string();
}

}  // namespace hoyo::domain
