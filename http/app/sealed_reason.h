// Issue 17: an operator's free-text reason about one user is sealed under the
// user's data key here, before the command reaches the writer (which never
// needs the text), so that erasing the user erases it too.
#pragma once

#include <string>

#include "accounts/account_service.h"
#include "domain/sealed_text.h"
#include "http/app/call.h"

namespace hoyo::http {

// Seals `plain`, trimmed (domain::stored_reason), for `user`
// (AccountService::seal_note) into `into` and empties `plain`; an empty
// `plain` leaves `into` empty (the rules then say the reason is missing).
// A `plain` that domain::check_reason_text refuses is left as it is, unsealed,
// for the rules to refuse with their own message (422, nothing written). Call it off the
// connection's thread (Call:: off_thread, with the command's submission after it): seal_note looks
// the user up on the writer's thread, behind whatever the writer has queued.
inline base::Status seal_reason(const Call& call, const std::string& user, std::string& plain,
                                domain::SealedText& into) {
  // Refused by the rules (422, nothing written): not sealed, so no work is
  // done for it and a vault fault cannot turn that into a 500.
  if (plain.empty() ||
      !domain::check_reason_text("reason", plain, base::MessageId::kInvalidInput).ok()) {
    return {};
  }
  auto sealed = call.services().accounts().seal_note(user, domain::stored_reason(plain));
  if (!sealed.ok()) return sealed.status();
  into = std::move(sealed).value();
  plain.clear();
  return {};
}

}  // namespace hoyo::http
