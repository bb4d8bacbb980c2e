// libFuzzer target for what the server reads from the network: HTTP requests
// (Beast's parser with the server's limits, then the route table), JSON
// bodies (every body parser of the routes), multipart/form-data, and
// WebSocket client frames. The first input byte picks the reader; the rest
// is its input. Anything may be refused; nothing may crash, hang or leak.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "http/server/internal/ws_frames.h"
#include "http/codec/applicant_form.h"
#include "http/codec/json_io.h"
#include "http/codec/multipart.h"
#include "http/codec/operator_json.h"
#include "http/app/router.h"
#include "http/codec/stay_body.h"

namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using namespace hoyo::http;

// The route table's patterns, from the OpenAPI document the server is tested
// against (handlers are not needed to match).
Router router;

void parse_bodies(const json::object& o) {
  (void)stay_of(o);
  (void)change_of(o, "10000012", "1234567890");
  (void)id_list(o, "reservationNumbers");
  (void)facility_of(o, "seaside", hoyo::domain::BookingRules{});
  (void)lottery_of(o, AppConfig{});
  (void)secret_of(o);
  (void)postcard_application_of(o);
  (void)password_change_of(o);
  std::string a, b;
  (void)strings(o, {{"userNumber", &a}, {"password", &b}});
}

void fuzz_request(std::string_view in) {
  bhttp::request_parser<bhttp::string_body> p;
  p.header_limit(8 * 1024);
  p.body_limit(64 * 1024);
  p.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < in.size() && !p.is_done()) {
    const std::size_t n = p.put(boost::asio::buffer(in.data() + used, in.size() - used), ec);
    if (ec == bhttp::error::need_more) break;
    if (ec || n == 0) return;
    used += n;
  }
  if (!p.is_header_done()) return;
  const auto& req = p.get();
  const std::string_view target(req.target().data(), req.target().size());
  (void)router.match(req.method(), target.substr(0, target.find('?')));
  if (!p.is_done()) return;
  auto body = body_object(p.get());
  if (body.ok()) parse_bodies(*body);
  if (auto type = req.find(bhttp::field::content_type); type != req.end()) {
    if (auto boundary =
            multipart_boundary(std::string_view(type->value().data(), type->value().size()))) {
      if (auto parts = parse_multipart(req.body(), *boundary)) {
        (void)online_application_of(*parts);
      }
    }
  }
}

void fuzz_frames(std::string_view in) {
  using namespace hoyo::http::internal;
  WsMessageAssembler assembler(4096);
  for (int i = 0; i < 64 && !in.empty(); ++i) {
    ClientFrame f;
    if (read_client_frame(in, 4096, f) != FrameError::kNone) return;
    in.remove_prefix(f.size);
    if (static_cast<int>(f.opcode) < 8) {
      FrameError e;
      (void)assembler.add(f, e);
      if (e != FrameError::kNone) return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::ifstream in(HOYO_OPENAPI);
  std::stringstream text;
  text << in.rdbuf();
  const json::value spec = json::parse(text.str());
  for (const auto& [path, item] : spec.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      std::string m(method);
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      router.add(bhttp::string_to_verb(m), std::string(path), nullptr);
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      fuzz_request(in);
      break;
    case 1: {
      const auto eol = in.find('\n');
      if (eol == std::string_view::npos) break;
      if (auto parts = parse_multipart(in.substr(eol + 1), in.substr(0, eol))) {
        (void)online_application_of(*parts);
      }
      break;
    }
    case 2:
      fuzz_frames(in);
      break;
    default: {
      boost::system::error_code ec;
      json::value v = json::parse(in, ec);
      if (!ec && v.is_object()) parse_bodies(v.as_object());
    }
  }
  return 0;
}
