// O5 online: projection rebuilds started by operators over HTTP, each on a
// thread of its own while reads go on (ProjectionSet::rebuild), one per
// projection at a time, with their progress for GET /api/operator/projections.
// A projection keeps at most one thread: the finished one is joined when the
// next rebuild of it starts, and every one at destruction. A failure is
// logged and reported by status().
#pragma once

#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "projections/projection_set.h"

namespace hoyo::http {

class Rebuilds {
 public:
  Rebuilds() = default;
  ~Rebuilds();  // waits for running rebuilds
  Rebuilds(const Rebuilds&) = delete;
  Rebuilds& operator=(const Rebuilds&) = delete;

  // Starts rebuilding `name`; false when one is already running. `set` must
  // outlive this object.
  bool start(projections::ProjectionSet& set, const std::string& name);
  // {rebuild: "running"|"done"|"failed", applied, target, error?} or {} if none ran.
  boost::json::object status(const std::string& name) const;

 private:
  struct State {
    bool running = false;
    bool failed = false;
    std::uint64_t applied = 0, target = 0;
    std::string error;
    std::thread thread;  // the latest rebuild's, until the next one joins it
  };
  mutable base::Mutex mu_;
  std::map<std::string, State> states_ HOYO_GUARDED_BY(mu_);
};

}  // namespace hoyo::http
