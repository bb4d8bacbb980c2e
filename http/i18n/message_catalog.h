// The message catalog behind localize() (messages.h): each known message as a
// pattern over its text at the source, with its Japanese and English forms.
#pragma once

#include <span>

namespace hoyo::http::internal {

struct MessageSource {
  const char* pattern;  // an ECMAScript regex anchored with ^...$, matching the
                        // message as written at its source (either language)
  const char* ja;       // replacement format ($1... for captured parts)
  const char* en;
};

// Every known message, the most common first (the first match wins).
std::span<const MessageSource> message_catalog();

}  // namespace hoyo::http::internal
