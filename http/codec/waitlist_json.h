// The cancellation waitlist (domain/waitlist.h) as JSON: a facility's
// settings and a user's entry. Pure: no I/O, no HTTP.
#pragma once

#include <boost/json.hpp>

#include "base/status.h"
#include "domain/waitlist.h"

namespace hoyo::http {

// {enabled, entriesPerMonth, closeDaysBefore, pickAt: "HH:MM", offerDays,
// offerBy: "HH:MM"} (times of day in Tokyo time).
boost::json::object waitlist_settings_json(const domain::WaitlistSettings& w);
// The same object, each field optional (a field left out takes its
// default); a validation error names each field of the wrong type or form
// under "waitlist.". The domain checks the ranges.
base::Result<domain::WaitlistSettings> waitlist_settings_of(const boost::json::value& v);

// {entryId, facilityId, checkIn, nights, people, guests, reduction,
// roomStyle, joinedAt, offer?: {offerId, offerBy}} (`guests` per night, as
// adults when the entry has none; `offer`: the one open to it, if any).
boost::json::object waitlist_entry_json(const domain::WaitlistEntry& e,
                                        const domain::WaitlistOffer* offer);

}  // namespace hoyo::http
