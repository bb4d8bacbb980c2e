#include "processor/state_fold.h"

#include <algorithm>

#include "domain/event_codec.h"

namespace hoyo::processor {

void FoldedState::apply(const eventstore::EventView& e, domain::Instant keys_since) {
  position = e.position;
  auto event = domain::decode_event(e.type, e.payload);
  if (!event) return;  // another part of the system's event
  domain::evolve(state, *event);
  ++events;
  last_now = std::max(last_now, e.recorded_at_us);
  if (e.correlation_id == eventstore::EventId{} || e.recorded_at_us < keys_since) return;
  IdempotencyRegistry::Entry* entry = keys.find(e.correlation_id);
  if (!entry) {
    entry = &keys.start(e.correlation_id, command_kind_of_event(e.type), e.recorded_at_us);
    entry->durable = true;
  }
  entry->outcome.events.push_back(std::move(*event));
  entry->outcome.last_position = e.position;
}

}  // namespace hoyo::processor
