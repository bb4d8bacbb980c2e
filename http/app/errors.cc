#include "http/app/errors.h"

#include <boost/json.hpp>

#include "base/catalog.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
using base::ErrorCode;
using base::MessageId;

MessageId title_of(ErrorCode c) {
  switch (c) {
    case ErrorCode::kValidation:
      return MessageId::kTitleValidation;
    case ErrorCode::kNoVacancy:
      return MessageId::kTitleNoVacancy;
    case ErrorCode::kWindowClosed:
      return MessageId::kTitleWindowClosed;
    case ErrorCode::kLimitReached:
      return MessageId::kTitleLimitReached;
    case ErrorCode::kNotFound:
      return MessageId::kTitleNotFound;
    case ErrorCode::kForbidden:
      return MessageId::kTitleForbidden;
    case ErrorCode::kConflict:
      return MessageId::kTitleConflict;
    case ErrorCode::kOtherFacility:
      return MessageId::kTitleOtherFacility;
    case ErrorCode::kWindowOpen:
      return MessageId::kTitleWindowOpen;
    case ErrorCode::kSeedMismatch:
      return MessageId::kTitleSeedMismatch;
    case ErrorCode::kUnauthorized:
      return MessageId::kTitleUnauthorized;
    case ErrorCode::kRateLimited:
      return MessageId::kTitleRateLimited;
    case ErrorCode::kGone:
      return MessageId::kTitleGone;
    case ErrorCode::kPasswordChangeRequired:
      return MessageId::kTitlePasswordChangeRequired;
    case ErrorCode::kPayloadTooLarge:
      return MessageId::kTitlePayloadTooLarge;
    case ErrorCode::kUnsupportedMediaType:
      return MessageId::kTitleUnsupportedMediaType;
    case ErrorCode::kSecondFactorRequired:
      return MessageId::kTitleSecondFactorRequired;
    case ErrorCode::kNotOpen:
      return MessageId::kTitleNotOpen;
    case ErrorCode::kRevealMissing:
      return MessageId::kTitleRevealMissing;
    case ErrorCode::kMalformed:
      return MessageId::kTitleMalformedJson;
    case ErrorCode::kUnavailable:
      return MessageId::kTitleUnavailable;
    case ErrorCode::kSuspended:
      return MessageId::kTitleSuspended;
    case ErrorCode::kNotEnabled:
      return MessageId::kTitleNotEnabled;
    case ErrorCode::kFailed:
    case ErrorCode::kWrongExpectedVersion:
    case ErrorCode::kIdempotencyConflict:
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kCorruption:
    case ErrorCode::kIoError:
    case ErrorCode::kClosed:
    case ErrorCode::kFenced:
      return MessageId::kTitleFailed;
  }
  return MessageId::kTitleFailed;
}

bool is_store_failure(ErrorCode c) {
  switch (c) {
    case ErrorCode::kWrongExpectedVersion:
    case ErrorCode::kIdempotencyConflict:
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kCorruption:
    case ErrorCode::kIoError:
    case ErrorCode::kClosed:
    case ErrorCode::kFenced:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool wants_english(const Request& req) {
  auto it = req.find(bhttp::field::accept_language);
  return it != req.end() && it->value().substr(0, 2) == "en";
}

const char* api_code(ErrorCode code) {
  return is_store_failure(code) ? "failed" : base::error_code_name(code);
}

bhttp::status status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
    case ErrorCode::kWindowClosed:
    case ErrorCode::kLimitReached:
    case ErrorCode::kOtherFacility:
    case ErrorCode::kWindowOpen:
    case ErrorCode::kSeedMismatch:
    case ErrorCode::kNotOpen:
    case ErrorCode::kRevealMissing:
    case ErrorCode::kNotEnabled:
      return bhttp::status::unprocessable_entity;
    case ErrorCode::kNoVacancy:
    case ErrorCode::kConflict:
      return bhttp::status::conflict;
    case ErrorCode::kNotFound:
      return bhttp::status::not_found;
    case ErrorCode::kForbidden:
    case ErrorCode::kPasswordChangeRequired:
    case ErrorCode::kSuspended:
      return bhttp::status::forbidden;
    case ErrorCode::kFailed:
    case ErrorCode::kWrongExpectedVersion:
    case ErrorCode::kIdempotencyConflict:
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kCorruption:
    case ErrorCode::kIoError:
    case ErrorCode::kClosed:
    case ErrorCode::kFenced:
    case ErrorCode::kUnavailable:
      return bhttp::status::service_unavailable;
    case ErrorCode::kUnauthorized:
    case ErrorCode::kSecondFactorRequired:
      return bhttp::status::unauthorized;
    case ErrorCode::kRateLimited:
      return bhttp::status::too_many_requests;
    case ErrorCode::kGone:
      return bhttp::status::gone;
    case ErrorCode::kMalformed:
      return bhttp::status::bad_request;
    case ErrorCode::kPayloadTooLarge:
      return bhttp::status::payload_too_large;
    case ErrorCode::kUnsupportedMediaType:
      return bhttp::status::unsupported_media_type;
  }
  return bhttp::status::internal_server_error;
}

Response error_response(const Request& req, const base::Error& e) {
  const bhttp::status status = status_of(e.code);
  const bool english = wants_english(req);
  boost::json::object body{{"status", static_cast<int>(status)},
                           {"code", api_code(e.code)},
                           {"title", render(title_of(e.code), {}, english)},
                           {"detail", render(e, english)}};
  if (!e.fields.empty()) {
    boost::json::array errors;
    for (const base::FieldError& f : e.fields) {
      errors.push_back(
          {{"field", f.field}, {"code", f.code}, {"message", render(f.message, f.args, english)}});
    }
    body["errors"] = std::move(errors);
  }
  if (e.code == ErrorCode::kSuspended) body["suspendedUntil"] = base::arg_text(e.args, "until");
  Response res{status, req.version()};
  res.set(bhttp::field::content_type, "application/problem+json");
  if (e.code == ErrorCode::kRateLimited || e.code == ErrorCode::kUnavailable) {
    res.set(bhttp::field::retry_after, std::to_string(std::max(1, e.retry_after_seconds)));
  }
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

Response problem(const Request& req, boost::beast::http::status status, std::string_view code,
                 MessageId title, MessageId detail, const base::Args& args) {
  const bool english = wants_english(req);
  return problem(status, code, render(title, {}, english), render(detail, args, english),
                 req.version());
}

}  // namespace hoyo::http
