// Where mails go: an SMTP relay (libcurl), or, with no relay configured, .eml
// files in a directory.
//
// Mails carry reset links and activation codes: they leave the machine over
// TLS. Whenever credentials are configured (in the URL or apart) or the relay
// is not on loopback, TLS is required (STARTTLS, or smtps://) and a relay
// that does not offer it gets nothing; a relay on loopback without
// credentials (a local MTA that relays onwards itself) is used with STARTTLS
// when it offers it. Certificates are verified against the system's CAs.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace hoyo::accounts {

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Delivers one message (RFC 5322 text) to `to`. Not OK means try again later.
  virtual base::Status send(const std::string& from, const std::string& to,
                            const std::string& message, const std::string& mail_id) = 0;

  // Removes what this transport keeps on this machine of these mails (an
  // erasure: their text holds personal data), and never writes them again.
  // Goes on past a failure and reports the first. The default keeps nothing;
  // a relay's copies are beyond its reach.
  virtual base::Status forget(const std::vector<std::string>& mail_ids) {
    (void)mail_ids;
    return base::ok_status();
  }

  // Called once the whole message has been handed over (it may still be in
  // a send buffer), just before the receiver is asked to take it for good
  // (SMTP: before the final "."); a non-OK answer abandons the send, with
  // nothing taken. What it records brackets the only moment a crash leaves
  // the outcome unknown.
  using Committing = std::function<base::Status()>;
  // send(), calling `committing` at that moment where a send can be taken
  // and its answer lost (SMTP). When the answer to the end never came (a
  // timeout, a dropped connection), the receiver may hold the mail: not OK,
  // with `*unknown` set. The default, for transports where that cannot
  // happen (a file rewritten under the same name, a test's capture), never
  // calls `committing`.
  virtual base::Status send_committing(const std::string& from, const std::string& to,
                                       const std::string& message, const std::string& mail_id,
                                       const Committing& committing, bool* unknown) {
    (void)committing;
    *unknown = false;
    return send(from, to, message, mail_id);
  }
};

struct SmtpConfig {
  std::string url;                 // "smtp://host:port" (or "smtps://...")
  std::string username, password;  // optional AUTH
  long timeout_seconds = 30;       // to connect (TCP and TLS)
  // The wait for each of the relay's replies, the one to the end of the data
  // included: RFC 5321 (4.5.3.2.6) asks for 10 minutes there, as relays may
  // scan a mail before they take it. No reply by then leaves the mail's fate
  // unknown, and it is not sent again.
  long reply_timeout_seconds = 600;
};

std::unique_ptr<MailTransport> make_smtp_transport(SmtpConfig config);
// True when `config` must use TLS (see above).
bool smtp_requires_tls(const SmtpConfig& config);
// Writes DIR/<mail id>.eml and logs its path on stderr.
std::unique_ptr<MailTransport> make_eml_transport(std::string dir);

}  // namespace hoyo::accounts
