#include "tools/hoyoctl_data_dir.h"

#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "accounts/key_file.h"
#include "backup/cluster_mark.h"
#include "eventstore/cluster_member.h"
#include "projections/catalog.h"
#include "tools/hoyoctl_errors.h"
#include "tools/progress.h"

namespace hoyo::tools {

std::unique_ptr<DataDir> open_data_dir(const std::string& dir, bool with_accounts, bool create) {
  if (!create && !std::filesystem::exists(dir + "/events")) {
    std::cerr << error_line(base::Error{
                     base::ErrorCode::kNotFound, base::MessageId::kNoDataDir, {{"dir", dir}}})
              << "\n";
    return nullptr;
  }
  auto d = std::make_unique<DataDir>();
  auto store = eventstore::EventStore::open(dir + "/events");
  if (!store.ok()) {
    std::cerr << error_line(store.status()) << "\n";
    return nullptr;
  }
  d->store = std::move(store).value();
  if (!with_accounts) return d;
  auto proc = processor::CommandProcessor::open(*d->store, d->clock);
  if (!proc.ok()) {
    std::cerr << error_line(proc.status()) << "\n";
    return nullptr;
  }
  d->processor = std::move(proc).value();
  const char* env = std::getenv("HOYO_SECURITY_KEY_FILE");
  const std::string path = env && *env ? env : accounts::default_key_file(dir);
  auto kek = accounts::prepare_key_file(*d->store, path);
  if (!kek.ok()) {
    std::cerr << error_line(kek.status()) << "\n";
    return nullptr;
  }
  accounts::AccountsConfig config;
  config.kek = std::move(kek).value();
  d->accounts = std::make_unique<accounts::AccountService>(*d->store, *d->processor, d->clock,
                                                           std::move(config));
  return d;
}

std::optional<int> refuse_cluster_node(const Command& command, const Global& global) {
  if (!std::filesystem::exists(global.data_dir + "/events")) return std::nullopt;
  auto dir = open_data_dir(global.data_dir, false);
  if (!dir) return kExitFault;
  auto mark = backup::read_cluster_mark(*dir->store);
  if (!mark.ok()) {
    std::cerr << error_line(mark.status()) << "\n";
    return kExitFault;
  }
  if (!*mark) return std::nullopt;
  usage_error(command, global.data_dir + " is the copy of cluster node " + (*mark)->node +
                           " (stream " + (*mark)->stream +
                           "): it takes events from the stream only, and one written here would "
                           "stop the node. Changes go through a running node, never its "
                           "directory (docs/cluster.md, \"Staff in a cluster\"); to use this "
                           "copy alone for good, run hoyoctl leave-cluster " +
                           global.data_dir + " first");
  return kExitUsage;
}

std::unique_ptr<projections::ProjectionSet> open_projections(
    eventstore::EventStore& store, const std::vector<std::string>& names) {
  auto set = std::make_unique<projections::ProjectionSet>(store);
  for (auto& p : projections::all_projections()) {
    if (std::find(names.begin(), names.end(), p->name()) != names.end()) set->add(std::move(p));
  }
  // A bar on a terminal only: scripts read these commands' output, not a log.
  Progress progress("catch-up", Progress::Unit::kEvents);
  std::function<void(const projections::RebuildProgress&)> report;
  if (isatty(STDERR_FILENO)) {
    report = [&](const projections::RebuildProgress& p) { progress.update(p.applied, p.target); };
  }
  auto s = set->start({}, report);
  progress.finish();
  if (!s.ok()) {
    std::cerr << error_line(s) << "\n";
    return nullptr;
  }
  return set;
}

}  // namespace hoyo::tools
