#include "accounts/mail_transport.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "base/mutex.h"

namespace hoyo::accounts {
namespace {

using base::Status;

struct Upload {
  const std::string& data;
  const MailTransport::Committing* committing = nullptr;  // at the end of the data
  std::size_t offset = 0;
  bool committed = false;  // `committing` said yes: the final "." follows
};

// libcurl sends the end of the data (the final ".") once this returns 0.
std::size_t read_upload(char* buffer, std::size_t size, std::size_t items, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * items, u->data.size() - u->offset);
  if (n == 0 && !u->committed && u->committing != nullptr && *u->committing) {
    if (!(*u->committing)().ok()) return CURL_READFUNC_ABORT;
    u->committed = true;
  }
  std::memcpy(buffer, u->data.data() + u->offset, n);
  u->offset += n;
  return n;
}

// "Name <a@b>" or "a@b" -> "<a@b>" for the envelope.
std::string envelope_address(const std::string& address) {
  const auto lt = address.find('<');
  if (lt != std::string::npos) return address.substr(lt);
  return "<" + address + ">";
}

// The host of an smtp:// or smtps:// URL, and whether it names a user.
struct RelayAddress {
  std::string host;
  bool userinfo = false;
};

RelayAddress relay_address(const std::string& url) {
  RelayAddress out;
  std::size_t at = url.find("://");
  at = at == std::string::npos ? 0 : at + 3;
  std::string authority = url.substr(at, url.find_first_of("/?#", at) - at);
  if (const auto user = authority.rfind('@'); user != std::string::npos) {
    out.userinfo = true;
    authority = authority.substr(user + 1);
  }
  if (!authority.empty() && authority[0] == '[') {
    out.host = authority.substr(1, authority.find(']') - 1);
  } else {
    out.host = authority.substr(0, authority.find(':'));
  }
  for (char& c : out.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Loopback by its literal address (a name is not trusted to resolve there,
// "localhost" aside): 127.0.0.0/8 or ::1.
bool loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

}  // namespace

bool smtp_requires_tls(const SmtpConfig& config) {
  const RelayAddress relay = relay_address(config.url);
  return !config.username.empty() || !config.password.empty() || relay.userinfo ||
         !loopback(relay.host);
}

namespace {

class SmtpTransport : public MailTransport {
 public:
  explicit SmtpTransport(SmtpConfig c) : config_(std::move(c)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }

  base::Status send(const std::string& from, const std::string& to, const std::string& message,
                    const std::string& mail_id) override {
    bool unknown = false;
    return send_committing(from, to, message, mail_id, {}, &unknown);
  }

  base::Status send_committing(const std::string& from, const std::string& to,
                               const std::string& message, const std::string&,
                               const Committing& committing, bool* unknown) override {
    *unknown = false;
    CURL* curl = curl_easy_init();
    if (!curl)
      return {base::ErrorCode::kFailed,
              base::MessageId::kMailRelayFailed,
              {{"cause", "curl_easy_init failed"}}};
    Upload upload{message, &committing};
    const std::string mail_from = envelope_address(from);
    curl_slist* rcpt = curl_slist_append(nullptr, envelope_address(to).c_str());
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(
        curl, CURLOPT_USE_SSL,
        static_cast<long>(smtp_requires_tls(config_) ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    // No limit on the whole conversation: a limit there would cut the wait
    // for the reply to the end of the data short, and leave a mail that was
    // on time for the relay unknown. Connecting and each reply are bounded.
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, config_.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, config_.reply_timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    if (!config_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
    }
    const CURLcode rc = curl_easy_perform(curl);
    long reply = 0;  // the relay's last reply: 354 (to DATA) when none came to the end
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK && upload.committed && reply < 400) *unknown = true;
    if (rc != CURLE_OK) {
      return {base::ErrorCode::kIoError,
              base::MessageId::kMailRelayFailed,
              {{"cause", std::string(error[0] ? error : curl_easy_strerror(rc))}}};
    }
    return base::ok_status();
  }

 private:
  SmtpConfig config_;
};

class EmlTransport : public MailTransport {
 public:
  explicit EmlTransport(std::string dir) : dir_(std::move(dir)) {}

  base::Status send(const std::string&, const std::string&, const std::string& message,
                    const std::string& mail_id) override {
    base::MutexLock lk(mu_);
    // Erased meanwhile (the pass read the mail before the erasure): its
    // file is not written again.
    if (forgotten_.contains(mail_id)) {
      return {base::ErrorCode::kGone,
              base::MessageId::kMailFileFailed,
              {{"path", dir_ + "/" + mail_id + ".eml"}}};
    }
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    const std::string path = dir_ + "/" + mail_id + ".eml";
    const std::string tmp = path + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << message;
      out.flush();
      if (!out)
        return {base::ErrorCode::kIoError, base::MessageId::kMailFileFailed, {{"path", tmp}}};
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec)
      return {base::ErrorCode::kIoError,
              base::MessageId::kMailFileFailed,
              {{"path", path}, {"cause", ec.message()}}};
    std::cerr << "{\"mail\":\"written\",\"path\":\"" << path << "\"}\n";
    return base::ok_status();
  }

  base::Status forget(const std::vector<std::string>& mail_ids) override {
    base::MutexLock lk(mu_);
    base::Status first = base::ok_status();
    for (const std::string& id : mail_ids) {
      forgotten_.insert(id);
      for (const std::string& path : {dir_ + "/" + id + ".eml", dir_ + "/" + id + ".eml.tmp"}) {
        std::error_code ec;
        std::filesystem::remove(path, ec);
        if (ec && first.ok()) {
          first = {base::ErrorCode::kIoError,
                   base::MessageId::kMailFileFailed,
                   {{"path", path}, {"cause", ec.message()}}};
        }
      }
    }
    return first;
  }

 private:
  const std::string dir_;
  base::Mutex mu_;  // a file written and an erasure's removal, one at a time
  std::set<std::string> forgotten_ HOYO_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<MailTransport> make_smtp_transport(SmtpConfig config) {
  return std::make_unique<SmtpTransport>(std::move(config));
}

std::unique_ptr<MailTransport> make_eml_transport(std::string dir) {
  return std::make_unique<EmlTransport>(std::move(dir));
}

}  // namespace hoyo::accounts
