#include "backup/data_backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "base/hex.h"

namespace hoyo::backup {
namespace {

namespace fs = std::filesystem;

base::Status io_failure(const std::string& cause) {
  return {base::ErrorCode::kIoError, base::MessageId::kBackupFailed, {{"cause", cause}}};
}

bool is_database(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::exists(dir / "CURRENT", ec);
}

bool is_temporary(const fs::path& p) { return p.extension() == ".tmp"; }

// Copies the regular files under `from` into `to`, recursively, leaving out
// temporary files; files that vanish meanwhile (a mail renamed) are skipped.
// `on_bytes` sees each chunk copied.
base::Status copy_tree(const fs::path& from, const fs::path& to,
                       const std::function<void(std::uint64_t)>& on_bytes) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) return io_failure(ec.message());
  for (auto it = fs::directory_iterator(from, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::path p = it->path();
    if (it->is_symlink(ec)) continue;
    if (it->is_directory(ec)) {
      if (base::Status s = copy_tree(p, to / p.filename(), on_bytes); !s.ok()) return s;
    } else if (it->is_regular_file(ec) && !is_temporary(p)) {
      base::Status s = copy_file_synced(p.string(), (to / p.filename()).string(), on_bytes);
      if (!s.ok() && fs::exists(p, ec)) return s;
    }
  }
  if (ec) return io_failure(ec.message());
  return base::ok_status();
}

// The bytes of the regular files under `dir` (an entry of the data
// directory) that copy_tree would copy.
std::uint64_t tree_bytes(const fs::path& dir) {
  std::uint64_t bytes = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink(ec)) {
      it.disable_recursion_pending();
    } else if (it->is_regular_file(ec) && !is_temporary(it->path())) {
      bytes += it->file_size(ec);
    }
  }
  return bytes;
}

}  // namespace

std::string utc_now(const char* strftime_format) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, strftime_format, &tm);
  return buf;
}

std::string default_backup_dir(const std::string& data_dir) {
  std::string d = data_dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d + ".backups";
}

base::Status copy_file_synced(const std::string& from, const std::string& to,
                              const std::function<void(std::uint64_t)>& on_bytes) {
  const int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return io_failure(from + ": " + std::strerror(errno));
  const int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) {
    const int err = errno;
    ::close(in);
    return io_failure(to + ": " + std::strerror(err));
  }
  std::string buf(1 << 20, '\0');
  bool ok = true;
  for (;;) {
    const ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    for (ssize_t done = 0; ok && done < n;) {
      const ssize_t w = ::write(out, buf.data() + done, static_cast<std::size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      ok = w > 0;
      done += std::max<ssize_t>(w, 0);
    }
    if (!ok) break;
    if (on_bytes) on_bytes(static_cast<std::uint64_t>(n));
  }
  ok = ok && ::fsync(out) == 0;
  const int err = errno;
  ::close(in);
  ::close(out);
  if (!ok) return io_failure(to + ": " + std::strerror(err));
  return base::ok_status();
}

std::vector<BackupFile> list_files(const std::string& dir) {
  std::vector<BackupFile> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string rel = fs::relative(it->path(), dir, ec).generic_string();
    if (rel == kManifestFile) continue;
    files.push_back({rel, static_cast<std::uint64_t>(it->file_size(ec))});
  }
  std::sort(files.begin(), files.end(),
            [](const BackupFile& a, const BackupFile& b) { return a.path < b.path; });
  return files;
}

