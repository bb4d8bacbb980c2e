// The writer snapshot's sections of the booking state (state_snapshot.h
// lists every section and the format that introduced it): the booking
// section, the confirmations and the reminders.
#pragma once

#include <string>
#include <string_view>

#include "domain/booking_state.h"

namespace hoyo::processor {

// The booking section alone (everything of the booking state but the
// accounts): also the test oracle's checkpoint of the same state. Decoding
// into a fresh state (which rebuilds its index of stays by check-in day);
// false when the bytes do not decode.
std::string encode_booking_section(const domain::BookingState& s);
bool decode_booking_section(std::string_view bytes, domain::BookingState& s);

// The confirmations section: each reservation's confirmation and deadline
// where not kNone, the wins reminded and the lapsed rooms held until release. Decoding into a state
// whose booking section is read (false for an unknown reservation or bad bytes) also rebuilds the
// state's confirmation indexes.
std::string encode_confirmations_section(const domain::BookingState& s);
bool decode_confirmations_section(std::string_view bytes, domain::BookingState& s);

// The reminders section: the stay reminders issued and the periods' losers
// told of freed rooms. Decoding into a fresh part of the state; false for
// bad bytes.
std::string encode_reminders_section(const domain::BookingState& s);
bool decode_reminders_section(std::string_view bytes, domain::BookingState& s);

}  // namespace hoyo::processor
