// Session and account routes: POST/DELETE /api/session, GET /api/me,
// POST /api/me/password, POST /api/password-resets[/{token}] and
// POST /api/operator/session (add_account_routes in routes.h).
#pragma once

#include "http/auth.h"
