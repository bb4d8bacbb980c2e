#include "accounts/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "accounts/key_wrap.h"
#include "accounts/personal_data.h"
#include "base/hex.h"

namespace hoyo::accounts {
namespace {

using base::Status;
using eventstore::SideTable;

// Wrapped under the KEK when the directory's keys are: proves a key file
// belongs to this directory.
constexpr const char* kCheckName = "kek:check";
constexpr std::string_view kCheckText = "hoyo key-encryption key check v1";

base::Result<std::string> read_key(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return base::Status{base::ErrorCode::kNotFound,
                        base::MessageId::kKeyFileMissing,
                        {{"cause", std::string(std::strerror(errno))}}};
  char buf[256];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n < 64) return base::Status{base::ErrorCode::kCorruption, base::MessageId::kKeyFileNoKey};
  auto key = base::from_hex(std::string_view(buf, 64));
  if (!key) return base::Status{base::ErrorCode::kCorruption, base::MessageId::kKeyFileNoKey};
  return std::move(*key);
}

base::Result<std::string> create_key(const std::string& path) {
  const std::string key = random_bytes(32);
  const std::string text = base::to_hex(key) + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return base::Status{base::ErrorCode::kIoError,
                        base::MessageId::kKeyFileWriteFailed,
                        {{"cause", std::string(std::strerror(errno))}}};
  }
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return base::Status{base::ErrorCode::kIoError, base::MessageId::kKeyFileWriteFailed};
  }
  return key;
}

// The key in `path` when it unwraps the directory's check value `check`.
base::Result<std::string> own_key(const std::string& check, const std::string& path) {
  auto key = read_key(path);
  if (!key.ok()) {
    return base::Status{base::ErrorCode::kFailed,
                        base::MessageId::kKeyFileUnreadable,
                        {{"path", path}, {"cause", key.status().to_string()}}};
  }
  auto plain = unwrap_key(*key, kCheckName, check);
  if (!plain || *plain != kCheckText) {
    return base::Status{
        base::ErrorCode::kFailed, base::MessageId::kKeyFileForeign, {{"path", path}}};
  }
  return key;
}

}  // namespace

std::string default_key_file(const std::string& data_dir) {
  std::string d = data_dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d + ".key";
}

base::Result<std::string> prepare_key_file(eventstore::EventStore& store, const std::string& path) {
  auto check = store.side_get(SideTable::kDataKeys, kCheckName);
  if (!check.ok()) return check.status();
  // Wrapped already: only this directory's own key opens it.
  if (*check) return own_key(**check, path);
  // A new directory, or one from before keys were wrapped.
  auto key = read_key(path);
  if (!key.ok() && key.status().code() == base::ErrorCode::kNotFound) key = create_key(path);
  if (!key.ok()) {
    return base::Status{base::ErrorCode::kFailed,
                        base::MessageId::kKeyFileUnusable,
                        {{"path", path}, {"cause", key.status().to_string()}}};
  }
  std::vector<eventstore::SideWrite> writes;
  base::Status scanned =
      store.side_scan(SideTable::kDataKeys, "", [&](std::string_view name, std::string_view value) {
        if (!is_wrapped(value)) {
          writes.push_back({SideTable::kDataKeys, std::string(name), wrap_key(*key, name, value)});
        }
        return true;
      });
  if (!scanned.ok()) return scanned;
  const bool migrated = !writes.empty();
  // The keys and the check value together: a crash leaves all or none wrapped.
  writes.push_back({SideTable::kDataKeys, kCheckName, wrap_key(*key, kCheckName, kCheckText)});
  if (base::Status s = store.side_write(writes); !s.ok()) return s;
  // The keys' unwrapped bytes leave the directory's files.
  if (migrated) {
    if (base::Status s = store.side_compact(SideTable::kDataKeys); !s.ok()) return s;
  }
  return key;
}

base::Status check_key_file(const eventstore::EventStore& store, const std::string& path) {
  auto check = store.side_get(SideTable::kDataKeys, kCheckName);
  if (!check.ok()) return check.status();
  if (!*check) return base::ok_status();
  auto key = own_key(**check, path);
  if (!key.ok()) return key.status();
  return base::ok_status();
}

}  // namespace hoyo::accounts
