// hoyoctl's side of a running hoyod: one HTTP/1.1 connection to the server at
// a URL (http:// only: run it on the server's machine or through a tunnel),
// logged in as a staff member (password, and a TOTP or recovery code when
// the account has a second factor), sending requests with that session.
// Answers other than 2xx come back as kServerRefused with the server's own
// sentence (its problem+json `detail`).
#pragma once

#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "base/status.h"

namespace hoyo::tools {

struct ServerAnswer {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

class StaffClient {
 public:
  // For `url` (http://HOST[:PORT], a path ignored); kServerUrlUnsupported
  // otherwise. Nothing is sent yet. `english`: the language of the answers.
  static base::Result<std::unique_ptr<StaffClient>> open(const std::string& url, bool english);
  ~StaffClient();
  StaffClient(const StaffClient&) = delete;
  StaffClient& operator=(const StaffClient&) = delete;

  // POST /api/operator/session; the session is used by every later request.
  base::Status login(const std::string& login, const std::string& password,
                     const std::string& totp);
  // DELETE /api/operator/session (failures ignored).
  void logout();
  // Sends one request (JSON body when not empty) and returns a 2xx answer;
  // kServerUnreachable when there is none, kServerRefused otherwise.
  base::Result<ServerAnswer> send(boost::beast::http::verb verb, const std::string& target,
                                  const std::string& body = {});

 private:
  struct Impl;
  explicit StaffClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// `s` percent-encoded for a query parameter.
std::string query_escape(const std::string& s);

}  // namespace hoyo::tools
