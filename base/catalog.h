// Messages by id, in Japanese (the default) or English: the text of every
// base::MessageId with its arguments filled in. The only translation there is:
// nothing matches text against patterns.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/status.h"

namespace hoyo::base {

// The text of `id` in Japanese, or English when `english`, with each {name}
// replaced by the argument of that name.
std::string render(base::MessageId id, const base::Args& args, bool english);
// The error's own message (what a problem's `detail` says).
std::string render(const base::Error& e, bool english);
// `text` with each {name} that names an argument replaced by it; any other
// brace is kept as written.
std::string render_text(std::string_view text, const base::Args& args);

namespace internal {

struct Entry {
  base::MessageId id;
  const char* ja;
  const char* en;
};

// Every row of the catalogue, in MessageId order.
std::span<const Entry> catalog();

}  // namespace internal
}  // namespace hoyo::base
