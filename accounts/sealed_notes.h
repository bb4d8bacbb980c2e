// How an operator's reason about a user is shown (issue 17): the plain text of
// an event written before reasons were sealed, or the sealed text opened
// while the user's data key exists; after erasure, a stable marker.
#pragma once

#include <string>

#include "accounts/personal_data.h"
#include "domain/sealed_text.h"

namespace hoyo::accounts {

struct ShownNote {
  std::string text;  // what to show; empty when withheld (or there is none)
  // Empty when shown; else why not, in the words sealed personal data uses:
  // "erased" (the key was destroyed), "unreadable" (the bytes do not
  // authenticate, or the key cannot be read), "sealed" (no vault at hand).
  std::string withheld;
};

// `plain` when nothing is sealed, else `sealed` opened with `vault` (may be null).
ShownNote show_note(const PersonalDataVault* vault, const std::string& plain,
                    const domain::SealedText& sealed);

}  // namespace hoyo::accounts
