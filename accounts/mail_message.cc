#include "accounts/mail_message.h"

#include <openssl/evp.h>

#include <ctime>

namespace hoyo::accounts {
namespace {

std::string base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  out.resize(n);
  return out;
}

const char* kFooter =
    "\n――――――――――――――――――――\n"
    "港区区民保養施設予約システム\n"
    "このメールは送信専用です。ご不明な点は予約センターまでお問い合わせください。\n";

const char* kFooterEn =
    "\n--------------------\n"
    "Minato City Resort Facility Reservations\n"
    "This address does not receive mail. For questions, contact the reservation centre.\n";

std::string rfc5322_date(domain::Instant t) {
  const std::time_t secs = static_cast<std::time_t>(t / domain::kMicrosPerSecond);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

MailMessage render_mail(domain::MailKind kind, const std::string& to, const MailFacts& f) {
  MailMessage m{to, kMailSubject, {}};
  const std::string dear = f.name.empty() ? std::string("利用者様\n\n") : f.name + " 様\n\n";
  const std::string login = f.base_url + "/login";
  switch (kind) {
    case domain::MailKind::kApproved:
      if (!f.activation_code.empty()) {
        // The code opens only the password change, once, for a limited time.
        m.body = dear + "利用者登録が完了しました。\n\n利用者番号: " + f.user_number +
                 "\nアクティベーションコード: " + f.activation_code +
                 "\n\n初めてログインするときは、利用者番号と、パスワードの欄にこの"
                 "アクティベーションコードを入力してください。続けて新しいパスワードを"
                 "設定すると、ご利用いただけます。\n"
                 "アクティベーションコードは1回限り、登録から14日間有効です。"
                 "他人に教えないでください。\n\nログイン: " +
                 login + "\n";
      } else {
        m.body =
            dear + "利用者登録が完了しました。\n\n利用者番号: " + f.user_number +
            "\n\n初期パスワードは生年月日の8桁（例: 1980年4月1日生まれの方は 19800401）です。\n"
            "初めてログインしたときに、パスワードを変更してください。\n\nログイン: " +
            login + "\n";
      }
      break;
    case domain::MailKind::kRejected:
      m.body = dear + "利用者登録のお申込みをお受けできませんでした。\n\n理由: " + f.reason +
               "\n\nご不明な点は予約センターまでお問い合わせください。\n";
      break;
    case domain::MailKind::kResetLink:
      m.body = dear +
               "パスワードの再設定を受け付けました。\n"
               "次のURLを開き、新しいパスワードを設定してください（30分間有効、1回限り）。\n\n" +
               f.link +
               "\n\nお心当たりのない場合は、このメールを破棄してください。"
               "パスワードは変更されません。\n";
      break;
    case domain::MailKind::kNotice:
      break;  // notice_mail(): the text is the notice's
    case domain::MailKind::kPasswordChanged:
      m.body = dear +
               "パスワードが変更されました。すべての端末でログアウトしています。\n"
               "新しいパスワードでログインしてください。\n\nログイン: " +
               login + "\n\nお心当たりのない場合は、すぐに予約センターまでご連絡ください。\n";
      break;
  }
  m.body += kFooter;
  return m;
}

MailMessage notice_mail(const std::string& to, const std::string& name, const domain::OutboxMail& m,
                        const std::string& base_url) {
  const bool en = m.language == domain::Language::kEn;
  std::string dear;
  if (en) {
    dear = name.empty() ? std::string("Dear user,\n\n") : "Dear " + name + ",\n\n";
  } else {
    dear = name.empty() ? std::string("利用者様\n\n") : name + " 様\n\n";
  }
  std::string link;
  const char* screen = domain::notice_screen(m.notice_kind, m.confirm_by);
  if (screen && !base_url.empty()) {
    std::string base = base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    link = (en ? "\nTo answer it, log in here:\n"
               : "\nお手続きはこちらから（ログインが必要です）:\n") +
           base + screen + "\n";
  }
  return {to, m.subject, dear + m.body + link + (en ? kFooterEn : kFooter)};
}

std::string to_rfc5322(const MailMessage& m, const std::string& from, domain::Instant date,
                       const std::string& message_id) {
  std::string body64 = base64(m.body);
  std::string wrapped;
  for (std::size_t i = 0; i < body64.size(); i += 76) wrapped += body64.substr(i, 76) + "\r\n";
  return "From: " + from + "\r\nTo: " + m.to + "\r\nSubject: =?UTF-8?B?" + base64(m.subject) +
         "?=\r\nDate: " + rfc5322_date(date) + "\r\nMessage-ID: <" + message_id +
         ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         wrapped;
}

}  // namespace hoyo::accounts
