// HTTP messages as the handlers see them: Beast's types, nothing of sockets.
#pragma once

#include <boost/beast/http.hpp>
#include <functional>

namespace hoyo::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// Answers one request. Call it exactly once, from any thread; the request it
// answers stays valid until then.
using Reply = std::function<void(Response)>;

// Set by the server on every request: the client's IP address (any value the
// client sent under this name is removed first).
inline constexpr const char* kPeerHeader = "X-Hoyo-Peer";
// Cluster mode: set by the writer on a request a follower forwarded to it,
// which is never forwarded again (a client's is removed first, as above).
inline constexpr const char* kForwardedHeader = "X-Hoyo-Forwarded";

}  // namespace hoyo::http
