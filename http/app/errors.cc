#include "http/app/errors.h"

#include <boost/json.hpp>

#include "http/i18n/messages.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
using domain::ErrorCode;

struct Titles {
  const char* ja;
  const char* en;
};

Titles titles(ErrorCode c) {
  switch (c) {
    case ErrorCode::kValidation:
      return {"入力内容に誤りがあります", "Some fields are not valid"};
    case ErrorCode::kNoVacancy:
      return {"空き室がありません", "No room is free"};
    case ErrorCode::kWindowClosed:
      return {"受付期間外です", "Outside the booking window"};
    case ErrorCode::kLimitReached:
      return {"予約できる件数の上限です", "The reservation limit is reached"};
    case ErrorCode::kNotFound:
      return {"見つかりません", "Not found"};
    case ErrorCode::kForbidden:
      return {"この操作はできません", "Forbidden"};
    case ErrorCode::kConflict:
      return {"現在の状態ではできません", "Conflict"};
    case ErrorCode::kOtherFacility:
      return {"この抽選では別の施設に申し込んでいます", "Already applied to another facility"};
    case ErrorCode::kWindowOpen:
      return {"申込期間中です", "The application window is open"};
    case ErrorCode::kSeedMismatch:
      return {"シードが一致しません", "The secret does not match the commitment"};
    case ErrorCode::kFailed:
      return {"ただいま処理できません", "The service cannot do this now"};
    case ErrorCode::kUnauthorized:
      return {"ログインしてください", "Please log in"};
    case ErrorCode::kRateLimited:
      return {"しばらくしてからもう一度お試しください", "Too many requests"};
    case ErrorCode::kGone:
      return {"このURLは使えません", "This link is no longer valid"};
    case ErrorCode::kPasswordChangeRequired:
      return {"パスワードを変更してください", "Please change your password first"};
    case ErrorCode::kPayloadTooLarge:
      return {"ファイルが大きすぎます", "The upload is too large"};
    case ErrorCode::kUnsupportedMediaType:
      return {"この形式のファイルは使えません", "This file type is not accepted"};
    case ErrorCode::kSecondFactorRequired:
      return {"確認コードが必要です", "An authenticator code is needed"};
    case ErrorCode::kNotOpen:
      return {"申込受付はまだ始まっていません", "The application window has not opened"};
    case ErrorCode::kRevealMissing:
      return {"監査担当者の秘密の値が公開されていません",
              "The auditor has not revealed their secret"};
  }
  return {"エラー", "Error"};
}

}  // namespace

bool wants_english(const Request& req) {
  auto it = req.find(bhttp::field::accept_language);
  return it != req.end() && it->value().substr(0, 2) == "en";
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
      return bhttp::status::unprocessable_entity;
    case ErrorCode::kNoVacancy:
    case ErrorCode::kConflict:
      return bhttp::status::conflict;
    case ErrorCode::kNotFound:
      return bhttp::status::not_found;
    case ErrorCode::kForbidden:
    case ErrorCode::kPasswordChangeRequired:
      return bhttp::status::forbidden;
    case ErrorCode::kFailed:
      return bhttp::status::service_unavailable;
    case ErrorCode::kUnauthorized:
    case ErrorCode::kSecondFactorRequired:
      return bhttp::status::unauthorized;
    case ErrorCode::kRateLimited:
      return bhttp::status::too_many_requests;
    case ErrorCode::kGone:
      return bhttp::status::gone;
    case ErrorCode::kPayloadTooLarge:
      return bhttp::status::payload_too_large;
    case ErrorCode::kUnsupportedMediaType:
      return bhttp::status::unsupported_media_type;
  }
  return bhttp::status::internal_server_error;
}

Response error_response(const Request& req, const domain::DomainError& e) {
  const bhttp::status status = status_of(e.code);
  const Titles t = titles(e.code);
  const bool english = wants_english(req);
  boost::json::object body{{"status", static_cast<int>(status)},
                           {"code", domain::error_code_name(e.code)},
                           {"title", english ? t.en : t.ja},
                           {"detail", localize(e.message, english)}};
  if (!e.fields.empty()) {
    boost::json::array errors;
    for (const domain::FieldError& f : e.fields) {
      errors.push_back(
          {{"field", f.field}, {"code", f.code}, {"message", localize(f.message, english)}});
    }
    body["errors"] = std::move(errors);
  }
  Response res{status, req.version()};
  res.set(bhttp::field::content_type, "application/problem+json");
  if (e.code == ErrorCode::kRateLimited) {
    res.set(bhttp::field::retry_after, std::to_string(std::max(1, e.retry_after_seconds)));
  }
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

Response problem(const Request& req, boost::beast::http::status status, std::string_view code,
                 std::string_view title_ja, std::string_view title_en, std::string_view detail) {
  const bool english = wants_english(req);
  return problem(status, code, english ? title_en : title_ja, localize(detail, english),
                 req.version());
}

}  // namespace hoyo::http
