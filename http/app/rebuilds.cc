#include "http/app/rebuilds.h"

namespace hoyo::http {

Rebuilds::~Rebuilds() {
  for (auto& t : threads_) t.join();
}

bool Rebuilds::start(projections::ProjectionSet& set, const std::string& name) {
  std::lock_guard lk(mu_);
  State& s = states_[name];
  if (s.running) return false;
  s = State{true, false, 0, 0, {}};
  threads_.emplace_back([this, &set, name] {
    auto status = set.rebuild(name, [this, &name](const projections::RebuildProgress& p) {
      std::lock_guard lk(mu_);
      states_[name].applied = p.applied;
      states_[name].target = p.target;
    });
    std::lock_guard lk(mu_);
    State& done = states_[name];
    done.running = false;
    if (!status.is_ok()) {
      done.failed = true;
      done.error = status.to_string();
    }
  });
  return true;
}

boost::json::object Rebuilds::status(const std::string& name) const {
  std::lock_guard lk(mu_);
  auto it = states_.find(name);
  if (it == states_.end()) return {};
  const State& s = it->second;
  boost::json::object o{{"rebuild", s.running  ? "running"
                                    : s.failed ? "failed"
                                               : "done"},
                        {"applied", s.applied},
                        {"target", s.target}};
  if (s.failed) o["error"] = s.error;
  return o;
}

}  // namespace hoyo::http
