// The applicant form's fields by name, once, for both of its ways in: the
// online form posted as multipart/form-data (M9) and the postcard an operator
// types in as JSON (O4). The rules of each field are
// domain::validate_applicant's.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/applicant.h"
#include "http/codec/multipart.h"

namespace hoyo::http {

// M9: the form from its parts; the `proof` file part comes beside it (nullopt
// when absent or empty). Any other part over 4,096 bytes is refused
// (too_long); parts of other names are ignored.
struct OnlineApplication {
  domain::ApplicantForm form;
  std::optional<std::string> proof;
};
base::Result<OnlineApplication> online_application_of(const std::vector<FormPart>& parts);

// O4: the form from the operator's JSON body, each field a string when given
// (there is no consent box on a postcard), and `userNumber`, the number the
// operator may assign ("" when not given).
struct PostcardApplication {
  domain::ApplicantForm form;
  std::string user_number;
};
base::Result<PostcardApplication> postcard_application_of(const boost::json::object& o);

}  // namespace hoyo::http
