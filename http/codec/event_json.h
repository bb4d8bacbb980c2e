// Events as JSON for auditors (A1, A3): every event type's fields by name.
// Personal fields sealed in a registration are shown decrypted while the
// registration's data key exists, and as erased once it is destroyed.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <vector>

#include "accounts/personal_data.h"
#include "base/status.h"
#include "domain/events.h"
#include "eventstore/event.h"
#include "eventstore/event_store.h"

namespace hoyo::http {

// The event's fields; `vault` may be null (personal fields then stay sealed).
boost::json::object event_data_json(const domain::Event& e,
                                    const accounts::PersonalDataVault* vault);
// One line of GET /api/audit/events: {position, streamId, version, type, at,
// actor, data, hash}; data is null for an event that is not the booking
// core's (or does not decode).
boost::json::object audit_line(const eventstore::EventView& v,
                               const accounts::PersonalDataVault* vault);
// The same for an event already decoded from `v`.
boost::json::object audit_line(const eventstore::EventView& v, const domain::Event& event,
                               const accounts::PersonalDataVault* vault);

// A3: the audit lines of the events at `positions` (AuditIndex::positions
// of one subject), in order. An event the index names and the log cannot
// give, or that does not decode, is a fault (kFailed, kLogUnreadable, its
// position in the arguments), never skipped.
base::Result<std::vector<boost::json::object>> history_lines(
    const eventstore::EventStore& store, const std::vector<std::uint64_t>& positions,
    const accounts::PersonalDataVault* vault);

}  // namespace hoyo::http