base::Result<Manifest> make_backup(const eventstore::EventStore& store, const std::string& data_dir,
                                   const std::string& dest, const CopyProgress& progress) {
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    return base::Status{
        base::ErrorCode::kConflict, base::MessageId::kBackupDestinationExists, {{"path", dest}}};
  }
  // Every database of the directory must be the store: anything else could
  // not be copied at the same moment.
  for (auto it = fs::directory_iterator(data_dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path().filename() != kStoreDir && is_database(it->path())) {
      return base::Status{base::ErrorCode::kConflict,
                          base::MessageId::kBackupUnknownDatabase,
                          {{"path", it->path().string()}}};
    }
  }
  if (ec) return io_failure(data_dir + ": " + ec.message());
  fs::create_directories(dest, ec);
  if (ec) return io_failure(dest + ": " + ec.message());
  auto fail = [&dest](base::Status s) -> base::Result<Manifest> {
    std::error_code ignored;
    fs::remove_all(dest, ignored);
    return s;
  };
  Manifest m;
  m.name = fs::path(dest).filename().string();
  m.created_at = utc_now("%Y-%m-%dT%H:%M:%SZ");
  // A backup directory inside the data directory is not copied into itself.
  const fs::path dest_path = fs::weakly_canonical(dest, ec);
  auto holds_dest = [&dest_path](const fs::path& p) {
    std::error_code ignored;
    const std::string e = fs::weakly_canonical(p, ignored).string();
    const std::string d = dest_path.string();
    return d == e || d.rfind(e + "/", 0) == 0;
  };
  auto head = store.checkpoint((fs::path(dest) / kStoreDir).string());
  if (!head.ok()) return fail(head.status());
  m.position = head->position;
  m.chain_hash = base::to_hex(head->chain_hash);
  // The rest of the directory: the entries to copy, what they weigh.
  std::vector<fs::path> rest;
  m.files = list_files(dest);  // the checkpoint's, for now
  std::uint64_t done = m.bytes();
  std::uint64_t total = done;
  for (auto it = fs::directory_iterator(data_dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const fs::path p = it->path();
    if (p.filename() == kStoreDir || it->is_symlink(ec) || holds_dest(p)) continue;
    if (it->is_directory(ec)) {
      total += tree_bytes(p);
    } else if (it->is_regular_file(ec) && !is_temporary(p)) {
      total += it->file_size(ec);
    } else {
      continue;
    }
    rest.push_back(p);
  }
  if (ec) return fail(io_failure(data_dir + ": " + ec.message()));
  if (progress) progress(done, total);
  auto on_bytes = [&](std::uint64_t n) {
    done += n;  // a file grown since it was weighed may pass the total
    if (progress) progress(done, std::max(done, total));
  };
  for (const fs::path& p : rest) {
    base::Status s;
    if (fs::is_directory(p, ec)) {
      s = copy_tree(p, fs::path(dest) / p.filename(), on_bytes);
    } else {
      s = copy_file_synced(p.string(), (fs::path(dest) / p.filename()).string(), on_bytes);
      if (!s.ok() && !fs::exists(p, ec)) s = base::ok_status();  // gone meanwhile
    }
    if (!s.ok()) return fail(s);
  }
  m.files = list_files(dest);
  if (base::Status s = write_manifest(dest, m); !s.ok()) return fail(s);
  return m;
}

base::Result<Manifest> copy_backup(const std::string& src, const std::string& dest,
                                   const CopyProgress& progress) {
  auto manifest = read_manifest(src);
  if (!manifest.ok()) return manifest.status();
  std::error_code ec;
  const bool existed = fs::exists(dest, ec);
  if (existed && !fs::is_empty(dest, ec)) {
    return base::Status{
        base::ErrorCode::kConflict, base::MessageId::kRestoreTargetNotEmpty, {{"path", dest}}};
  }
  auto fail = [&](base::Status s) -> base::Result<Manifest> {
    std::error_code ignored;
    if (existed) {
      for (const auto& e : fs::directory_iterator(dest, ignored)) fs::remove_all(e.path(), ignored);
    } else {
      fs::remove_all(dest, ignored);
    }
    return s;
  };
  const std::uint64_t total = manifest->bytes();
  std::uint64_t done = 0;
  if (progress) progress(0, total);
  for (const BackupFile& f : manifest->files) {
    const fs::path from = fs::path(src) / f.path;
    const fs::path to = fs::path(dest) / f.path;
    const auto size = fs::file_size(from, ec);
    if (ec || size != f.bytes) {
      return fail({base::ErrorCode::kCorruption,
                   base::MessageId::kBackupFileMismatch,
                   {{"path", from.string()},
                    {"got", static_cast<std::int64_t>(ec ? 0 : size)},
                    {"want", static_cast<std::int64_t>(f.bytes)}}});
    }
    fs::create_directories(to.parent_path(), ec);
    if (ec) return fail(io_failure(to.parent_path().string() + ": " + ec.message()));
    base::Status s = copy_file_synced(from.string(), to.string(), [&](std::uint64_t n) {
      done += n;
      if (progress) progress(done, total);
    });
    if (!s.ok()) return fail(s);
  }
  return manifest;
}

}  // namespace hoyo::backup
