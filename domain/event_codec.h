// Events to and from their stored form: a type name and a Cap'n Proto payload
// (events.capnp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/events.h"

namespace hoyo::domain {

struct EncodedEvent {
  std::string type;     // event_type(e)
  std::string payload;  // flat, unpacked Cap'n Proto message
};

EncodedEvent encode_event(const Event& e);

// The event, or nullopt when the type is not a booking-core event or the
// payload does not decode.
std::optional<Event> decode_event(std::string_view type, std::string_view payload);

}  // namespace hoyo::domain
