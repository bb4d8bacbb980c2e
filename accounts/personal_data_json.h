// The personal fields as JSON, written once: {nameKanji, nameKana, birthDate,
// postalCode, address, phone, email, workplaceName, workplaceAddress}. The
// vault seals this text (personal_data.h); operators and auditors read the
// same object.
#pragma once

#include <boost/json.hpp>

#include "domain/applicant.h"

// In domain's namespace for argument-dependent lookup (json::value_from,
// json::value_to and json::try_value_to).
namespace hoyo::domain {

void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const PersonalData& d);
// A text field that is missing or not a string reads as empty; anything but an
// object, or a birthDate that is not a date (YYYY-MM-DD), is an error.
boost::json::result<PersonalData> tag_invoke(boost::json::try_value_to_tag<PersonalData>,
                                             const boost::json::value& v);

}  // namespace hoyo::domain
