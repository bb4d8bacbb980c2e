// M9: the public registration form, posted as multipart/form-data with the
// proof document as its `proof` file part. The server's body limit for this
// route (admit_request) stops an oversized upload before it is
// buffered; the accounts service judges the file by its content.
#include <boost/json.hpp>

#include "accounts/proof_image.h"
#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/codec/applicant_form.h"
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
  auto application = online_application_of(*parts);
  if (!application.ok()) return call.fail(application.error());
  OnlineApplication& a = *application;
  if (a.proof && a.proof->size() > accounts::kMaxProofBytes) {
    return call.fail({ErrorCode::kPayloadTooLarge, base::MessageId::kFileUpTo10MB});
  }
  // A proof is decoded on the image pool: a flood of uploads waits there (or
  // is refused when its queue is full), never in front of logins.
  WorkPool* pool = a.proof ? call.ctx.image_pool : nullptr;
  call.off_thread(
      [call, form = std::move(a.form), proof = std::move(a.proof)]() -> Response {
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
