// Public read routes (no login): facilities and vacancy (M6). Each answers
// from the projections and carries X-Log-Position; X-Min-Position makes it
// wait (boundedly) until the projections have applied that position.
#pragma once

#include <optional>
#include <string_view>

#include "http/message.h"
#include "http/services.h"

namespace hoyo::http {

// The answer for GET /api/facilities and GET /api/vacancy/..., or nullopt when
// `path` is not one of these routes.
std::optional<Response> read_route(const Request& req, std::string_view path, Services& services);

}  // namespace hoyo::http
