// The personal-data vault: per-registration data keys (AES-256-GCM) kept in
// the data_keys side table, outside the log, each wrapped under the
// key-encryption key from the key file outside the data directory
// (key_file.h). Personal fields enter events only sealed under such a key,
// and proof images enter the blob store sealed too; destroying the key
// (crypto-shredding) makes them unreadable for good while the log and its
// hash chain stay intact.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/mutex.h"
#include "domain/account_events.h"
#include "domain/applicant.h"
#include "domain/sealed_text.h"
#include "eventstore/event_store.h"

namespace hoyo::accounts {

class PersonalDataVault {
 public:
  // `store` must outlive the vault. `kek` is the key-encryption key
  // (prepare_key_file); without one (empty) the vault makes and opens no key.
  PersonalDataVault(eventstore::EventStore& store, std::string kek)
      : store_(store), kek_(std::move(kek)) {}

  // A fresh random 256-bit key under a fresh random id, durable on return.
  base::Result<std::string> create_key();
  // Sealed bytes: a format byte, a 96-bit random nonce, the ciphertext and the
  // 128-bit tag; the key id is bound as associated data.
  base::Result<std::string> seal(const std::string& key_id, const domain::PersonalData& d);
  // The fields, or nullopt once the key was destroyed. kCorruption when the
  // bytes do not authenticate.
  base::Result<std::optional<domain::PersonalData>> open(const std::string& key_id,
                                                         std::string_view sealed) const;
  // Bytes (a proof image) sealed under the key: format byte 2, nonce, ciphertext, tag.
  base::Result<std::string> seal_bytes(const std::string& key_id, std::string_view plain);
  // `plain` sealed as seal_bytes does, under a fresh random key that is never
  // stored, named by a fresh id that names no stored key: open_bytes reads it
  // as erased from the start (an operator's reason about a user who has no
  // data key: erased, or a user number without a registration).
  base::Result<domain::SealedText> seal_unkept(std::string_view plain);
  // The bytes, or nullopt once the key was destroyed; kCorruption when they do
  // not authenticate (or are not sealed bytes).
  base::Result<std::optional<std::string>> open_bytes(const std::string& key_id,
                                                      std::string_view sealed) const;
  // Destroys the key so that its bytes leave the data directory (side_shred).
  base::Status destroy(const std::string& key_id);
  bool has_key(const std::string& key_id) const;

  // HMAC-SHA-256 of domain::identity_text under a server secret kept in the
  // same side table (created on first use): spots a second application by the
  // same person without a readable fingerprint in the log.
  base::Result<domain::Digest> identity_digest(const domain::PersonalData& d);

  // A 256-bit server secret named `name` ("server:..."), kept in the same
  // side table and created on first use (the device-token key, the identity
  // HMAC secret).
  base::Result<std::string> server_secret(const std::string& name);

 private:
  base::Result<std::string> key(const std::string& key_id) const;
  // A side-table value of data_keys, unwrapped.
  base::Result<std::optional<std::string>> get_key(const std::string& name) const;
  base::Status put_key(const std::string& name, const std::string& plain);
  eventstore::EventStore& store_;
  std::string kek_;
  base::Mutex secrets_mu_;  // a server secret is created once
};

// Random bytes from OpenSSL's CSPRNG; throws when it fails (fail closed).
std::string random_bytes(std::size_t n);
std::string sha256(std::string_view bytes);
// Constant-time equality of two byte strings (their lengths are not secret).
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace hoyo::accounts
