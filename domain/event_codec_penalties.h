// The penalty events and a facility's penalty overrides in the event schema
// (events.capnp, issue 17). Private to domain/: the event codec uses it.
#pragma once

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <optional>
#include <string_view>

#include "domain/events.capnp.h"
#include "domain/events.h"

namespace hoyo::domain::internal {

// A facility's overrides; nothing is written when none is given.
void put_penalty_overrides(schema::Facility::Builder b, const PenaltyRulesPatch& p);
// The overrides; none for a facility written before penalties existed.
PenaltyRulesPatch get_penalty_overrides(schema::Facility::Reader b);

void encode_penalty(capnp::MallocMessageBuilder& m, const PenaltyRulesSet& e);
void encode_penalty(capnp::MallocMessageBuilder& m, const AttendanceRecorded& e);
void encode_penalty(capnp::MallocMessageBuilder& m, const UserSuspended& e);
void encode_penalty(capnp::MallocMessageBuilder& m, const SuspensionLifted& e);
void encode_penalty(capnp::MallocMessageBuilder& m, const StayLimitsSet& e);

// The penalty event of that type; nullopt when `type` is not one, or its
// enumerations hold a value this code does not know.
std::optional<Event> decode_penalty(std::string_view type, capnp::FlatArrayMessageReader& m);

}  // namespace hoyo::domain::internal
