#include "daemon/config.h"

#include <boost/json.hpp>
#include <cstdlib>
#include <functional>
#include <variant>
#include <vector>

namespace hoyo::daemon {
namespace {

namespace json = boost::json;

// Instants kept in seconds in the file.
struct SecondsOf {
  domain::Instant* micros;
};

using Target = std::variant<int*, std::size_t*, std::uint32_t*, bool*, std::string*,
                            std::chrono::seconds*, SecondsOf, accounts::InitialPassword*>;

struct Field {
  const char* section;
  const char* key;
  Target target;
};

std::vector<Field> fields(HoyodConfig& c) {
  http::ServerConfig& s = c.server;
  RuntimeOptions& o = c.services;
  accounts::AccountsConfig& a = o.accounts;
  domain::BookingRules& r = c.app.rules;
  return {
      {"server", "listen", &c.listen},
      {"server", "public_origin", &c.app.public_origin},
      {"server", "threads", &s.threads},
      {"server", "work_threads", &c.work_threads},
      {"server", "log_requests", &c.log_requests},
      {"server", "header_limit", &s.header_limit},
      {"server", "body_limit", &s.body_limit},
      {"server", "upload_limit", &c.app.upload_limit},
      {"server", "read_timeout_seconds", &s.read_timeout},
      {"server", "write_timeout_seconds", &s.write_timeout},
      {"server", "idle_timeout_seconds", &s.idle_timeout},
      {"server", "max_connections_per_source", &s.max_connections_per_source},
      {"server", "max_connections", &s.max_connections},
      {"server", "trusted_proxies", &s.trusted_proxies},
      {"server", "body_budget_total", &s.body_budget_total},
      {"server", "body_budget_per_source", &s.body_budget_per_source},
      {"server", "tls_cert", &s.tls_cert_file},
      {"server", "tls_key", &s.tls_key_file},
      {"websocket", "message_max", &s.ws_message_max},
      {"websocket", "idle_timeout_seconds", &s.ws_idle_timeout},
      {"websocket", "queue_max", &s.ws_queue_max},
      {"rate", "login_per_minute", &c.app.rate.login_per_minute},
      {"rate", "reset_per_minute", &c.app.rate.reset_per_minute},
      {"rate", "registration_per_minute", &c.app.rate.registration_per_minute},
      {"rate", "user_writes_per_minute", &c.app.rate.user_writes_per_minute},
      {"sessions", "idle_seconds", SecondsOf{&o.sessions.idle}},
      {"sessions", "absolute_seconds", SecondsOf{&o.sessions.absolute}},
      {"sessions", "sweep_interval_seconds", &o.sessions.sweep_every},
      {"sessions", "sweep_batch", &o.sessions.sweep_batch},
      {"accounts", "auto_approve_residents", &a.auto_approve_residents},
      {"accounts", "initial_password", &a.initial_password},
      {"accounts", "activation_code_days", &a.activation_code_days},
      {"accounts", "initial_password_must_change", &a.initial_password_must_change},
      {"accounts", "initial_password_days", &a.initial_password_days},
      {"accounts", "reset_token_seconds", SecondsOf{&a.reset_token_lifetime}},
      {"accounts", "resets_per_account_per_hour", &a.resets_per_account_per_hour},
      {"accounts", "login_free_failures", &a.throttle.free_failures},
      {"accounts", "login_base_delay_seconds", SecondsOf{&a.throttle.base_delay}},
      {"accounts", "login_max_delay_seconds", SecondsOf{&a.throttle.max_delay}},
      {"accounts", "login_account_free_failures", &a.throttle.account_free_failures},
      {"accounts", "login_account_max_delay_seconds", SecondsOf{&a.throttle.account_max_delay}},
      {"accounts", "login_hold_max_seconds", SecondsOf{&a.throttle.hold_max}},
      {"accounts", "device_token_days", &a.device_token_days},
      {"accounts", "password_change_failures_per_hour", &a.password_change_failures_per_hour},
      {"accounts", "argon2_memory_kib", &a.hash.memory_kib},
      {"accounts", "argon2_iterations", &a.hash.iterations},
      {"accounts", "argon2_parallelism", &a.hash.parallelism},
      {"accounts", "max_hashes_in_flight", &a.max_hashes_in_flight},
      {"security", "key_file", &o.key_file},
      {"staff", "initial_admin", &c.initial_admin},
      {"staff", "initial_admin_password_file", &c.initial_admin_password_file},
      {"backup", "dir", &c.backup_dir},
      {"backup", "keep", &c.backup_keep},
      {"metrics", "token", &c.app.metrics_token},
      {"metrics", "listen", &c.metrics_listen},
      {"snapshots", "interval_seconds", &o.snapshot_interval_seconds},
      {"snapshots", "every_events", &o.snapshot_every_events},
      {"snapshots", "on_close", &o.snapshot_on_close},
      {"mail", "smtp_url", &o.smtp_url},
      {"mail", "smtp_reply_timeout_seconds", &o.smtp_reply_timeout_seconds},
      {"mail", "from", &o.mail_from},
      {"rules", "open_months_before", &r.open_months_before},
      {"rules", "open_hour", &r.open_hour},
      {"rules", "close_days_before", &r.close_days_before},
      {"rules", "change_close_days_before", &r.change_close_days_before},
      {"rules", "cancel_close_days_before", &r.cancel_close_days_before},
      {"rules", "max_upcoming", &r.max_upcoming},
      {"rules", "max_nights", &r.max_nights},
      {"lottery", "preference_slots", &c.app.lottery_preference_slots},
      {"lottery", "algorithm", &c.app.lottery_algorithm},
      {"lottery", "confirm_reminder_seconds", SecondsOf{&o.scheduler.remind_before}},
      {"notices", "stay_reminder_days", &o.scheduler.stay_reminder_days},
      {"cluster", "nats_urls", &c.cluster.nats_urls},
      {"cluster", "node_name", &c.cluster.node_name},
      {"cluster", "stream", &c.cluster.stream},
      {"cluster", "lease_ttl_ms", &c.cluster.lease_ttl_ms},
      {"cluster", "forward_timeout_ms", &c.cluster.forward_timeout_ms},
      {"cluster", "forward_threads", &c.cluster.forward_threads},
  };
}

json::value to_json(const Target& t) {
  return std::visit(
      [](auto p) -> json::value {
        using T = decltype(p);
        if constexpr (std::is_same_v<T, SecondsOf>) {
          return *p.micros / domain::kMicrosPerSecond;
        } else if constexpr (std::is_same_v<T, accounts::InitialPassword*>) {
          return json::string(accounts::initial_password_name(*p));
        } else if constexpr (std::is_same_v<T, std::chrono::seconds*>) {
          return p->count();
        } else {
          return json::value_from(*p);
        }
      },
      t);
}

// Sets a field from a JSON value; "" or what is wrong.
std::string set(const Field& f, const json::value& v) {
  const std::string name = std::string(f.section) + "." + f.key;
  auto integer = [&](std::int64_t lo, std::int64_t hi, std::int64_t& out) -> std::string {
    if (!v.is_int64() && !v.is_uint64()) return name + " must be an integer";
    const std::int64_t x = v.is_int64() ? v.as_int64() : static_cast<std::int64_t>(v.as_uint64());
    if (x < lo || x > hi) return name + " is out of range";
    out = x;
    return "";
  };
  std::int64_t x = 0;
  std::string err;
  std::visit(
      [&](auto t) {
        using T = decltype(t);
        if constexpr (std::is_same_v<T, bool*>) {
          if (!v.is_bool()) {
            err = name + " must be true or false";
          } else {
            *t = v.as_bool();
          }
        } else if constexpr (std::is_same_v<T, std::string*>) {
          if (!v.is_string()) {
            err = name + " must be a string";
          } else {
            *t = std::string(v.as_string());
          }
        } else if constexpr (std::is_same_v<T, accounts::InitialPassword*>) {
          if (v.is_string() && v.as_string() == "activation_code") {
            *t = accounts::InitialPassword::kActivationCode;
          } else if (v.is_string() && v.as_string() == "birth_date") {
            *t = accounts::InitialPassword::kBirthDate;
          } else {
            err = name + " must be \"activation_code\" or \"birth_date\"";
          }
        } else if constexpr (std::is_same_v<T, SecondsOf>) {
          if ((err = integer(0, 10LL * 365 * 86400, x)).empty()) {
            *t.micros = x * domain::kMicrosPerSecond;
          }
        } else if constexpr (std::is_same_v<T, std::chrono::seconds*>) {
          if ((err = integer(1, 86400, x)).empty()) *t = std::chrono::seconds(x);
        } else if constexpr (std::is_same_v<T, int*>) {
          if ((err = integer(-1000000, 1000000000, x)).empty()) *t = static_cast<int>(x);
        } else {
          if ((err = integer(0, INT64_MAX, x)).empty())
            *t = static_cast<std::remove_pointer_t<T>>(x);
        }
      },
      f.target);
  return err;
}

// Parses an environment value as the JSON the field wants: a string field
// takes the text as is, others parse it (numbers, true/false).
json::value env_value(const Field& f, const std::string& text) {
  if (std::holds_alternative<std::string*>(f.target) ||
      std::holds_alternative<accounts::InitialPassword*>(f.target)) {
    return json::string(text);
  }
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  return ec ? json::value(json::string(text)) : v;
}

std::string upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

std::string apply_config_json(HoyodConfig& c, const std::string& json_text) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec || !root.is_object()) return "the configuration is not a JSON object";
  auto table = fields(c);
  for (const auto& [section, body] : root.as_object()) {
    if (!body.is_object()) return std::string(section) + " must be an object";
    for (const auto& [key, value] : body.as_object()) {
      bool known = false;
      for (const Field& f : table) {
        if (section == f.section && key == f.key) {
          if (auto err = set(f, value); !err.empty()) return err;
          known = true;
        }
      }
      if (!known) return "unknown setting " + std::string(section) + "." + std::string(key);
    }
  }
  return "";
}

std::string apply_config_env(HoyodConfig& c) {
  for (const Field& f : fields(c)) {
    const std::string name = "HOYO_" + upper(f.section) + "_" + upper(f.key);
    if (const char* v = std::getenv(name.c_str())) {
      if (auto err = set(f, env_value(f, v)); !err.empty()) return name + ": " + err;
    }
  }
  return "";
}

std::string config_json(const HoyodConfig& c) {
  HoyodConfig copy = c;
  json::object root;
  for (const Field& f : fields(copy)) {
    json::value& section = root[f.section];
    if (!section.is_object()) section = json::object();
    section.as_object()[f.key] = to_json(f.target);
  }
  // Pretty enough: one setting per line.
  std::string out = "{\n";
  bool first_section = true;
  for (const auto& [section, body] : root) {
    out += std::string(first_section ? "" : ",\n") + "  \"" + std::string(section) + "\": {\n";
    first_section = false;
    bool first = true;
    for (const auto& [key, value] : body.as_object()) {
      out += std::string(first ? "" : ",\n") + "    \"" + std::string(key) +
             "\": " + json::serialize(value);
      first = false;
    }
    out += "\n  }";
  }
  return out + "\n}\n";
}

}  // namespace hoyo::daemon
