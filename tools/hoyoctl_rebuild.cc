#include "tools/hoyoctl_rebuild.h"

#include <algorithm>
#include <iostream>

#include "projections/catalog.h"
#include "projections/projection_set.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/hoyoctl_errors.h"
#include "tools/progress.h"

namespace hoyo::tools {

int rebuild_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("rebuild options");
  po::positional_options_description positional;
  positional.add("name", 1);
  std::string name;
  options.add_options()("name", po::value(&name)->required(), "a projection's name, or all");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, false)) return kExitUsage;
  std::vector<std::string> names;
  for (const auto& p : projections::all_projections()) names.push_back(p->name());
  if (name != "all" && std::find(names.begin(), names.end(), name) == names.end()) {
    std::string have;
    for (const auto& n : names) have += " " + n;
    return usage_error(self, "no projection named " + name + " (have:" + have + ")");
  }
  auto dir = open_data_dir(g.data_dir, false);
  if (!dir) return kExitFault;
  projections::ProjectionSet set(*dir->store);
  for (auto& p : projections::all_projections()) set.add(std::move(p));
  Progress progress("rebuild", Progress::Unit::kEvents);
  auto s = set.start(
      name == "all" ? names : std::vector<std::string>{name},
      [&](const projections::RebuildProgress& p) { progress.update(p.applied, p.target); });
  progress.finish();
  if (!s.ok()) {
    std::cerr << error_line(s) << "\n";
    return kExitFault;
  }
  if (auto c = set.checkpoint(); !c.ok()) {
    std::cerr << error_line(c) << "\n";
    return kExitFault;
  }
  boost::json::array list;
  for (const auto& r : set.start_report()) {
    if (*format == "json") {
      list.push_back({{"name", r.name}, {"rebuilt", !r.restored}, {"position", set.position()}});
    } else {
      std::cout << r.name << ": "
                << (r.restored ? "checkpoint kept, caught up" : "rebuilt from the log") << " to "
                << set.position() << "\n";
    }
  }
  if (*format == "json") std::cout << json_text(list);
  return kExitOk;
}

}  // namespace hoyo::tools
