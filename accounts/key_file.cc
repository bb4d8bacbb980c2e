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

using eventstore::SideTable;
using eventstore::Status;
using eventstore::StatusCode;

// Wrapped under the KEK when the directory's keys are: proves a key file
// belongs to this directory.
constexpr const char* kCheckName = "kek:check";
constexpr std::string_view kCheckText = "hoyo key-encryption key check v1";

eventstore::StatusOr<std::string> read_key(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status{StatusCode::kNotFound, std::strerror(errno)};
  char buf[256];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n < 64) return Status{StatusCode::kCorruption, "the key file does not hold a key"};
  auto key = base::from_hex(std::string_view(buf, 64));
  if (!key) return Status{StatusCode::kCorruption, "the key file does not hold a key"};
  return std::move(*key);
}

eventstore::StatusOr<std::string> create_key(const std::string& path) {
  const std::string key = random_bytes(32);
  const std::string text = base::to_hex(key) + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status{StatusCode::kIoError, std::strerror(errno)};
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return Status{StatusCode::kIoError, "cannot write the key file"};
  }
  return key;
}

}  // namespace

std::string default_key_file(const std::string& data_dir) {
  std::string d = data_dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d + ".key";
}

eventstore::StatusOr<std::string> prepare_key_file(eventstore::EventStore& store,
                                                   const std::string& path) {
  auto check = store.side_get(SideTable::kDataKeys, kCheckName);
  if (!check.is_ok()) return check.status();
  if (*check) {
    // Wrapped already: only this directory's own key opens it.
    auto key = read_key(path);
    if (!key.is_ok()) {
      return Status{StatusCode::kFailed,
                    "the data directory's keys are wrapped, and its key file " + path +
                        " cannot be read (" + key.status().message() +
                        "): restore the key file that belongs to this directory "
                        "(security.key_file names it)"};
    }
    auto plain = unwrap_key(*key, kCheckName, **check);
    if (!plain || *plain != kCheckText) {
      return Status{StatusCode::kFailed,
                    "the key file " + path + " does not belong to this data directory"};
    }
    return key;
  }
  // A new directory, or one from before keys were wrapped.
  auto key = read_key(path);
  if (!key.is_ok() && key.status().code() == StatusCode::kNotFound) key = create_key(path);
  if (!key.is_ok()) {
    return Status{StatusCode::kFailed,
                  "cannot use the key file " + path + ": " + key.status().message()};
  }
  std::vector<eventstore::SideWrite> writes;
  Status scanned =
      store.side_scan(SideTable::kDataKeys, "", [&](std::string_view name, std::string_view value) {
        if (!is_wrapped(value)) {
          writes.push_back({SideTable::kDataKeys, std::string(name), wrap_key(*key, name, value)});
        }
        return true;
      });
  if (!scanned.is_ok()) return scanned;
  const bool migrated = !writes.empty();
  // The keys and the check value together: a crash leaves all or none wrapped.
  writes.push_back({SideTable::kDataKeys, kCheckName, wrap_key(*key, kCheckName, kCheckText)});
  if (Status s = store.side_write(writes); !s.is_ok()) return s;
  // The keys' unwrapped bytes leave the directory's files.
  if (migrated) {
    if (Status s = store.side_compact(SideTable::kDataKeys); !s.is_ok()) return s;
  }
  return key;
}

}  // namespace hoyo::accounts
