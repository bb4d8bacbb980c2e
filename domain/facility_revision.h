// A facility's revision: a short digest of everything an operator edits on
// the facility page (names, room types, rules, rate tables, penalty
// overrides), for optimistic concurrency on PUT /api/operator/facilities/{id}
// (If-Match). Closed dates are left out: they change through their own
// commands, which never conflict with the page.
#pragma once

#include <string>

#include "domain/facility.h"

namespace hoyo::domain {

// 16 lowercase hex digits (the first 8 bytes of SHA-256 over the facility's
// event-schema encoding without its closed dates). Equal facilities have
// equal revisions on every node and across restarts; any edited field
// changes it.
std::string facility_revision(const Facility& f);

}  // namespace hoyo::domain
