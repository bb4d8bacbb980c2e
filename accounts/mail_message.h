// The mails Hoyo sends, in Japanese as in the manual, and their RFC 5322 form.
#pragma once

#include <string>

#include "domain/account_events.h"
#include "domain/account_state.h"
#include "domain/civil_time.h"
#include "domain/notice_events.h"

namespace hoyo::accounts {

// Every mail's subject, as the manual names it.
inline constexpr const char* kMailSubject = "港区区民保養施設予約システムからのお知らせ";

struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;  // UTF-8, lines separated by \n
};

// What a template needs; unused fields stay empty.
struct MailFacts {
  std::string name;         // the addressee's name (kanji)
  std::string user_number;  // for approval mails
  // For approval mails: the activation code; empty under the birth-date rule.
  std::string activation_code;
  std::string reason;    // for rejections
  std::string link;      // for reset links (absolute URL)
  std::string base_url;  // the public base URL, for the login page
};

MailMessage render_mail(domain::MailKind kind, const std::string& to, const MailFacts& facts);

// The mail that carries a queued notice `m` (kind kNotice): its subject as
// issued, the addressee's name, its body, then, when the notice is answered
// on a member screen (domain::notice_screen) and `base_url` (the public base
// URL, from configuration only) is not empty, that screen's absolute URL under
// `base_url` (login first when logged out), and the footer, in the notice's
// language.
MailMessage notice_mail(const std::string& to, const std::string& name, const domain::OutboxMail& m,
                        const std::string& base_url);

// The message as sent: headers (UTF-8 subject as an RFC 2047 encoded word),
// a base64 text/plain body, CRLF line ends.
std::string to_rfc5322(const MailMessage& m, const std::string& from, domain::Instant date,
                       const std::string& message_id);

}  // namespace hoyo::accounts
