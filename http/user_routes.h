// The routes of a logged-in user (docs/api.md, "Book, change, cancel" and
// "Lottery"): reservations (M6 booking, M7, M8) and lotteries (M2–M5). Each
// checks the session, and answers password_change_required while the initial
// password must be changed. Writes go through the command processor (with
// Idempotency-Key on creating POSTs); reads come from the projections.
#pragma once

#include <optional>
#include <string_view>

#include "http/message.h"
#include "http/services.h"

namespace hoyo::http {

std::optional<Response> user_route(const Request& req, std::string_view path, Services& services);

}  // namespace hoyo::http
