// decide(): dispatch to the facility and reservation rules.
#include "domain/decide.h"

#include "domain/decide_internal.h"

namespace hoyo::domain {

base::Result<std::vector<Event>> decide(const BookingState& state, const Command& command,
                                        Instant now) {
  return std::visit(
      [&](const auto& body) -> base::Result<std::vector<Event>> {
        return internal::decide_one(state, command.actor, body, now);
      },
      command.body);
}

}  // namespace hoyo::domain
