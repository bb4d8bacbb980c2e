#include "http/app/backups.h"

#include <algorithm>
#include <filesystem>

#include "backup/data_backup.h"
#include "base/log.h"
#include "base/thread.h"

namespace hoyo::http {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kPrefix = "hoyo-backup-";

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

base::Error no_backup(const std::string& name) {
  return {base::ErrorCode::kNotFound, base::MessageId::kNoBackup, {{"name", name}}};
}

}  // namespace

Backups::Backups(std::string dir, int keep, Maker make)
    : dir_(std::move(dir)), keep_(std::max(1, keep)), make_(std::move(make)) {}

Backups::~Backups() {
  std::thread t;
  {
    base::MutexLock lk(mu_);
    t = std::move(thread_);
  }
  if (t.joinable()) t.join();
}

bool Backups::valid_name(const std::string& name) {
  // hoyo-backup-YYYYMMDDTHHMMSSZ[-N]
  if (name.size() < kPrefix.size() + 16 || name.compare(0, kPrefix.size(), kPrefix) != 0) {
    return false;
  }
  const std::string_view stamp(name.data() + kPrefix.size(), 16);
  if (!digits(stamp.substr(0, 8)) || stamp[8] != 'T' || !digits(stamp.substr(9, 6)) ||
      stamp[15] != 'Z') {
    return false;
  }
  const std::string_view rest(name.data() + kPrefix.size() + 16, name.size() - kPrefix.size() - 16);
  return rest.empty() || (rest[0] == '-' && digits(rest.substr(1)) && rest.size() < 8);
}

base::Result<std::string> Backups::start(const std::string& stale) {
  std::thread finished;
  std::string name;
  {
    base::MutexLock lk(mu_);
    if (!running_.empty()) {
      return base::Status{
          base::ErrorCode::kConflict, base::MessageId::kBackupRunning, {{"name", running_}}};
    }
    const std::string stamp = std::string(kPrefix) + backup::utc_now("%Y%m%dT%H%M%SZ");
    name = stamp;
    std::error_code ec;
    for (int i = 2; fs::exists(fs::path(dir_) / name, ec) || failed_.count(name); ++i) {
      name = stamp + "-" + std::to_string(i);
    }
    running_ = name;
    finished = std::move(thread_);
  }
  if (finished.joinable()) finished.join();  // it has returned: joining is immediate
  std::thread t = base::start_thread("hoyo-backup", [this, name, stale] {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    const std::string dest = (fs::path(dir_) / name).string();
    base::Result<backup::Manifest> made =
        ec ? base::Result<backup::Manifest>(base::Status{base::ErrorCode::kIoError,
                                                         base::MessageId::kBackupFailed,
                                                         {{"cause", dir_ + ": " + ec.message()}}})
           : make_(dest);
    if (made.ok() && !stale.empty()) {
      made->stale = stale;
      if (base::Status s = backup::write_manifest(dest, *made); !s.ok()) {
        fs::remove_all(dest, ec);
        made = s;
      }
    }
    if (made.ok()) {
      base::log_line("info", "backup made",
                     {{"name", name}, {"position", std::to_string(made->position)}});
      prune(name);
    } else {
      base::log_line("error", "backup failed",
                     {{"name", name}, {"error", made.status().to_string()}});
    }
    base::MutexLock lk(mu_);
    if (!made.ok()) failed_.emplace(name, made.status().error());
    running_.clear();
  });
  base::MutexLock lk(mu_);
  thread_ = std::move(t);
  return name;
}

void Backups::prune(const std::string& made) {
  std::vector<std::string> done{made};  // still "running" until the thread ends
  for (const State& s : list()) {
    if (s.kind == State::kDone) done.push_back(s.name);
  }
  std::sort(done.begin(), done.end());
  for (std::size_t i = 0; i + static_cast<std::size_t>(keep_) < done.size(); ++i) {
    std::error_code ec;
    fs::remove_all(fs::path(dir_) / done[i], ec);
    base::log_line("info", "backup removed", {{"name", done[i]}});
  }
}

base::Result<Backups::State> Backups::state(const std::string& name) const {
  if (!valid_name(name)) return no_backup(name);
  {
    base::MutexLock lk(mu_);
    if (name == running_) return State{name, State::kRunning, std::nullopt, {}};
    if (auto it = failed_.find(name); it != failed_.end()) {
      return State{name, State::kFailed, std::nullopt, it->second};
    }
  }
  auto m = backup::read_manifest((fs::path(dir_) / name).string());
  if (!m.ok()) return no_backup(name);
  return State{name, State::kDone, std::move(m).value(), {}};
}

std::vector<Backups::State> Backups::list() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir_, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string n = it->path().filename().string();
    if (valid_name(n)) names.push_back(n);
  }
  {
    base::MutexLock lk(mu_);
    if (!running_.empty()) names.push_back(running_);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::vector<State> out;
  for (const std::string& n : names) {
    if (auto s = state(n); s.ok()) out.push_back(std::move(s).value());
  }
  return out;
}

base::Result<std::pair<std::string, std::uint64_t>> Backups::file(const std::string& name,
                                                                  const std::string& path) const {
  auto s = state(name);
  if (!s.ok()) return s.status();
  const backup::BackupFile* f = s->manifest ? s->manifest->find(path) : nullptr;
  if (!f) {
    return base::Status{base::ErrorCode::kNotFound,
                        base::MessageId::kBackupFileNotListed,
                        {{"name", name}, {"path", path}}};
  }
  return std::make_pair((fs::path(dir_) / name / f->path).string(), f->bytes);
}

}  // namespace hoyo::http
