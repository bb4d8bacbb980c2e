#include "ledger.h"

#include <boost/json.hpp>

#include "model.h"

namespace hoyo::load {

namespace json = boost::json;

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kRead:
      return "read";
    case Outcome::kAcknowledged:
      return "acknowledged";
    case Outcome::kRefused:
      return "refused";
    case Outcome::kUnanswered:
      return "unanswered";
    case Outcome::kReplayed:
      return "replayed";
    case Outcome::kCheck:
      return "check";
  }
  return "?";
}

void Ledger::open(const std::string& path, bool truncate) {
  std::lock_guard lk(mu_);
  if (out_.is_open()) out_.close();
  out_.open(path, truncate ? std::ios::trunc : std::ios::app);
  path_ = path;
}

void Ledger::record(int cycle, const std::string& who, const std::string& command,
                    const Request& req, const Answer& ans, Outcome outcome) {
  json::object line{{"cycle", cycle},
                    {"who", who},
                    {"command", command},
                    {"method", req.method},
                    {"target", req.target},
                    {"status", ans.status},
                    {"outcome", outcome_name(outcome)}};
  if (!req.idempotency_key.empty()) line["key"] = req.idempotency_key;
  if (!req.body.empty()) line["body"] = req.body;
  if (ans.position) line["position"] = ans.position;
  if (ans.status == 0) {
    line["error"] = ans.error;
  } else if (req.method != "GET" || ans.status >= 300) {  // reads are big and rebuilt anyway
    line["answer"] = ans.body.size() > 4000 ? ans.body.substr(0, 4000) + "..." : ans.body;
  }
  std::string code;
  if (ans.status >= 400) {
    if (auto v = parse_json(ans.body)) code = str(*v, "code");
  }
  std::lock_guard lk(mu_);
  if (out_.is_open()) out_ << json::serialize(line) << '\n';
  ++counts_.requests;
  ++counts_.by[command + " " + outcome_name(outcome) + " " + std::to_string(ans.status)];
  switch (outcome) {
    case Outcome::kAcknowledged:
      ++counts_.acknowledged;
      break;
    case Outcome::kRefused:
      ++counts_.refused;
      ++counts_.refusals[code.empty() ? std::to_string(ans.status) : code];
      break;
    case Outcome::kUnanswered:
      ++counts_.unanswered;
      break;
    case Outcome::kReplayed:
      ++counts_.replayed;
      break;
    default:
      break;
  }
}

void Ledger::flush() {
  std::lock_guard lk(mu_);
  if (out_.is_open()) out_.flush();
}

Ledger::Counts Ledger::counts() const {
  std::lock_guard lk(mu_);
  return counts_;
}

}  // namespace hoyo::load
