// hoyoctl --server URL: the staff HTTP routes of a running hoyod (docs/api.md)
// under a staff login. The password is read from stdin; --totp gives the
// second factor's code for an account that has one. One connection a
// request, http or https (the system's CA certificates), answers in --lang's
// language; logged out at the end.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
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

  // get(), with the answer's body as a JSON object; nullopt after printing
  // the server's problem, or that the body is not one.
  std::optional<boost::json::object> get_json(const std::string& target);

  // Sends one request (`method` "GET", "POST", ...; a JSON `body` when not
  // empty) and returns a 2xx answer without printing anything:
  // kServerUnreachable when there was no answer, kServerAnswer (the status
  // and the server's problem; its `code` arg the problem's code, "" when the
  // body is not problem+json) otherwise.
  base::Result<HttpAnswer> call(const std::string& method, const std::string& target,
                                const std::string& body = {});

  // Downloads `bytes` bytes in slices: GET `target` + "&offset=N" (the
  // target has a query already) from N = 0 on, each answer's body handed to
  // `sink`, until `bytes` arrived or an answer is empty. Returns the bytes
  // received; the first failure of call() or of `sink`.
  base::Result<std::uint64_t> download(const std::string& target, std::uint64_t bytes,
                                       const std::function<base::Status(std::string_view)>& sink);

 private:
  struct Url;
  explicit StaffClient(std::unique_ptr<Url> url);
  // Sends one request; kServerUnreachable when there was no answer.
  base::Result<HttpAnswer> send(const std::string& method, const std::string& target,
                                const std::string& body);
  std::unique_ptr<Url> url_;
  std::string cookies_;  // "name=value; name=value" from Set-Cookie
};

// An answer in JSON lines (application/x-ndjson) as objects; nullopt after
// printing that it is not.
std::optional<std::vector<boost::json::object>> ndjson_objects(const std::string& body);

// An answer's body as a JSON object; nullopt after printing that it is not one.
std::optional<boost::json::object> json_object_of(const std::string& body);

// `s` percent-encoded for a query value or a path segment.
std::string url_escape(const std::string& s);

}  // namespace hoyo::tools
