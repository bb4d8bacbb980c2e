#include "http/codec/reason_json.h"

namespace hoyo::http {

void put_reason(boost::json::object& o, const std::string& key,
                const accounts::PersonalDataVault* vault, const std::string& plain,
                const domain::SealedText& sealed) {
  accounts::ShownNote shown = accounts::show_note(vault, plain, sealed);
  if (!shown.withheld.empty()) {
    o[key + "Sealed"] = shown.withheld;
  } else if (!shown.text.empty()) {
    o[key] = std::move(shown.text);
  }
}

}  // namespace hoyo::http
