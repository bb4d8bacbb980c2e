// The application's own settings: what the routes decide by (origins,
// request rates, body limits, the metrics token, and what a new facility or
// lottery period starts with). The daemon reads them with the rest of its
// configuration (daemon/config.h: sections `server`, `rate`, `metrics`,
// `rules`, `lottery`).
#pragma once

#include <cstddef>
#include <string>

#include "domain/facility.h"

namespace hoyo::http {

// Per-source request limits, real elapsed time.
struct RateConfig {
  int login_per_minute = 60;
  int reset_per_minute = 10;
  int registration_per_minute = 20;
  // Writes by one member's account (any route that changes something), from
  // every address together: each may add events, notices and mails, so a
  // script looping book/cancel grows the log and the mail queue at most this
  // fast. Bursts up to the same number.
  int user_writes_per_minute = 60;
};

struct AppConfig {
  // The origin the server is reached at (mail links, the CSRF Origin check).
  std::string public_origin;
  bool tls = false;                                         // cookies Secure, __Host-; HSTS
  std::size_t body_limit = 64 * 1024;                       // every request but the upload
  std::size_t upload_limit = 10 * 1024 * 1024 + 64 * 1024;  // POST /api/registrations
  RateConfig rate;
  // GET /metrics needs "Authorization: Bearer TOKEN"; empty: not served here.
  std::string metrics_token;
  domain::BookingRules rules;        // what a new facility starts with
  int lottery_preference_slots = 3;  // what a new lottery period starts with
  std::string lottery_algorithm = "serial_dictatorship";
};

}  // namespace hoyo::http
