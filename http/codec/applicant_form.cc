#include "http/codec/applicant_form.h"

#include <span>

namespace hoyo::http {
namespace {

namespace json = boost::json;
using domain::ApplicantForm;
using domain::DomainError;

constexpr std::size_t kMaxFieldBytes = 4096;

struct Field {
  const char* name;
  std::string ApplicantForm::*member;
};

// The postcard's fields, then the online form's consent box.
constexpr Field kFields[] = {{"nameKanji", &ApplicantForm::name_kanji},
                             {"nameKana", &ApplicantForm::name_kana},
                             {"birthDate", &ApplicantForm::birth_date},
                             {"postalCode", &ApplicantForm::postal_code},
                             {"address", &ApplicantForm::address},
                             {"phone", &ApplicantForm::phone},
                             {"email", &ApplicantForm::email},
                             {"category", &ApplicantForm::category},
                             {"workplaceName", &ApplicantForm::workplace_name},
                             {"workplaceAddress", &ApplicantForm::workplace_address},
                             {"consent", &ApplicantForm::consent}};

std::span<const Field> fields(domain::Channel channel) {
  return channel == domain::Channel::kOnline ? std::span<const Field>(kFields)
                                             : std::span<const Field>(kFields).first(10);
}

}  // namespace

std::variant<OnlineApplication, DomainError> online_application_of(
    const std::vector<FormPart>& parts) {
  OnlineApplication out;
  for (const FormPart& p : parts) {
    if (p.name == "proof") {
      if (!p.data.empty()) out.proof = std::string(p.data);
      continue;
    }
    if (p.data.size() > kMaxFieldBytes) {
      return DomainError::validation(p.name, "too_long", p.name + " が長すぎます");
    }
    for (const Field& f : fields(domain::Channel::kOnline)) {
      if (p.name == f.name) out.form.*f.member = std::string(p.data);
    }
  }
  return out;
}

std::variant<PostcardApplication, DomainError> postcard_application_of(const json::object& o) {
  PostcardApplication out;
  auto read = [&](const char* name, std::string& to) -> std::optional<DomainError> {
    const json::value* v = o.if_contains(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      return DomainError::validation(name, "type", std::string(name) + " は文字列です");
    }
    to = std::string(v->as_string());
    return std::nullopt;
  };
  for (const Field& f : fields(domain::Channel::kPostcard)) {
    if (auto e = read(f.name, out.form.*f.member)) return *e;
  }
  if (auto e = read("userNumber", out.user_number)) return *e;
  return out;
}

}  // namespace hoyo::http
