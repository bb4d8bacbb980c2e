// The events of lottery periods in the event schema (events.capnp,
// domain/lottery.h): opening, applications, the draw, publication and its
// result notices, the auditor's seed. Private to domain/: the event codec uses it.
#pragma once

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <optional>
#include <string_view>

#include "domain/events.h"

namespace hoyo::domain::internal {

void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryOpened& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryApplied& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryDrawn& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryPublished& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryResultsTold& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryWinsBooked& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LosersToTell& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LosersTold& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryAuditorCommitted& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryAuditorRevealed& e);
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryApplicationsCancelled& e);

// The lottery event of that type; nullopt when `type` is not one, or its
// contents are malformed (a hash of the wrong size, an unknown rule).
std::optional<Event> decode_lottery(std::string_view type, capnp::FlatArrayMessageReader& m);

}  // namespace hoyo::domain::internal
