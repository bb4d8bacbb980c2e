// The loud line a follower (of the log, or of the side tables' stream) logs
// when it stops on a message it cannot apply.
#pragma once

#include <cstdint>
#include <string>

#include "base/log.h"
#include "base/status.h"

namespace hoyo::cluster::internal {

// `what` names the follower ("cluster follower stopped"); `at_sequence` is
// the stream sequence of the message it could not apply.
inline void log_stopped(const char* what, const base::Status& why, std::uint64_t at_sequence) {
  base::log_line("error", what,
                 {{"code", base::error_code_name(why.code())},
                  {"message", base::message_id_name(why.error().message)},
                  {"error", why.to_string()},
                  {"at_sequence", std::to_string(at_sequence)}});
}

}  // namespace hoyo::cluster::internal
