// Operators' reasons about a user, sealed under the user's data key (issue 17):
// AccountService::seal_note and show_note.
#include "accounts/sealed_notes.h"

#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"

namespace hoyo::accounts {

base::Result<domain::SealedText> AccountService::seal_note(const std::string& user_number,
                                                           std::string_view text) {
  if (text.empty()) return domain::SealedText{};
  if (auto r = impl_->user(user_number)) {
    const std::string& key_id = r->submitted.key_id;
    auto sealed = impl_->vault.seal_bytes(key_id, text);
    if (sealed.ok()) return domain::SealedText{key_id, std::move(sealed).value()};
    // Erased since it was looked up: sealed as for any user without a key.
    if (sealed.status().code() != base::ErrorCode::kNotFound) return sealed.status();
  }
  return impl_->vault.seal_unkept(text);
}

ShownNote show_note(const PersonalDataVault* vault, const std::string& plain,
                    const domain::SealedText& sealed) {
  if (sealed.empty()) return {plain, {}};
  if (!vault) return {{}, "sealed"};
  auto opened = vault->open_bytes(sealed.key_id, sealed.bytes);
  if (!opened.ok()) return {{}, "unreadable"};
  if (!*opened) return {{}, "erased"};
  return {std::move(**opened), {}};
}

}  // namespace hoyo::accounts
