// JSON in and out for the route files: answers, bodies, typed fields.
#pragma once

#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/status.h"
#include "http/server/message.h"

namespace hoyo::http {

Response json_answer(const Request& req, boost::beast::http::status status,
                     const boost::json::value& body);
Response no_content(const Request& req);
Response method_not_allowed(const Request& req, const char* allow);

// The body as a JSON object, or a kMalformed error (400 `malformed`).
base::Result<boost::json::object> body_object(const Request& req);

// Required string fields; a kValidation error names each missing or mistyped one.
base::Status strings(const boost::json::object& o,
                     std::initializer_list<std::pair<const char*, std::string*>> f);

// kValidation naming the first field of `o` that is not in `known`
// (reason "unknown"): for bodies that refuse what they do not define.
base::Status only_fields(const boost::json::object& o,
                         std::initializer_list<std::string_view> known);

// The body of a password change, a user's or staff's: {currentPassword,
// newPassword, newPasswordConfirm}, each a required string.
struct PasswordChange {
  std::string current, next, confirm;
};
base::Result<PasswordChange> password_change_of(const boost::json::object& o);

// The client address the server put in kPeerHeader ("" in handler tests).
std::string peer(const Request& req);
// The Idempotency-Key header ("" when none).
std::string idempotency_key(const Request& req);
// The X-Min-Position header (0 when none or malformed).
std::uint64_t min_position(const Request& req);

}  // namespace hoyo::http
