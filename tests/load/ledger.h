// Every exchange the load generator and the checks had with hoyod, one JSON
// line each (cycle, who, command, request with its Idempotency-Key, status,
// answer, X-Log-Position, outcome), in a file kept with a failing run; and
// counts per command and outcome for the summary.
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <string>

#include "http_client.h"

namespace hoyo::load {

enum class Outcome {
  kRead,          // a read (nothing written)
  kAcknowledged,  // a write answered 2xx: it must be there, once
  kRefused,       // a write answered 4xx: nothing written
  kUnanswered,    // a write without an answer (or 5xx): may or may not be there, never twice
  kReplayed,      // a keyed write resent: must answer as the first time and write nothing
  kCheck,         // a request of the checks
};
const char* outcome_name(Outcome o);

class Ledger {
 public:
  // Appends to `path` (truncated first when `truncate`).
  void open(const std::string& path, bool truncate);
  void record(int cycle, const std::string& who, const std::string& command, const Request& req,
              const Answer& ans, Outcome outcome);
  void flush();
  const std::string& path() const { return path_; }

  struct Counts {
    std::map<std::string, std::uint64_t> by;  // "command outcome status" -> n
    std::uint64_t requests = 0, acknowledged = 0, refused = 0, unanswered = 0, replayed = 0;
    std::map<std::string, std::uint64_t> refusals;  // problem code -> n
  };
  Counts counts() const;

 private:
  mutable std::mutex mu_;
  std::ofstream out_;
  std::string path_;
  Counts counts_;
};

}  // namespace hoyo::load
