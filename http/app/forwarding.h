// Cluster mode (docs/cluster.md): a follower hands every request that
// changes state to the writer node and answers with the writer's answer.
// This is the HTTP half: which requests go, and the bytes a request and an
// answer travel as (HTTP/1.1 messages, as on the wire). The transport is
// cluster/writer_rpc.h; daemon/ joins the two.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/app/router.h"
#include "http/server/message.h"

namespace hoyo::http {

// True for what must reach the writer: a route that writes (Effect::kWrite;
// a read changes nothing but a session's last use, which each node keeps
// for itself).
bool goes_to_writer(const Route& route);

// The request as bytes. It keeps kPeerHeader, which the follower's server
// set from the socket: the writer's rate limits count the real client.
std::string encode_request(const Request& req);
// nullopt when `bytes` is not one whole request within `body_limit`.
std::optional<Request> decode_request(std::string_view bytes, std::size_t body_limit);

std::string encode_response(const Response& res);
std::optional<Response> decode_response(std::string_view bytes);

}  // namespace hoyo::http
