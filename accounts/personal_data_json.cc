#include "accounts/personal_data_json.h"

#include <boost/system/errc.hpp>

namespace hoyo::domain {
namespace {

namespace json = boost::json;

// The fields in the order they are written; birthDate, a date, has no text
// member.
constexpr std::pair<const char*, std::string PersonalData::*> kFields[] = {
    {"nameKanji", &PersonalData::name_kanji},
    {"nameKana", &PersonalData::name_kana},
    {"birthDate", nullptr},
    {"postalCode", &PersonalData::postal_code},
    {"address", &PersonalData::address},
    {"phone", &PersonalData::phone},
    {"email", &PersonalData::email},
    {"workplaceName", &PersonalData::workplace_name},
    {"workplaceAddress", &PersonalData::workplace_address}};

}  // namespace

void tag_invoke(json::value_from_tag, json::value& v, const PersonalData& d) {
  json::object& o = v.emplace_object();
  for (const auto& [name, member] : kFields) {
    o[name] = member ? d.*member : d.birth_date.to_string();
  }
}

json::result<PersonalData> tag_invoke(json::try_value_to_tag<PersonalData>, const json::value& v) {
  const json::object* o = v.if_object();
  if (!o) return json::make_error_code(json::error::not_object);
  PersonalData d;
  for (const auto& [name, member] : kFields) {
    const json::value* f = o->if_contains(name);
    const std::string text = f && f->is_string() ? std::string(f->as_string()) : std::string();
    if (member) {
      d.*member = text;
    } else if (auto date = Date::parse(text)) {
      d.birth_date = *date;
    } else {
      return boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
    }
  }
  return d;
}

}  // namespace hoyo::domain
