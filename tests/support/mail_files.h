// The mails a test's server wrote as .eml files (no relay configured), read
// back: their recipients and decoded plain-text bodies.
#pragma once

#include <string>
#include <vector>

namespace hoyo::testing {

struct MailFile {
  std::string to;
  std::string body;  // the base64 text/plain body, decoded
};

// Every DIR/*.eml, in no particular order.
std::vector<MailFile> read_mail_files(const std::string& dir);

// The activation code ("ABCD-EFGH-IJKL-MNOP") in a mail to `to` under DIR,
// waiting up to 10 s for the mail; "" when none came.
std::string mailed_activation_code(const std::string& dir, const std::string& to);

}  // namespace hoyo::testing
