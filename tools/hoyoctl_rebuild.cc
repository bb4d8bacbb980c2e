#include "tools/hoyoctl_rebuild.h"
#include "tools/hoyoctl_errors.h"

#include <iostream>

#include "projections/catalog.h"
#include "projections/projection_set.h"
#include "tools/progress.h"

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
  Progress progress("rebuild", Progress::Unit::kEvents);
  auto report = [&](const projections::RebuildProgress& p) {
    progress.update(p.applied, p.target);
  };
  if (auto s = set.start(rebuild, report); !s.ok()) {
    progress.finish();
    std::cerr << error_line(s) << "\n";
    return 1;
  }
  progress.finish();
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
