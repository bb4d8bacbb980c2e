// RFC 9457 problem+json answers with a stable machine code.
#pragma once

#include <string_view>

#include "http/message.h"

namespace hoyo::http {

Response problem(boost::beast::http::status status, std::string_view code, std::string_view title,
                 std::string_view detail, unsigned version = 11);
// The same with the title in Japanese, or in English when the request asks
// for it (Accept-Language: en...).
Response problem(const Request& req, boost::beast::http::status status, std::string_view code,
                 std::string_view title_ja, std::string_view title_en, std::string_view detail);

}  // namespace hoyo::http
