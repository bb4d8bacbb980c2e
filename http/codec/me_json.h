// The user's own profile as JSON (GET and PATCH /api/me, and the login's
// answer): userNumber, name, mustChangePassword and, from a profile,
// category, language, reminders and, while the user is suspended,
// suspendedUntil, suspensionReason, suspendedFrom, suspensionReservation; and
// `limits`, the ward's active limits on nights with what is used and left.
#pragma once

#include <boost/json.hpp>

#include "accounts/account_service.h"

namespace hoyo::http {

// `full`: with category and the preferences (a profile, not a login's answer).
boost::json::object me_json(const accounts::UserLogin& u, bool full = true);

}  // namespace hoyo::http
