// hoyod's configuration: every rule of docs/rules.md that is configuration (the
// booking rules new facilities start with, the lottery defaults, the account
// policies) and every limit of the server, with their defaults. One JSON file
// (`--config FILE`) may set any of them by dotted section ("server":
// {"threads": 2}); an environment variable HOYO_<SECTION>_<KEY> (e.g.
// HOYO_SERVER_THREADS=2, HOYO_MAIL_SMTP_URL=smtp://relay:25) overrides the
// file; `hoyod --print-config` prints the effective values as JSON.
#pragma once

#include <string>

#include "daemon/cluster_mode.h"
#include "daemon/runtime.h"
#include "http/app/app_config.h"
#include "http/server/server.h"

namespace hoyo::daemon {

struct HoyodConfig {
  std::string listen = "127.0.0.1:8080";
  bool log_requests = true;  // one JSON line per request on stderr
  int work_threads = 4;      // password hashing, image decoding
  http::ServerConfig server;
  // The application's settings; app.public_origin empty: http(s)://LISTEN.
  http::AppConfig app;
  // HOST:PORT of a listener serving only /metrics, without a token (bind it
  // to loopback or the monitoring network); empty: none.
  std::string metrics_listen;
  RuntimeOptions services;  // the data directory, accounts, sessions, mail
  // Backups made while serving (POST /api/operator/backups): under `dir`
  // (empty: DATA_DIR.backups), the newest `keep` of them kept.
  std::string backup_dir;
  int backup_keep = 3;
  // Cluster mode (docs/cluster.md); nats_urls empty: a single node.
  ClusterConfig cluster;
  // The first administrator (accounts/initial_admin.h): added by the writer
  // when the log holds no administrator; both or neither.
  std::string initial_admin;
  std::string initial_admin_password_file;
};

// Applies `json_text` (a JSON object; unknown keys are an error) over `c`.
// Returns "" or what is wrong.
std::string apply_config_json(HoyodConfig& c, const std::string& json_text);
// Applies HOYO_* environment variables over `c`. Returns "" or what is wrong.
std::string apply_config_env(HoyodConfig& c);
// The effective configuration as pretty JSON (what --print-config shows).
std::string config_json(const HoyodConfig& c);

}  // namespace hoyo::daemon
