// A facility in the event schema (events.capnp Facility): its room types,
// rules, closed dates, rate tables and penalty overrides. Private to domain/:
// the event codec and the facility's revision use it.
#pragma once

#include "domain/events.capnp.h"
#include "domain/facility.h"

namespace hoyo::domain::internal {

void put_facility(schema::Facility::Builder b, const Facility& f);
Facility get_facility(schema::Facility::Reader b);

}  // namespace hoyo::domain::internal
