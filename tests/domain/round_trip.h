// The codec tests' check (domain/event_codec.h): each event, encoded and
// decoded again, is the same event.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "domain/event_codec.h"
#include "domain/events.h"

namespace hoyo::domain::testing {

// Encodes and decodes each of `events`; a failure names the event's type.
inline void expect_round_trips(const std::vector<Event>& events) {
  for (const Event& e : events) {
    const EncodedEvent enc = encode_event(e);
    auto back = decode_event(enc.type, enc.payload);
    ASSERT_TRUE(back.has_value()) << enc.type;
    EXPECT_EQ(*back, e) << enc.type;
  }
}

}  // namespace hoyo::domain::testing
