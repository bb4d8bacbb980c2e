// hoyoctl --server URL: the staff HTTP routes of a running hoyod (docs/api.md)
// under a staff login. The password is read from stdin; --totp gives the
// second factor's code for an account that has one. One connection a
// request, http or https (the system's CA certificates); logged out at the end.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

struct HttpAnswer {
  unsigned status = 0;
  std::string body;
  std::string position;  // X-Log-Position, "" when absent
};

class StaffClient {
 public:
  // Logs in as global.staff at global.server; nullptr after printing why
  // (an unreachable server, a refused login, no password on stdin).
  static std::unique_ptr<StaffClient> login(const Global& global);
  ~StaffClient();  // logs out
  StaffClient(const StaffClient&) = delete;
  StaffClient& operator=(const StaffClient&) = delete;

  // GET `target` (path and query, percent-encoded): the answer when it is a
  // 2xx, else nullopt after printing the server's problem (its detail and code).
  std::optional<HttpAnswer> get(const std::string& target);

 private:
  struct Url;
  explicit StaffClient(std::unique_ptr<Url> url);
  // Sends one request; nullopt after printing why there was no answer.
  std::optional<HttpAnswer> send(const std::string& method, const std::string& target,
                                 const std::string& body);
  std::unique_ptr<Url> url_;
  std::string cookies_;  // "name=value; name=value" from Set-Cookie
};

// An answer in JSON lines (application/x-ndjson) as objects; nullopt after
// printing that it is not.
std::optional<std::vector<boost::json::object>> ndjson_objects(const std::string& body);

// `s` percent-encoded for a query value or a path segment.
std::string url_escape(const std::string& s);

}  // namespace hoyo::tools
