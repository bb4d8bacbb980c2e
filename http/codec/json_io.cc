#include "http/codec/json_io.h"

#include <algorithm>

#include "http/app/errors.h"
#include "http/server/problem.h"

namespace hoyo::http {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

Response json_answer(const Request& req, bhttp::status status, const json::value& body) {
  Response res{status, req.version()};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.body() = json::serialize(body);
  res.prepare_payload();
  return res;
}

Response no_content(const Request& req) {
  Response res{bhttp::status::no_content, req.version()};
  res.prepare_payload();
  return res;
}

Response method_not_allowed(const Request& req, const char* allow) {
  Response res = problem(req, bhttp::status::method_not_allowed, "method_not_allowed",
                         base::MessageId::kTitleMethodNotAllowed, base::MessageId::kUseMethods,
                         {{"methods", std::string(allow)}});
  res.set(bhttp::field::allow, allow);
  return res;
}

base::Result<json::object> body_object(const Request& req) {
  boost::system::error_code ec;
  json::value v = json::parse(req.body(), ec);
  if (ec || !v.is_object()) {
    return base::Error{base::ErrorCode::kMalformed, base::MessageId::kBodyNotJsonObject};
  }
  return std::move(v.as_object());
}

base::Status strings(const json::object& o,
                     std::initializer_list<std::pair<const char*, std::string*>> f) {
  std::vector<base::FieldError> fields;
  for (const auto& [name, out] : f) {
    const json::value* v = o.if_contains(name);
    if (!v || !v->is_string()) {
      fields.push_back({name,
                        v ? "type" : "required",
                        v ? base::MessageId::kFieldNotString : base::MessageId::kFieldRequired,
                        {{"field", std::string(name)}}});
    } else {
      *out = std::string(v->as_string());
    }
  }
  if (fields.empty()) return {};
  return base::Error::invalid_fields(std::move(fields));
}

base::Status only_fields(const json::object& o, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : o) {
    if (std::find(known.begin(), known.end(), std::string_view(name)) == known.end()) {
      const std::string field(name);
      return base::Error::validation(field, "unknown", base::MessageId::kFieldUnknown,
                                     {{"field", field}});
    }
  }
  return {};
}

base::Result<PasswordChange> password_change_of(const json::object& o) {
  PasswordChange c;
  if (base::Status s = strings(o, {{"currentPassword", &c.current},
                                   {"newPassword", &c.next},
                                   {"newPasswordConfirm", &c.confirm}});
      !s.ok()) {
    return s;
  }
  return c;
}

std::string peer(const Request& req) {
  auto it = req.find(kPeerHeader);
  return it == req.end() ? std::string() : std::string(it->value());
}

std::string idempotency_key(const Request& req) {
  auto it = req.find("Idempotency-Key");
  return it == req.end() ? std::string() : std::string(it->value().substr(0, 200));
}

std::uint64_t min_position(const Request& req) {
  auto it = req.find("X-Min-Position");
  if (it == req.end()) return 0;
  try {
    return std::stoull(std::string(it->value()));
  } catch (...) {
    return 0;
  }
}

}  // namespace hoyo::http
