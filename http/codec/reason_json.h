// An operator's reason about a user in an answer (issue 17): `key` holds the
// text while it can be read; once the user's data key is destroyed, `key` is
// left out and `<key>Sealed` says why ("erased"; "unreadable" or "sealed"
// in the cases accounts::ShownNote names).
#pragma once

#include <boost/json.hpp>
#include <string>

#include "accounts/sealed_notes.h"

namespace hoyo::http {

// Adds nothing when there is no reason (neither plain nor sealed).
void put_reason(boost::json::object& o, const std::string& key,
                const accounts::PersonalDataVault* vault, const std::string& plain,
                const domain::SealedText& sealed);

}  // namespace hoyo::http
