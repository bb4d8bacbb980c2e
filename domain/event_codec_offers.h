// The events of offers to runners-up in the event schema (events.capnp,
// domain/offer.h). Private to domain/: the event codec uses it.
#pragma once

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <optional>
#include <string_view>

#include "domain/events.h"

namespace hoyo::domain::internal {

void encode_offer(capnp::MallocMessageBuilder& m, const RoomOffered& e);
void encode_offer(capnp::MallocMessageBuilder& m, const OfferAccepted& e);
void encode_offer(capnp::MallocMessageBuilder& m, const OfferDeclined& e);
void encode_offer(capnp::MallocMessageBuilder& m, const OfferLapsed& e);

// The offer event of that type; nullopt when `type` is not one, or its
// enumerations hold a value this code does not know.
std::optional<Event> decode_offer(std::string_view type, capnp::FlatArrayMessageReader& m);

}  // namespace hoyo::domain::internal
