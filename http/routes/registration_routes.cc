// M9: the public registration form, posted as multipart/form-data with the
// proof document as its `proof` file part. The server's body limit for this
// route (admit_request) stops an oversized upload before it is
// buffered; the accounts service judges the file by its content.
#include <boost/json.hpp>

#include "accounts/proof_image.h"
#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/codec/json_io.h"
#include "http/codec/multipart.h"
#include "http/server/problem.h"
#include "http/routes/routes.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;

constexpr std::size_t kMaxFieldBytes = 4096;

void register_applicant(Call& call) {
  // The server counts an upload against the limit from its header, before
  // its body arrives (admit_request); a request that did not pass there
  // (handler tests) is counted here.
  const auto admitted = call.req.find(kAdmittedHeader);
  if (admitted == call.req.end() || admitted->value() != "registration") {
    base::Status limited =
        within_rate(call, "registration", call.ctx.config.rate.registration_per_minute);
    if (!limited.ok()) return call.fail(limited.error());
  }
  auto type = call.req.find(bhttp::field::content_type);
  const auto boundary =
      type == call.req.end()
          ? std::nullopt
          : multipart_boundary(std::string_view(type->value().data(), type->value().size()));
  if (!boundary) {
    return call.fail({ErrorCode::kUnsupportedMediaType, base::MessageId::kSendMultipart});
  }
  auto parts = parse_multipart(call.req.body(), *boundary);
  if (!parts) {
    return call.answer(problem(call.req, bhttp::status::bad_request, "malformed",
                               base::MessageId::kTitleMalformedForm,
                               base::MessageId::kBodyNotMultipart));
  }
  domain::ApplicantForm form;
  std::optional<std::string> proof;
  const std::pair<const char*, std::string*> fields[] = {
      {"nameKanji", &form.name_kanji},
      {"nameKana", &form.name_kana},
      {"birthDate", &form.birth_date},
      {"postalCode", &form.postal_code},
      {"address", &form.address},
      {"phone", &form.phone},
      {"email", &form.email},
      {"category", &form.category},
      {"workplaceName", &form.workplace_name},
      {"workplaceAddress", &form.workplace_address},
      {"consent", &form.consent}};
  for (const FormPart& p : *parts) {
    if (p.name == "proof") {
      if (!p.data.empty()) proof = std::string(p.data);
      continue;
    }
    if (p.data.size() > kMaxFieldBytes) {
      return call.fail(Error::validation(p.name, "too_long", base::MessageId::kFieldTooLong,
                                         {{"field", p.name}}));
    }
    for (const auto& [name, out] : fields) {
      if (p.name == name) *out = std::string(p.data);
    }
  }
  if (proof && proof->size() > accounts::kMaxProofBytes) {
    return call.fail({ErrorCode::kPayloadTooLarge, base::MessageId::kFileUpTo10MB});
  }
  // A proof is decoded on the image pool: a flood of uploads waits there (or
  // is refused when its queue is full), never in front of logins.
  WorkPool* pool = proof ? call.ctx.image_pool : nullptr;
  call.off_thread(
      [call, form, proof = std::move(proof)]() -> Response {
        auto r = call.services().accounts().register_online(
            form, proof ? std::optional<std::string_view>(*proof) : std::nullopt,
            idempotency_key(call.req));
        if (!r.ok()) return error_response(call.req, r.error());
        json::object body{{"registrationId", r->registration_id},
                          {"status", domain::registration_status_name(r->status)}};
        if (!r->user_number.empty()) body["userNumber"] = r->user_number;
        return call.at_head(json_answer(call.req, bhttp::status::created, body));
      },
      pool);
}

}  // namespace

void add_registration_routes(Router& r) {
  r.add(bhttp::verb::post, "/api/registrations", register_applicant);
}

}  // namespace hoyo::http
