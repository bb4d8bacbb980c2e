// Helpers shared by the event-store tests: a temporary directory and events.
#pragma once

#include <string>

#include "eventstore/event.h"
#include "temp_dir.h"

namespace hoyo::eventstore::testing {

using hoyo::testing::TempDir;

// A random, non-zero event id.
EventId random_id();
// An event with a random id, the given type and payload, actor "test".
NewEvent make_event(std::string type = "Tested", std::string payload = "payload");

}  // namespace hoyo::eventstore::testing
