// The catalogue: every message id with its Japanese and English text. {name}
// in a text is filled from the argument of that name (an integer, a string or
// a day); an argument the text does not name is for logs only.
//
// The rows follow base/message_ids.def, one per id and in the same order: the
// static_assert below and tests/http/catalog_test.cc hold the two together.
// They live in base/catalog/, one fragment per concept, included below in
// message_ids.def's order. To add a message, add its id to message_ids.def
// and its row to the fragment of its concept.
#include "base/catalog.h"

#include <cstddef>

namespace hoyo::base {
namespace {

using base::MessageId;
using internal::Entry;

// clang-format off
constexpr Entry kCatalog[] = {
#include "base/catalog/validation.inc"
#include "base/catalog/booking.inc"
#include "base/catalog/lottery_applications.inc"
#include "base/catalog/lottery_periods.inc"
#include "base/catalog/auditor_seed.inc"
#include "base/catalog/facilities.inc"
#include "base/catalog/registrations.inc"
#include "base/catalog/registration_form.inc"
#include "base/catalog/passwords.inc"
#include "base/catalog/store_failures.inc"
#include "base/catalog/processor.inc"
#include "base/catalog/accounts.inc"
#include "base/catalog/proof_document.inc"
#include "base/catalog/accounts_failures.inc"
#include "base/catalog/key_file.inc"
#include "base/catalog/problem_titles.inc"
#include "base/catalog/problems.inc"
#include "base/catalog/request_fields.inc"
#include "base/catalog/backups.inc"
#include "base/catalog/fees.inc"
#include "base/catalog/cluster_log.inc"
#include "base/catalog/cluster_followers.inc"
#include "base/catalog/confirmation.inc"
#include "base/catalog/penalties.inc"
#include "base/catalog/limits.inc"
#include "base/catalog/offers.inc"
#include "base/catalog/waitlist.inc"
};
// clang-format on

constexpr bool rows_follow_the_ids() {
  if (std::size(kCatalog) != base::kMessageIdCount) return false;
  for (std::size_t i = 0; i < std::size(kCatalog); ++i) {
    if (static_cast<std::size_t>(kCatalog[i].id) != i) return false;
    if (!kCatalog[i].ja || !*kCatalog[i].ja || !kCatalog[i].en || !*kCatalog[i].en) return false;
  }
  return true;
}
static_assert(rows_follow_the_ids(),
              "one row per message id, in the order of base/message_ids.def, both languages");

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

namespace internal {
std::span<const Entry> catalog() { return kCatalog; }
}  // namespace internal

std::string render_text(std::string_view text, const base::Args& args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      std::size_t j = i + 1;
      while (j < text.size() && name_char(text[j])) ++j;
      if (j > i + 1 && j < text.size() && text[j] == '}') {
        const std::string_view name = text.substr(i + 1, j - i - 1);
        bool found = false;
        for (const base::Arg& a : args) found = found || name == a.name;
        if (found) {
          out += base::arg_text(args, name);
          i = j + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

std::string render(base::MessageId id, const base::Args& args, bool english) {
  const auto i = static_cast<std::size_t>(id);
  if (i >= std::size(kCatalog)) return base::message_id_name(id);
  return render_text(english ? kCatalog[i].en : kCatalog[i].ja, args);
}

std::string render(const base::Error& e, bool english) {
  return render(e.message, e.args, english);
}

}  // namespace hoyo::base
