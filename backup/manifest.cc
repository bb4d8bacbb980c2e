#include "backup/manifest.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hoyo::backup {
namespace {

namespace json = boost::json;

base::Status unreadable(const std::string& where) {
  return {
      base::ErrorCode::kNotFound, base::MessageId::kBackupManifestUnreadable, {{"path", where}}};
}

// A relative path inside the backup: no absolute path, no "..", no empty part.
bool safe_path(const std::string& p) {
  if (p.empty() || p.front() == '/' || p.size() > 4096) return false;
  std::size_t start = 0;
  while (start <= p.size()) {
    const std::size_t end = std::min(p.find('/', start), p.size());
    const std::string_view part(p.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

std::uint64_t Manifest::bytes() const {
  std::uint64_t total = 0;
  for (const BackupFile& f : files) total += f.bytes;
  return total;
}

const BackupFile* Manifest::find(const std::string& path) const {
  for (const BackupFile& f : files) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

std::string manifest_json(const Manifest& m) {
  json::array files;
  for (const BackupFile& f : m.files) files.push_back({{"path", f.path}, {"bytes", f.bytes}});
  json::object o{
      {"format", kFormat},
      {"name", m.name},
      {"createdAt", m.created_at},
      {"position", m.position},
      {"chainHash", m.chain_hash},
      {"bytes", m.bytes()},
      {"files", std::move(files)},
      {"notIncluded",
       "the key file (security.key_file, by default DATA_DIR.key): keep it apart from the "
       "backups; without it the personal data in this copy cannot be opened"},
  };
  if (!m.stale.empty()) {
    o["stale"] = true;
    o["staleReason"] = m.stale;
  }
  return json::serialize(o) + "\n";
}

base::Result<Manifest> parse_manifest(const std::string& text, const std::string& where) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return unreadable(where);
  const json::object& o = v.as_object();
  try {
    if (json::value_to<std::string>(o.at("format")) != kFormat) return unreadable(where);
    Manifest m;
    m.name = json::value_to<std::string>(o.at("name"));
    m.created_at = json::value_to<std::string>(o.at("createdAt"));
    m.position = json::value_to<std::uint64_t>(o.at("position"));
    m.chain_hash = json::value_to<std::string>(o.at("chainHash"));
    for (const json::value& f : o.at("files").as_array()) {
      BackupFile file{json::value_to<std::string>(f.at("path")),
                      json::value_to<std::uint64_t>(f.at("bytes"))};
      if (!safe_path(file.path) || file.path == kManifestFile) return unreadable(where);
      m.files.push_back(std::move(file));
    }
    if (const json::value* stale = o.if_contains("staleReason")) {
      m.stale = json::value_to<std::string>(*stale);
    }
    return m;
  } catch (const std::exception&) {
    return unreadable(where);
  }
}

base::Result<Manifest> read_manifest(const std::string& backup_dir) {
  std::ifstream in(backup_dir + "/" + kManifestFile, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return unreadable(backup_dir);
  return parse_manifest(text.str(), backup_dir);
}

base::Status write_manifest(const std::string& backup_dir, const Manifest& m) {
  const std::string path = backup_dir + "/" + kManifestFile;
  const std::string tmp = path + ".tmp";
  const std::string text = manifest_json(m);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  const int err = errno;
  if (fd >= 0) ::close(fd);
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp, path, ec);
  if (!ok || ec) {
    return {base::ErrorCode::kIoError,
            base::MessageId::kBackupFailed,
            {{"cause", ok ? ec.message() : std::string(std::strerror(err))}}};
  }
  return base::ok_status();
}

}  // namespace hoyo::backup
