// HTTP messages as the handlers see them: Beast's types, nothing of sockets.
#pragma once

#include <boost/beast/http.hpp>

namespace hoyo::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

}  // namespace hoyo::http
