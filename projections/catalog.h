// Every projection Hoyo keeps, by name.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "projections/projection.h"

namespace hoyo::projections {

// stays, accounts, demand, operator-index, audit-index, notices: fresh and empty.
// (BookingView, the write side's whole state, is a test oracle in
// tests/projections/oracle, not served.)
std::vector<std::unique_ptr<Projection>> all_projections();

}  // namespace hoyo::projections
