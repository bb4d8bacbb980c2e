// RFC 9457 problem+json answers with a stable machine code.
#pragma once

#include <string_view>

#include "http/server/message.h"

namespace hoyo::http {

Response problem(boost::beast::http::status status, std::string_view code, std::string_view title,
                 std::string_view detail, unsigned version = 11);

}  // namespace hoyo::http
