// hoyod's configuration: every rule of docs/rules.md that is configuration (the
// booking rules new facilities start with, the lottery defaults, the account
// policies) and every limit of the server, with their defaults. One JSON file
// (`--config FILE`) may set any of them by dotted section ("server":
// {"threads": 2}); an environment variable HOYO_<SECTION>_<KEY> (e.g.
// HOYO_SERVER_THREADS=2, HOYO_MAIL_SMTP_URL=smtp://relay:25) overrides the
// file; `hoyod --print-config` prints the effective values as JSON.
#pragma once

#include <string>

#include "domain/facility.h"
#include "http/server.h"
#include "http/services.h"

namespace hoyo::http {

struct RateConfig {
  int login_per_minute = 60;  // per source, real elapsed time
  int reset_per_minute = 10;
  int registration_per_minute = 20;
};

struct HoyodConfig {
  std::string listen = "127.0.0.1:8080";
  // The origin the server is reached at (mail links, the CSRF Origin check);
  // empty: http(s)://LISTEN.
  std::string public_origin;
  bool log_requests = true;  // one JSON line per request on stderr
  int work_threads = 4;      // password hashing, image decoding
  ServerConfig server;
  std::size_t upload_limit = 10 * 1024 * 1024 + 64 * 1024;  // POST /api/registrations body
  RateConfig rate;
  // GET /metrics on the public listener needs "Authorization: Bearer TOKEN";
  // empty: not served there.
  std::string metrics_token;
  // HOST:PORT of a listener serving only /metrics, without a token (bind it
  // to loopback or the monitoring network); empty: none.
  std::string metrics_listen;
  ServicesOptions services;          // accounts, sessions, mail
  domain::BookingRules rules;        // what a new facility starts with
  int lottery_preference_slots = 3;  // what a new lottery period starts with
  std::string lottery_algorithm = "serial_dictatorship";
};

// Applies `json_text` (a JSON object; unknown keys are an error) over `c`.
// Returns "" or what is wrong.
std::string apply_config_json(HoyodConfig& c, const std::string& json_text);
// Applies HOYO_* environment variables over `c`. Returns "" or what is wrong.
std::string apply_config_env(HoyodConfig& c);
// The effective configuration as pretty JSON (what --print-config shows).
std::string config_json(const HoyodConfig& c);

}  // namespace hoyo::http
