#include "tools/hoyoctl_backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "accounts/key_file.h"
#include "backup/cluster_mark.h"
#include "backup/data_backup.h"
#include "base/catalog.h"
#include "base/hex.h"
#include "eventstore/event_store.h"
#include "tools/hoyoctl_errors.h"
#include "tools/progress.h"
#include "tools/staff_client.h"

namespace hoyo::tools {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

constexpr const char* kProgressHelp =
    "show progress on stderr when it is not a terminal too (plain lines, at most one a "
    "second); on a terminal it is always shown";

int fail(const base::Status& s) {
  std::cerr << error_line(s) << "\n";
  return 1;
}

base::Status io_failure(const std::string& cause) {
  return {base::ErrorCode::kIoError, base::MessageId::kBackupFailed, {{"cause", cause}}};
}

// A cluster node's mark in JSON answers: {"node", "stream"}.
json::object mark_json(const backup::ClusterMark& mark) {
  return {{"node", mark.node}, {"stream", mark.stream}};
}

// The manifest's summary on stdout, as a line or (`json`) an object; a
// restored cluster node's copy (`mark`) adds `clusterNode` to the object.
void print_summary(const char* what, const backup::Manifest& m, const std::string& where, bool json,
                   const std::optional<backup::ClusterMark>& mark = std::nullopt) {
  if (json) {
    json::object o{{"name", m.name},          {"directory", where},
                   {"position", m.position},  {"chainHash", m.chain_hash},
                   {"files", m.files.size()}, {"bytes", m.bytes()}};
    if (mark) o["clusterNode"] = mark_json(*mark);
    if (!m.stale.empty()) o["staleReason"] = m.stale;
    std::cout << json_text(o);
    return;
  }
  std::cout << what << " " << m.name << " in " << where << ": position " << m.position
            << ", chain hash " << m.chain_hash << ", " << m.files.size() << " files, "
            << Progress::amount(m.bytes(), Progress::Unit::kBytes) << "\n";
  if (!m.stale.empty()) {
    std::cout << "STALE (" << m.stale
              << "): made by a cluster follower that could not apply the stream; it may lack "
                 "acknowledged writes. Back up the writer or a node that follows\n";
  }
}

// The output form of a command that takes its data directory as DIR;
// nullopt after a usage message (a bad --format, or --data-dir or --server
// given).
std::optional<std::string> format_of_dir_command(const Command& self, const Global& g) {
  auto format = format_of(self, g, {"table", "json"});
  if (format && (!g.server.empty() || !g.data_dir.empty())) {
    usage_error(self, "takes the data directory as DIR: give neither --data-dir nor --server");
    return std::nullopt;
  }
  return format;
}

// Waits for the server's backup `name` to finish; its manifest.
base::Result<backup::Manifest> await_backup(StaffClient& client, const std::string& name) {
  for (;;) {
    auto answer = client.call("GET", "/api/operator/backups/" + url_escape(name));
    if (!answer.ok()) return answer.status();
    json::error_code ec;
    json::value v = json::parse(answer->body, ec);
    const json::object* o = ec ? nullptr : v.if_object();
    const json::value* state = o ? o->if_contains("state") : nullptr;
    if (!state || !state->is_string()) {
      return base::Status{base::ErrorCode::kCorruption,
                          base::MessageId::kBackupManifestUnreadable,
                          {{"path", name}}};
    }
    if (state->as_string() == "done") return backup::parse_manifest(answer->body, name);
    if (state->as_string() == "failed") {
      std::string detail;
      if (const json::value* e = o->if_contains("error"); e && e->is_object()) {
        if (const json::value* d = e->as_object().if_contains("detail"); d && d->is_string()) {
          detail = std::string(d->as_string());
        }
      }
      return base::Status{base::ErrorCode::kFailed,
                          base::MessageId::kServerAnswer,
                          {{"status", std::int64_t{200}}, {"detail", detail}}};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// Downloads one file of the backup into `to`, a slice at a time.
base::Status download(StaffClient& client, const std::string& name, const backup::BackupFile& f,
                      const fs::path& to, const std::function<void(std::uint64_t)>& on_bytes) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  if (ec) return io_failure(to.parent_path().string() + ": " + ec.message());
  const int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return io_failure(to.string() + ": " + std::strerror(errno));
  auto received = client.download(
      "/api/operator/backups/" + url_escape(name) + "/file?path=" + url_escape(f.path), f.bytes,
      [&](std::string_view bytes) -> base::Status {
        if (::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
          return io_failure(to.string() + ": " + std::strerror(errno));
        }
        on_bytes(bytes.size());
        return base::ok_status();
      });
  base::Status result = received.status();
  if (result.ok() && ::fsync(fd) != 0) {
    result = io_failure(to.string() + ": " + std::strerror(errno));
  }
  ::close(fd);
  if (result.ok() && *received != f.bytes) {
    result = {base::ErrorCode::kCorruption,
              base::MessageId::kBackupFileMismatch,
              {{"path", f.path},
               {"got", static_cast<std::int64_t>(*received)},
               {"want", static_cast<std::int64_t>(f.bytes)}}};
  }
  return result;
}

base::Status destination_free(const std::string& dest) {
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    return {
        base::ErrorCode::kConflict, base::MessageId::kBackupDestinationExists, {{"path", dest}}};
  }
  return base::ok_status();
}

// Why the key file does not open the copy, in a few words: the system's
// reason it cannot be read, or the catalogue's sentence.
std::string key_file_problem(const base::Error& e, const std::string& path) {
  std::string why;
  if (e.message != base::MessageId::kKeyFileForeign && ::access(path.c_str(), R_OK) != 0) {
    why = std::strerror(errno);
  } else {
    why = base::render(e.message == base::MessageId::kKeyFileForeign
                           ? e
                           : base::Error(e.code, base::MessageId::kKeyFileNoKey),
                       !japanese());
  }
  while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
  if (why.size() >= 3 && why.compare(why.size() - 3, 3, "。") == 0) why.resize(why.size() - 3);
  return why;
}

// The restored directory's checks: the chain (its positions shown by
// `progress`), the manifest's head, the key. `mark` receives the cluster
// node's mark the copy holds, if any.
base::Status check_restored(const std::string& data_dir, const backup::Manifest& m,
                            const std::string& key_file, Progress& progress,
                            std::optional<backup::ClusterMark>& mark) {
  auto opened = eventstore::EventStore::open(data_dir + "/" + backup::kStoreDir);
  if (!opened.ok()) return opened.status();
  const auto& store = *opened;
  auto marked = backup::read_cluster_mark(*store);
  if (!marked.ok()) return marked.status();
  mark = *marked;
  const eventstore::VerifyReport report = store->verify(
      1, [&](std::uint64_t checked, std::uint64_t total) { progress.update(checked, total); });
  progress.finish();
  if (!report.ok) {
    return {base::ErrorCode::kCorruption,
            base::MessageId::kRestoreVerifyFailed,
            {{"position", static_cast<std::int64_t>(report.first_bad_position)},
             {"reason", report.reason}}};
  }
  if (store->head() != m.position || base::to_hex(store->head_hash()) != m.chain_hash) {
    return {base::ErrorCode::kCorruption,
            base::MessageId::kRestoreHeadMismatch,
            {{"got", static_cast<std::int64_t>(store->head())},
             {"want", static_cast<std::int64_t>(m.position)},
             {"hash", m.chain_hash}}};
  }
  if (base::Status k = accounts::check_key_file(*store, key_file); !k.ok()) {
    return {base::ErrorCode::kNotFound,
            base::MessageId::kRestoreNeedsKeyFile,
            {{"path", key_file}, {"cause", key_file_problem(k.error(), key_file)}}};
  }
  return base::ok_status();
}

// hoyoctl backup DEST --server URL --staff LOGIN; `plain_progress`: --progress.
int backup_from_server(const Global& g, const std::string& dest, bool as_json,
                       bool plain_progress) {
  if (base::Status s = destination_free(dest); !s.ok()) return fail(s);
  auto client = StaffClient::login(g);
  if (!client) return kExitFault;
  StaffClient& c = *client;
  auto started = c.call("POST", "/api/operator/backups", "{}");
  if (!started.ok()) return fail(started.status());
  json::error_code ec;
  json::value v = json::parse(started->body, ec);
  const json::value* name = ec || !v.is_object() ? nullptr : v.as_object().if_contains("name");
  if (!name || !name->is_string()) {
    return fail({base::ErrorCode::kCorruption,
                 base::MessageId::kBackupManifestUnreadable,
                 {{"path", g.server}}});
  }
  const std::string backup_name(name->as_string());
  Progress progress("backup " + backup_name, Progress::Unit::kBytes, plain_progress);
  if (progress.shown()) std::cerr << "backup: the server is making " << backup_name << "\n";
  auto manifest = await_backup(c, backup_name);
  if (!manifest.ok()) return fail(manifest.status());
  const std::uint64_t total = manifest->bytes();
  std::uint64_t done = 0;
  progress.update(0, total);
  base::Status s;
  for (const backup::BackupFile& f : manifest->files) {
    s = download(c, backup_name, f, fs::path(dest) / f.path, [&](std::uint64_t n) {
      done += n;
      progress.update(done, total);
    });
    if (!s.ok()) break;
  }
  if (s.ok()) s = backup::write_manifest(dest, *manifest);
  progress.finish();
  if (!s.ok()) {
    std::error_code ignored;
    fs::remove_all(dest, ignored);
    return fail(s);
  }
  print_summary("backup", *manifest, dest, as_json);
  return kExitOk;
}

// hoyoctl --data-dir DIR backup DEST; `plain_progress`: --progress.
int backup_stopped_directory(const std::string& data_dir, const std::string& dest, bool as_json,
                             bool plain_progress) {
  if (base::Status s = destination_free(dest); !s.ok()) return fail(s);
  auto store = eventstore::EventStore::open(data_dir + "/" + backup::kStoreDir);
  if (!store.ok()) return fail(store.status());
  Progress progress("backup", Progress::Unit::kBytes, plain_progress);
  auto manifest = backup::make_backup(
      **store, data_dir, dest,
      [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
  progress.finish();
  if (!manifest.ok()) return fail(manifest.status());
  print_summary("backup", *manifest, dest, as_json);
  return kExitOk;
}

}  // namespace

int backup_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("backup options");
  po::positional_options_description positional;
  positional.add("dest", 1);
  std::string dest;
  bool plain_progress = false;
  options.add_options()("dest", po::value(&dest)->required(),
                        "the backup's directory (DEST), which must not exist yet")(
      "progress", po::bool_switch(&plain_progress), kProgressHelp);
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  if (!g.server.empty()) return backup_from_server(g, dest, *format == "json", plain_progress);
  return backup_stopped_directory(g.data_dir, dest, *format == "json", plain_progress);
}

int restore_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("restore options");
  po::positional_options_description positional;
  positional.add("src", 1).add("dir", 1);
  std::string src, data_dir, key_file;
  bool plain_progress = false;
  options.add_options()("src", po::value(&src)->required(), "the backup (SRC)")(
      "dir", po::value(&data_dir)->required(),
      "the data directory to fill (DIR), missing or empty")(
      "key-file", po::value(&key_file),
      "the security key file (HOYO_SECURITY_KEY_FILE, else DIR.key, by default)")(
      "progress", po::bool_switch(&plain_progress), kProgressHelp);
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  auto format = format_of_dir_command(self, g);
  if (!format) return kExitUsage;
  const char* env = std::getenv("HOYO_SECURITY_KEY_FILE");
  const std::string key = !key_file.empty() ? key_file
                          : env && *env     ? std::string(env)
                                            : accounts::default_key_file(data_dir);
  std::error_code ec;
  const bool existed = fs::exists(data_dir, ec);
  Progress progress("restore", Progress::Unit::kBytes, plain_progress);
  auto manifest = backup::copy_backup(src, data_dir, [&](std::uint64_t done, std::uint64_t total) {
    progress.update(done, total);
  });
  progress.finish();
  if (!manifest.ok()) return fail(manifest.status());
  Progress verifying("restore: verify", Progress::Unit::kEvents, plain_progress);
  std::optional<backup::ClusterMark> mark;
  if (base::Status s = check_restored(data_dir, *manifest, key, verifying, mark); !s.ok()) {
    if (existed) {
      for (const auto& e : fs::directory_iterator(data_dir, ec)) fs::remove_all(e.path(), ec);
    } else {
      fs::remove_all(data_dir, ec);
    }
    return fail(s);
  }
  print_summary("restored", *manifest, data_dir, *format == "json", mark);
  if (*format != "json") {
    std::cout << "the chain verifies to position " << manifest->position << "; the key file " << key
              << " opens the sealed data\n";
  }
  if (mark) {
    (*format == "json" ? std::cerr : std::cout)
        << "this is the copy of cluster node " << mark->node << " (stream " << mark->stream
        << "): hoyod starts it in cluster mode only (as that node, or a node replacing it). To use "
           "it alone for good, run hoyoctl leave-cluster "
        << data_dir << "\n";
  }
  return kExitOk;
}

int leave_cluster_command(const Command& self, const Global& g,
                          const std::vector<std::string>& args) {
  po::options_description options("leave-cluster options");
  po::positional_options_description positional;
  positional.add("dir", 1);
  std::string data_dir;
  options.add_options()("dir", po::value(&data_dir)->required(),
                        "a stopped cluster node's data directory (DIR), or its restored copy");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  auto format = format_of_dir_command(self, g);
  if (!format) return kExitUsage;
  std::error_code ec;
  if (!fs::exists(data_dir + "/" + backup::kStoreDir, ec)) {
    return fail({base::ErrorCode::kNotFound, base::MessageId::kNoDataDir, {{"dir", data_dir}}});
  }
  auto store = eventstore::EventStore::open(data_dir + "/" + backup::kStoreDir);
  if (!store.ok()) return fail(store.status());
  auto mark = backup::read_cluster_mark(**store);
  if (!mark.ok()) return fail(mark.status());
  if (*mark) {
    if (base::Status s = backup::clear_cluster_mark(**store); !s.ok()) return fail(s);
  }
  if (*format == "json") {
    json::object o{{"directory", data_dir}, {"left", mark->has_value()}};
    if (*mark)
      o["clusterNode"] = json::object{{"node", (*mark)->node}, {"stream", (*mark)->stream}};
    std::cout << json_text(o);
  } else if (*mark) {
    std::cout << data_dir << " was the copy of cluster node " << (*mark)->node << " (stream "
              << (*mark)->stream
              << "); it is a single node's data directory now: hoyod runs it without cluster "
                 "mode, and it never follows that stream again\n";
  } else {
    std::cout << data_dir << " is no cluster node's copy: nothing to do\n";
  }
  return kExitOk;
}

}  // namespace hoyo::tools
