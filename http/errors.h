// The one place that maps domain errors to HTTP: status, stable code, a title
// in Japanese (English with Accept-Language: en), the detail, and per-field
// errors for `validation`.
#pragma once

#include "domain/result.h"
#include "http/message.h"

namespace hoyo::http {

boost::beast::http::status status_of(domain::ErrorCode code);
Response error_response(const Request& req, const domain::DomainError& e);
// True when the request prefers English (Accept-Language starting with "en").
bool wants_english(const Request& req);

}  // namespace hoyo::http
