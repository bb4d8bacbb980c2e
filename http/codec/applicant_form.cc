#include "http/codec/applicant_form.h"

#include <span>

namespace hoyo::http {
namespace {

namespace json = boost::json;
using domain::ApplicantForm;
using base::Error;

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

base::Result<OnlineApplication> online_application_of(const std::vector<FormPart>& parts) {
  OnlineApplication out;
  for (const FormPart& p : parts) {
    if (p.name == "proof") {
      if (!p.data.empty()) out.proof = std::string(p.data);
      continue;
    }
    if (p.data.size() > kMaxFieldBytes) {
      return Error::validation(p.name, "too_long", base::MessageId::kFieldTooLong,
                               {{"field", p.name}});
    }
    for (const Field& f : fields(domain::Channel::kOnline)) {
      if (p.name == f.name) out.form.*f.member = std::string(p.data);
    }
  }
  return out;
}

base::Result<PostcardApplication> postcard_application_of(const json::object& o) {
  PostcardApplication out;
  auto read = [&](const char* name, std::string& to) -> base::Status {
    const json::value* v = o.if_contains(name);
    if (!v) return base::ok_status();
    if (!v->is_string()) {
      return Error::validation(name, "type", base::MessageId::kFieldNotString,
                               {{"field", std::string(name)}});
    }
    to = std::string(v->as_string());
    return base::ok_status();
  };
  for (const Field& f : fields(domain::Channel::kPostcard)) {
    if (base::Status s = read(f.name, out.form.*f.member); !s.ok()) return s;
  }
  if (base::Status s = read("userNumber", out.user_number); !s.ok()) return s;
  return out;
}

}  // namespace hoyo::http
