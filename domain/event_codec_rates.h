// A facility's rate tables in the event schema (events.capnp RateTable).
// Private to domain/: the event codec and its snapshot use it.
#pragma once

#include <vector>

#include "domain/events.capnp.h"
#include "domain/rates.h"

namespace hoyo::domain::internal {

void put_rates(schema::Facility::Builder b, const std::vector<RateTable>& rates);
// The facility's tables; none for a facility written before rates existed.
std::vector<RateTable> get_rates(schema::Facility::Reader b);

}  // namespace hoyo::domain::internal
