#include "tools/hoyoctl_rebuild.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include "projections/catalog.h"
#include "projections/projection_set.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/hoyoctl_errors.h"
#include "tools/progress.h"
#include "tools/staff_client.h"

namespace hoyo::tools {

namespace json = boost::json;

namespace {

// One line of the answer: a projection, whether it was rebuilt, and the
// position it stands at.
struct Rebuilt {
  std::string name;
  bool rebuilt = false;
  std::uint64_t position = 0;
};

// Rebuilds `names` (every projection when empty) on a stopped directory;
// nullopt after printing why not.
std::optional<std::vector<Rebuilt>> rebuild_in_dir(const Global& g,
                                                   const std::vector<std::string>& names) {
  auto dir = open_data_dir(g.data_dir, false);
  if (!dir) return std::nullopt;
  projections::ProjectionSet set(*dir->store);
  for (auto& p : projections::all_projections()) set.add(std::move(p));
  Progress progress("rebuild", Progress::Unit::kEvents);
  auto s = set.start(
      names, [&](const projections::RebuildProgress& p) { progress.update(p.applied, p.target); });
  progress.finish();
  if (!s.ok()) {
    std::cerr << error_line(s) << "\n";
    return std::nullopt;
  }
  if (auto c = set.checkpoint(); !c.ok()) {
    std::cerr << error_line(c) << "\n";
    return std::nullopt;
  }
  std::vector<Rebuilt> out;
  for (const auto& r : set.start_report()) out.push_back({r.name, !r.restored, set.position()});
  return out;
}

// The server's projections (GET /api/operator/projections); nullopt after
// printing why not.
std::optional<json::array> projections_on_server(StaffClient& client) {
  auto answer = client.get("/api/operator/projections");
  if (!answer) return std::nullopt;
  json::error_code ec;
  json::value v = json::parse(answer->body, ec);
  if (ec || !v.is_array()) {
    std::cerr << "hoyoctl: the server's answer is not a JSON array\n";
    return std::nullopt;
  }
  return std::move(v.as_array());
}

// `key` of the projection named `name` in `list`; nullptr when absent.
const json::value* member_of(const json::array& list, const std::string& name, const char* key) {
  for (const auto& p : list) {
    const json::object* o = p.if_object();
    const json::value* n = o ? o->if_contains("name") : nullptr;
    if (n && n->is_string() && n->as_string() == name) return o->if_contains(key);
  }
  return nullptr;
}

// Rebuilds `names` one after the other through the running hoyod
// (POST /api/operator/projections/{name}/rebuild, then its progress read
// every 200 ms until it is done); the others are caught up already.
std::optional<std::vector<Rebuilt>> rebuild_on_server(const Global& g,
                                                      std::vector<std::string> names) {
  auto client = StaffClient::login(g);
  if (!client) return std::nullopt;
  auto list = projections_on_server(*client);
  if (!list) return std::nullopt;
  std::vector<std::string> all;
  for (const auto& p : *list) {
    if (const json::value* n = p.is_object() ? p.as_object().if_contains("name") : nullptr) {
      if (n->is_string()) all.emplace_back(n->as_string());
    }
  }
  if (names.empty()) names = all;
  for (const std::string& name : names) {
    auto started =
        client->call("POST", "/api/operator/projections/" + url_escape(name) + "/rebuild", "{}");
    if (!started.ok()) {
      std::cerr << error_line(started.status()) << "\n";
      return std::nullopt;
    }
    Progress progress("rebuild " + name, Progress::Unit::kEvents);
    for (;;) {
      list = projections_on_server(*client);
      if (!list) return std::nullopt;
      const json::value* state = member_of(*list, name, "rebuild");
      const json::value* applied = member_of(*list, name, "applied");
      const json::value* target = member_of(*list, name, "target");
      if (applied && target && applied->is_number() && target->is_number()) {
        progress.update(applied->to_number<std::uint64_t>(), target->to_number<std::uint64_t>());
      }
      if (!state || *state != "running") {
        progress.finish();
        if (state && *state == "done") break;
        const json::value* error = member_of(*list, name, "error");
        std::cerr << "hoyoctl: the rebuild of " << name << " failed on the server"
                  << (error && error->is_string() ? ": " + std::string(error->as_string()) : "")
                  << "\n";
        return std::nullopt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  std::vector<Rebuilt> out;
  for (const std::string& name : all) {
    const json::value* position = member_of(*list, name, "position");
    const bool rebuilt = std::find(names.begin(), names.end(), name) != names.end();
    out.push_back({name, rebuilt,
                   position && position->is_number() ? position->to_number<std::uint64_t>() : 0});
  }
  return out;
}

}  // namespace

int rebuild_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("rebuild options");
  po::positional_options_description positional;
  positional.add("name", 1);
  std::string name;
  options.add_options()("name", po::value(&name)->required(), "a projection's name, or all");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  std::vector<std::string> names;
  for (const auto& p : projections::all_projections()) names.push_back(p->name());
  if (name != "all" && std::find(names.begin(), names.end(), name) == names.end()) {
    std::string have;
    for (const auto& n : names) have += " " + n;
    return usage_error(self, "no projection named " + name + " (have:" + have + ")");
  }
  if (name != "all") names = {name};
  auto done = g.server.empty()
                  ? rebuild_in_dir(g, names)
                  : rebuild_on_server(g, name == "all" ? std::vector<std::string>{} : names);
  if (!done) return kExitFault;
  json::array list;
  for (const Rebuilt& r : *done) {
    if (*format == "json") {
      list.push_back({{"name", r.name}, {"rebuilt", r.rebuilt}, {"position", r.position}});
    } else {
      std::cout << r.name << ": "
                << (r.rebuilt ? "rebuilt from the log" : "checkpoint kept, caught up") << " to "
                << r.position << "\n";
    }
  }
  if (*format == "json") std::cout << json_text(list);
  return kExitOk;
}

}  // namespace hoyo::tools
