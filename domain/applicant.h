// M9 / O4: who applies for registration, and the rules for each field of the
// form. Pure: the caller passes today's date.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/civil_time.h"

namespace hoyo::domain {

enum class Category : std::uint8_t { kResident, kWorker };  // 港区内在住 / 港区内在勤
enum class Channel : std::uint8_t { kOnline, kPostcard };   // the web form / an operator

// "resident" / "worker", "online" / "postcard".
const char* category_name(Category c);
const char* channel_name(Channel c);

// The personal fields of an applicant. These are encrypted before they enter
// the log (accounts/personal_data.h).
struct PersonalData {
  std::string name_kanji;
  std::string name_kana;  // full-width katakana
  Date birth_date;
  std::string postal_code;  // NNN-NNNN
  std::string address;
  std::string phone;  // digits, optionally grouped with hyphens
  std::string email;  // may be empty for postcard applicants
  std::string workplace_name;
  std::string workplace_address;
  bool operator==(const PersonalData&) const = default;
};

// The registration form as typed (every field a string, as from a form post).
struct ApplicantForm {
  std::string name_kanji, name_kana, birth_date, postal_code, address, phone, email;
  std::string category;  // "resident" | "worker"
  std::string workplace_name, workplace_address;
  std::string consent;  // "true" when the box is checked
};

struct ValidApplicant {
  Category category = Category::kResident;
  PersonalData data;
};

// Checks every field and reports every broken rule at once (kValidation with
// one FieldError per field). Names and addresses are trimmed; the kana must be
// full-width katakana (spaces and ー allowed); the birth date a real day before
// `today`, at most 130 years back; the postal code NNN-NNNN; the phone 10 or 11
// digits; an email is required online and must look like local@domain; workers
// need a workplace name and address; consent must be "true" online. Whether a
// worker attached a proof is checked by the caller (proof_required()).
base::Result<ValidApplicant> validate_applicant(const ApplicantForm& form, Channel channel,
                                                Date today);

// True when the registration must carry a proof-of-employment document.
inline bool proof_required(Category c, Channel ch) {
  return c == Category::kWorker && ch == Channel::kOnline;
}

// The applicant's identity for spotting a second application by the same
// person: name, kana (spaces removed) and birth date, joined.
std::string identity_text(const PersonalData& d);

}  // namespace hoyo::domain
