#include "domain/sealed_text.h"

#include "domain/text.h"

namespace hoyo::domain {

base::Status check_reason_text(const char* field, std::string_view text, base::MessageId missing,
                               std::size_t max_bytes) {
  if (!is_plain_text(text)) {
    return base::Error::validation(field, "invalid", base::MessageId::kReasonNotPlainText);
  }
  const std::string trimmed = trim_text(text);
  if (trimmed.empty()) return base::Error::validation(field, "required", missing);
  if (trimmed.size() > max_bytes) {
    return base::Error::validation(field, "too_long", base::MessageId::kReasonTooLong,
                                   {{"max", static_cast<std::int64_t>(max_bytes)}});
  }
  return {};
}

std::string stored_reason(std::string_view text) { return trim_text(text); }

}  // namespace hoyo::domain
