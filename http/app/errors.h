// The one place that maps domain errors to HTTP: status, stable code, a title
// in Japanese (English with Accept-Language: en), the detail, and per-field
// errors for `validation`.
#pragma once

#include "domain/result.h"
#include "http/server/message.h"
#include "http/server/problem.h"

namespace hoyo::http {

boost::beast::http::status status_of(domain::ErrorCode code);
Response error_response(const Request& req, const domain::DomainError& e);
// True when the request prefers English (Accept-Language starting with "en").
bool wants_english(const Request& req);
// A problem answer with the title in Japanese, or in English when the request
// asks for it, and the detail in the same language.
Response problem(const Request& req, boost::beast::http::status status, std::string_view code,
                 std::string_view title_ja, std::string_view title_en, std::string_view detail);

}  // namespace hoyo::http
