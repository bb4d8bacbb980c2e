// The one place that maps errors to HTTP: status, stable code, a title in
// Japanese (English with Accept-Language: en), the detail, and per-field
// errors for `validation`. Every text is a message id rendered by the
// catalogue (base/catalog.h).
#pragma once

#include "base/status.h"
#include "http/server/message.h"
#include "http/server/problem.h"

namespace hoyo::http {

boost::beast::http::status status_of(base::ErrorCode code);
// The problem `code` an error is answered with: its own name, except the
// event store's failure kinds, which are all `failed`.
const char* api_code(base::ErrorCode code);
Response error_response(const Request& req, const base::Error& e);
// True when the request prefers English (Accept-Language starting with "en").
bool wants_english(const Request& req);
// A problem answer for what is no base::ErrorCode (malformed, csrf, stale...):
// the title and detail are message ids, in the request's language.
Response problem(const Request& req, boost::beast::http::status status, std::string_view code,
                 base::MessageId title, base::MessageId detail, const base::Args& args = {});

}  // namespace hoyo::http
