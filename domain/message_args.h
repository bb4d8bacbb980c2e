// Domain values as message arguments (base/status.h): what a refusal names.
#pragma once

#include "base/status.h"
#include "domain/civil_time.h"

namespace hoyo::domain {

// A date as a message argument.
inline base::Day day_arg(Date d) { return {d.year(), d.month(), d.day()}; }

}  // namespace hoyo::domain
