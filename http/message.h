// HTTP messages as the handlers see them: Beast's types, nothing of sockets.
#pragma once

#include <boost/beast/http.hpp>

namespace hoyo::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// Set by the server on every request: the client's IP address (any value the
// client sent under this name is removed first).
inline constexpr const char* kPeerHeader = "X-Hoyo-Peer";

}  // namespace hoyo::http
