// Session and account routes: POST/DELETE /api/session, GET /api/me,
// POST /api/me/password, POST /api/password-resets[/{token}],
// POST /api/operator/session (with `totp` for staff with a second factor) and
// GET /api/operator/me (add_account_routes in routes.h).
#pragma once

#include "http/auth.h"
