#include "http/codec/json_io.h"

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
  Response res =
      problem(req, bhttp::status::method_not_allowed, "method_not_allowed",
              "この方法では操作できません", "Method not allowed", std::string("use ") + allow);
  res.set(bhttp::field::allow, allow);
  return res;
}

std::variant<json::object, Response> body_object(const Request& req) {
  boost::system::error_code ec;
  json::value v = json::parse(req.body(), ec);
  if (ec || !v.is_object()) {
    return problem(bhttp::status::bad_request, "malformed",
                   wants_english(req) ? "The body is not a JSON object" : "JSON として読めません",
                   "the request body must be a JSON object", req.version());
  }
  return std::move(v.as_object());
}

std::optional<domain::DomainError> strings(
    const json::object& o, std::initializer_list<std::pair<const char*, std::string*>> f) {
  domain::DomainError e{domain::ErrorCode::kValidation, "入力内容に誤りがあります", {}};
  for (const auto& [name, out] : f) {
    const json::value* v = o.if_contains(name);
    if (!v || !v->is_string()) {
      e.fields.push_back({name, v ? "type" : "required",
                          std::string(name) + (v ? " は文字列です" : " を入力してください")});
    } else {
      *out = std::string(v->as_string());
    }
  }
  if (e.fields.empty()) return std::nullopt;
  return e;
}

std::variant<PasswordChange, domain::DomainError> password_change_of(const json::object& o) {
  PasswordChange c;
  if (auto e = strings(o, {{"currentPassword", &c.current},
                           {"newPassword", &c.next},
                           {"newPasswordConfirm", &c.confirm}})) {
    return *e;
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
