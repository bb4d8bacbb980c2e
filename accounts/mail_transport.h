// Where mails go: an SMTP relay (libcurl, STARTTLS when the relay offers it),
// or, with no relay configured, .eml files in a directory.
#pragma once

#include <memory>
#include <string>

#include "eventstore/status.h"

namespace hoyo::accounts {

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Delivers one message (RFC 5322 text) to `to`. Not OK means try again later.
  virtual eventstore::Status send(const std::string& from, const std::string& to,
                                  const std::string& message, const std::string& mail_id) = 0;
};

struct SmtpConfig {
  std::string url;                 // "smtp://host:port" (or "smtps://...")
  std::string username, password;  // optional AUTH
  long timeout_seconds = 30;
};

std::unique_ptr<MailTransport> make_smtp_transport(SmtpConfig config);
// Writes DIR/<mail id>.eml and logs its path on stderr.
std::unique_ptr<MailTransport> make_eml_transport(std::string dir);

}  // namespace hoyo::accounts
