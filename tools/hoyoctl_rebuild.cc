#include "tools/hoyoctl_rebuild.h"
#include "tools/hoyoctl_errors.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "projections/catalog.h"
#include "projections/projection_set.h"

namespace hoyo::tools {

int rebuild_command(const std::string& data_dir, const std::string& name) {
  auto store = eventstore::EventStore::open(data_dir + "/events");
  if (!store.ok()) {
    std::cerr << tools::error_line(store.status()) << "\n";
    return 1;
  }
  projections::ProjectionSet set(**store);
  std::vector<std::string> names;
  for (auto& p : projections::all_projections()) {
    names.push_back(p->name());
    set.add(std::move(p));
  }
  std::vector<std::string> rebuild = names;
  if (name != "all") {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::cerr << "hoyoctl: no projection named " << name << " (have:";
      for (const auto& n : names) std::cerr << " " << n;
      std::cerr << ")\n";
      return 2;
    }
    rebuild = {name};
  }
  const bool tty = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  auto last_line = start;
  auto report = [&](const projections::RebuildProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - start).count();
    const double rate = s > 0 ? static_cast<double>(p.applied) / s : 0;
    const double eta = rate > 0 ? static_cast<double>(p.target - p.applied) / rate : 0;
    char line[160];
    std::snprintf(line, sizeof line, "%llu/%llu events, %.0f events/s, ETA %.0f s",
                  static_cast<unsigned long long>(p.applied),
                  static_cast<unsigned long long>(p.target), rate, eta);
    if (tty) {
      std::cerr << "\r" << line << "   " << std::flush;
    } else if (now - last_line >= std::chrono::seconds(1) || p.applied == p.target) {
      std::cerr << line << "\n";
      last_line = now;
    }
  };
  if (auto s = set.start(rebuild, report); !s.ok()) {
    std::cerr << "\n" << error_line(s) << "\n";
    return 1;
  }
  if (tty) std::cerr << "\n";
  if (auto s = set.checkpoint(); !s.ok()) {
    std::cerr << error_line(s) << "\n";
    return 1;
  }
  for (const auto& r : set.start_report()) {
    std::cout << r.name << ": "
              << (r.restored ? "checkpoint kept, caught up" : "rebuilt from the log") << " to "
              << set.position() << "\n";
  }
  return 0;
}

}  // namespace hoyo::tools
