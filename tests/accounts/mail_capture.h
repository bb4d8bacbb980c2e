// A transport that keeps what it is given, and helpers to read the mails back.
#pragma once

#include <openssl/evp.h>

#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include "accounts/mail_transport.h"

namespace hoyo::accounts::testing {

struct CapturedMail {
  std::string to, message;
};

class CaptureTransport : public MailTransport {
 public:
  explicit CaptureTransport(std::vector<CapturedMail>* out) : out_(out) {}
  base::Status send(const std::string&, const std::string& to, const std::string& message,
                    const std::string&) override {
    if (fail_next > 0) {
      --fail_next;
      return {base::ErrorCode::kIoError, base::MessageId::kMailRelayFailed,
              {{"cause", std::string("relay unavailable")}}};
    }
    out_->push_back({to, message});
    return base::ok_status();
  }
  int fail_next = 0;

 private:
  std::vector<CapturedMail>* out_;
};

// The decoded text body of an RFC 5322 message with a base64 body.
inline std::string mail_body(const std::string& message) {
  // CRLF on the wire; a maildir file may have plain LF.
  auto start = message.find("\r\n\r\n");
  std::size_t skip = 4;
  if (start == std::string::npos) {
    start = message.find("\n\n");
    skip = 2;
  }
  if (start == std::string::npos) return {};
  std::string b64;
  for (char c : message.substr(start + skip)) {
    if (c != '\r' && c != '\n') b64.push_back(c);
  }
  std::string out(b64.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(b64.data()),
                          static_cast<int>(b64.size()));
  if (n < 0) return {};
  while (!b64.empty() && b64.back() == '=') {
    b64.pop_back();
    --n;
  }
  out.resize(n);
  return out;
}

// The reset token in a mail's link, or "".
inline std::string reset_token(const std::string& body) {
  std::smatch m;
  static const std::regex link("/password-reset/([0-9a-f]{64})");
  return std::regex_search(body, m, link) ? m[1].str() : std::string();
}

}  // namespace hoyo::accounts::testing
