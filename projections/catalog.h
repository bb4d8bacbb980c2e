// Every projection Hoyo keeps, by name.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "projections/projection.h"

namespace hoyo::projections {

// booking, demand, operator-index, audit-index: fresh and empty.
std::vector<std::unique_ptr<Projection>> all_projections();

}  // namespace hoyo::projections
