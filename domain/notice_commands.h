// Commands of notices and notice preferences.
#pragma once

#include <string>
#include <vector>

#include "domain/notice_events.h"

namespace hoyo::domain {

// The user's language and reminder choice (the user themself, or an operator
// on their behalf). kNotFound for an unknown or erased user.
struct SetPreferences {
  std::string user;
  Language language = Language::kJa;
  bool reminders = true;
};

// The user marks some of their notices read (the caller checks they are the
// user's own: the ids are not kept by the writer). Empty: refused.
struct MarkNoticesRead {
  std::string user;
  std::vector<std::string> notices;
};

}  // namespace hoyo::domain
