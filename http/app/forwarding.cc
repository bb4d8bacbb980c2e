#include "http/app/forwarding.h"

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <sstream>

#include "http/app/forward_limit.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

// Feeds the whole of `bytes` to `parser`; true when it holds one complete
// message and nothing is left over.
template <class Parser>
bool parse_all(Parser& parser, std::string_view bytes) {
  if (bytes.empty()) return false;
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < bytes.size()) {
    const std::size_t n =
        parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec == bhttp::error::need_more) break;
    if (ec) return false;
    if (n == 0) break;
    used += n;
  }
  if (!parser.is_done()) {
    parser.put_eof(ec);
    if (ec) return false;
  }
  return parser.is_header_done() && parser.is_done() && used == bytes.size();
}

// As sent on the wire, its length stated (a chunked body is sent whole).
template <class Message>
std::string encode(Message m) {
  m.prepare_payload();
  std::ostringstream out;
  out << m;
  return std::move(out).str();
}

}  // namespace

bool goes_to_writer(const Route& route) { return route.effect == Effect::kWrite; }

std::string encode_request(const Request& req) { return encode(req); }

std::optional<Request> decode_request(std::string_view bytes, std::size_t body_limit) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.body_limit(body_limit);
  parser.header_limit(kForwardedHeaderLimit);
  if (!parse_all(parser, bytes)) return std::nullopt;
  return parser.release();
}

std::size_t forwarded_request_limit(const AppConfig& config) {
  return std::max(config.body_limit, config.upload_limit) + kForwardedHeaderLimit;
}

std::string encode_response(const Response& res) { return encode(res); }

std::optional<Response> decode_response(std::string_view bytes) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(bytes.size());
  if (!parse_all(parser, bytes)) return std::nullopt;
  return parser.release();
}

}  // namespace hoyo::http
