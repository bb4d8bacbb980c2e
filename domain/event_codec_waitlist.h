// The waitlist's events and a facility's waitlist settings in the event
// schema (events.capnp, domain/waitlist.h). Private to domain/: the event
// codec uses it.
#pragma once

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <optional>
#include <string_view>

#include "domain/events.capnp.h"
#include "domain/events.h"

namespace hoyo::domain::internal {

// A facility's waitlist settings; nothing is written for the defaults (off),
// so a facility without a waitlist keeps the revision it had before them.
void put_waitlist_settings(schema::Facility::Builder b, const WaitlistSettings& w);
// The settings; the defaults for a facility written without them.
WaitlistSettings get_waitlist_settings(schema::Facility::Reader b);

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistJoined& e);
void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistLeft& e);
void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistRoomHeld& e);
void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistHoldReleased& e);
void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistOffered& e);
void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistOfferAccepted& e);
void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistOfferClosed& e);

// The waitlist event of that type; nullopt when `type` is not one, or its
// enumerations hold a value this code does not know.
std::optional<Event> decode_waitlist(std::string_view type, capnp::FlatArrayMessageReader& m);

}  // namespace hoyo::domain::internal
