#include "base/mutex.h"
#include "http/app/rebuilds.h"

#include "base/log.h"
#include "base/thread.h"

namespace hoyo::http {

Rebuilds::~Rebuilds() {
  std::vector<std::thread> threads;
  {
    base::MutexLock lk(mu_);
    for (auto& [name, s] : states_) {
      if (s.thread.joinable()) threads.push_back(std::move(s.thread));
    }
  }
  for (auto& t : threads) t.join();
}

bool Rebuilds::start(projections::ProjectionSet& set, const std::string& name) {
  std::thread finished;
  {
    base::MutexLock lk(mu_);
    State& s = states_[name];
    if (s.running) return false;
    finished = std::move(s.thread);
    s.running = true;
    s.failed = false;
    s.applied = s.target = 0;
    s.error.clear();
  }
  if (finished.joinable()) finished.join();  // it has returned: joining is immediate
  std::thread t = base::start_thread("hoyo-rebuild", [this, &set, name] {
    auto status = set.rebuild(name, [this, &name](const projections::RebuildProgress& p) {
      base::MutexLock lk(mu_);
      states_[name].applied = p.applied;
      states_[name].target = p.target;
    });
    if (!status.ok()) {
      base::log_line("error", "rebuild failed", {{"projection", name}, {"error", status.to_string()}});
    }
    base::MutexLock lk(mu_);
    State& done = states_[name];
    done.running = false;
    if (!status.ok()) {
      done.failed = true;
      done.error = status.to_string();
    }
  });
  base::MutexLock lk(mu_);
  states_[name].thread = std::move(t);
  return true;
}

boost::json::object Rebuilds::status(const std::string& name) const {
  base::MutexLock lk(mu_);
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
