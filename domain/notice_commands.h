// Commands of notices and notice preferences.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/notice_events.h"

namespace hoyo::domain {

// The user's language and reminder choice (the user themself, or an operator
// on their behalf). A choice left unset keeps the value the writer holds, so
// two changes of different choices at once both take effect. kNotFound for
// an unknown or erased user; nothing is written when nothing changes.
struct SetPreferences {
  std::string user;
  std::optional<Language> language;
  std::optional<bool> reminders;
};

// The user marks some of their notices read (the caller checks they are the
// user's own: the ids are not kept by the writer). Empty: refused.
struct MarkNoticesRead {
  std::string user;
  std::vector<std::string> notices;
};

}  // namespace hoyo::domain
