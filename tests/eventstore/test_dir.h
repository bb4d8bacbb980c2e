// Helpers shared by the event-store tests: a temporary directory and events.
#pragma once

#include <string>

#include "eventstore/event.h"

namespace hoyo::eventstore::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A random, non-zero event id.
EventId random_id();
// An event with a random id, the given type and payload, actor "test".
NewEvent make_event(std::string type = "Tested", std::string payload = "payload");

}  // namespace hoyo::eventstore::testing
