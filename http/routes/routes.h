// The route modules: each adds its routes to the table.
#pragma once

#include <string_view>

#include "http/app/router.h"
#include "http/app/services.h"

namespace hoyo::http {

// GET /api/health, /api/facilities, /api/vacancy/..., /api/openapi.json, /metrics
void add_public_routes(Router& r);
// /api/session, /api/me, /api/me/password, /api/password-resets, /api/operator/session
void add_account_routes(Router& r);
// /api/operator/me/totp[/confirmation], /api/operator/me/password (operators
// and auditors, their own account)
void add_staff_routes(Router& r);
void add_admin_routes(Router& r);
// PATCH /api/me, /api/me/notices... (a user's login), GET /api/operator/notices
void add_notice_routes(Router& r);
// POST /api/registrations (multipart)
void add_registration_routes(Router& r);
// /api/reservations..., /api/lotteries... (a user's login)
void add_user_routes(Router& r);
// /api/me/offers, /api/offers/{id}/acceptance|declination (a user's login)
void add_offer_routes(Router& r);
// /api/waitlist[/{entryId}] (a user's login)
void add_waitlist_routes(Router& r);
// /api/operator/... (an operator's login)
void add_operator_routes(Router& r);
// /api/operator/reservations... and the CSV exports (called by add_operator_routes)
void add_operator_reservation_routes(Router& r);
// /api/operator/settings/penalties|limits, /api/operator/users/{n}/suspension[/lift]
// and the user's GET /api/me/limits (called by add_operator_routes)
void add_penalty_routes(Router& r);
// /api/operator/backups... (an operator's login; AppContext::backups)
void add_backup_routes(Router& r);
// /api/audit/... (an auditor's login)
void add_audit_routes(Router& r);
// GET and PUT /api/test/clock (only under --test-clock) and /api/test/faults
// (only under --test-faults)
void add_test_routes(Router& r);
// Whether a path under /api/test/ is served by this server: elsewhere it is
// unknown, whatever the method or headers.
bool test_route_served(std::string_view path, Services& services);

}  // namespace hoyo::http
