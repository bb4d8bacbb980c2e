#include "http/app/session_store.h"

#include <algorithm>
#include <sstream>

#include "accounts/personal_data.h"
#include "base/hex.h"
#include "base/log.h"
#include "base/mutex.h"

namespace hoyo::http {
namespace {

using eventstore::SideTable;

// A sessions-table read or write that failed is logged, never dropped: an
// ended session the table still holds would come back after a restart.
void report(const base::Status& s, const char* what) {
  if (!s.ok()) base::log_line("error", what, {{"error", s.to_string()}});
}

std::string id_key(const std::string& hash) { return "id:" + hash; }
std::string account_key(const std::string& account, const std::string& hash) {
  return "acct:" + account + "\n" + hash;
}

std::string encode(const Session& s) {
  return s.account + "\n" + s.role + "\n" + std::to_string(s.created) + "\n" +
         std::to_string(s.last_seen) + "\n" + (s.must_change_password ? "1" : "0");
}

std::optional<Session> decode(const std::string& v) {
  std::istringstream in(v);
  Session s;
  std::string created, seen;
  if (!std::getline(in, s.account) || !std::getline(in, s.role) || !std::getline(in, created) ||
      !std::getline(in, seen)) {
    return std::nullopt;
  }
  std::string must_change;
  if (std::getline(in, must_change)) s.must_change_password = must_change == "1";
  try {
    s.created = std::stoll(created);
    s.last_seen = std::stoll(seen);
  } catch (...) {
    return std::nullopt;
  }
  return s;
}

bool well_formed(const std::string& id) {
  return id.size() == 64 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

// Every method holds mu_ from its first read to its last write, so a session
// ended (or ended for its whole account) is never brought back into the
// cache by a request that read it a moment before. The one write made
// without it, touch's record of a last use, is listed in recording_ until it
// landed, and every removal waits for it.

std::string SessionStore::create(const std::string& account, const std::string& role,
                                 bool must_change_password) {
  const std::string id = base::to_hex(accounts::random_bytes(32));
  const std::string hash = base::to_hex(accounts::sha256(id));
  const domain::Instant now = clock_.now();
  const Session s{account, role, now, now, must_change_password};
  base::MutexLock lk(mu_);
  auto st = store_.side_write({{SideTable::kSessions, id_key(hash), encode(s)},
                               {SideTable::kSessions, account_key(account, hash), ""}});
  if (!st.ok()) return {};
  cache(hash, s);
  return id;
}

void SessionStore::cache(const std::string& hash, const Session& s) {
  // Bounded: past this many, start over (the table has them all).
  if (cache_.size() >= 200000) cache_.clear();
  cache_[hash] = s;
}

std::optional<Session> SessionStore::touch(const std::string& id) {
  if (!well_formed(id)) return std::nullopt;
  const std::string hash = base::to_hex(accounts::sha256(id));
  base::MutexLock lk(mu_);
  const bool writer = store_.role() == eventstore::StoreRole::kWriter;
  if (!writer) cache_.clear();
  std::optional<Session> s;
  if (auto it = writer ? cache_.find(hash) : cache_.end(); it != cache_.end()) {
    s = it->second;
  } else {
    auto v = store_.side_get(SideTable::kSessions, id_key(hash));
    if (!v.ok()) report(v.status(), "a session cannot be read");
    if (!v.ok() || !*v) return std::nullopt;
    s = decode(**v);
    if (!s) return std::nullopt;
  }
  const domain::Instant now = clock_.now();
  if (expired(*s, now)) {
    if (!writer) return std::nullopt;  // the writer's sweep removes it everywhere
    wait_unrecorded(lk, [&](const Recording& r) { return r.first == hash; });
    cache_.erase(hash);
    report(store_.side_write({{SideTable::kSessions, id_key(hash), std::nullopt},
                              {SideTable::kSessions, account_key(s->account, hash), std::nullopt}}),
           "an expired session cannot be removed");
    return std::nullopt;
  }
  // Recording every request's time would be a synced write per request:
  // a minute's precision is enough for a 30-minute idle limit.
  if (!writer) return s;
  const bool record = now - s->last_seen > 60 * domain::kMicrosPerSecond;
  if (record) s->last_seen = now;
  cache(hash, *s);  // the next request finds the new last use: one write a minute
  if (!record) return s;
  // The write is synced (in a cluster, a round trip to the side stream's
  // quorum): it is made without mu_, which every request takes. Meanwhile
  // the session is listed in recording_, and whatever removes it waits for
  // the write to land first (wait_unrecorded), so a late write never brings
  // an ended session back.
  recording_.emplace(hash, s->account);
  const std::string value = encode(*s);
  lk.unlock();
  report(store_.side_put(SideTable::kSessions, id_key(hash), value),
         "a session's last use cannot be recorded");
  lk.lock();
  recording_.erase(recording_.find(hash));
  recorded_.notify_all();
  return s;
}

void SessionStore::wait_unrecorded(base::MutexLock& lk,
                                   const std::function<bool(const Recording&)>& which) {
  recorded_.wait(lk, [&]() HOYO_REQUIRES(mu_) {
    return std::none_of(recording_.begin(), recording_.end(), which);
  });
}

bool SessionStore::expired(const Session& s, domain::Instant now) const {
  return now - s.last_seen > config_.idle || now - s.created > config_.absolute;
}

void SessionStore::drop_cache() {
  base::MutexLock lk(mu_);
  cache_.clear();
}

std::size_t SessionStore::sweep(std::size_t budget) {
  if (budget == 0 || store_.role() != eventstore::StoreRole::kWriter) return 0;
  const domain::Instant now = clock_.now();
  base::MutexLock lk(mu_);
  std::vector<eventstore::SideWrite> batch;
  std::size_t seen = 0, removed = 0;
  std::string last;
  auto st = store_.side_scan(
      SideTable::kSessions, "id:",
      [&](std::string_view key, std::string_view value) HOYO_REQUIRES(mu_) {
        last.assign(key);
        const std::string hash(key.substr(3));
        // A session whose last use is being recorded was just used.
        if (recording_.contains(hash)) return ++seen < budget;
        // The memory's copy when there is one (the same as the table's).
        auto cached = cache_.find(hash);
        std::optional<Session> s = cached != cache_.end() ? std::optional<Session>(cached->second)
                                                          : decode(std::string(value));
        if (!s || expired(*s, now)) {
          if (cached != cache_.end()) cache_.erase(cached);
          batch.push_back({SideTable::kSessions, std::string(key), std::nullopt});
          if (s)
            batch.push_back({SideTable::kSessions, account_key(s->account, hash), std::nullopt});
          ++removed;
        }
        return ++seen < budget;
      },
      sweep_cursor_);
  // A pass that reached the end starts the next one from the beginning.
  sweep_cursor_ = st.ok() && seen == budget ? last : std::string();
  report(st, "the session sweep cannot scan the table");
  if (!batch.empty()) {
    const base::Status written = store_.side_write(batch);
    report(written, "the session sweep cannot remove expired sessions");
    if (!written.ok()) return 0;
  }
  return removed;
}

std::size_t SessionStore::cached() const {
  base::MutexLock lk(mu_);
  return cache_.size();
}

void SessionStore::end(const std::string& id) {
  if (!well_formed(id)) return;
  const std::string hash = base::to_hex(accounts::sha256(id));
  base::MutexLock lk(mu_);
  wait_unrecorded(lk, [&](const Recording& r) { return r.first == hash; });
  cache_.erase(hash);
  auto v = store_.side_get(SideTable::kSessions, id_key(hash));
  std::vector<eventstore::SideWrite> batch{{SideTable::kSessions, id_key(hash), std::nullopt}};
  if (v.ok() && *v) {
    if (auto s = decode(**v)) {
      batch.push_back({SideTable::kSessions, account_key(s->account, hash), std::nullopt});
    }
  }
  report(store_.side_write(batch), "an ended session cannot be removed");
}

void SessionStore::end_all(const std::string& account) {
  base::MutexLock lk(mu_);
  wait_unrecorded(lk, [&](const Recording& r) { return r.second == account; });
  std::vector<eventstore::SideWrite> batch;
  const std::string prefix = "acct:" + account + "\n";
  report(store_.side_scan(SideTable::kSessions, prefix,
                          [&](std::string_view key, std::string_view) HOYO_REQUIRES(mu_) {
                            const std::string hash(key.substr(prefix.size()));
                            cache_.erase(hash);
                            batch.push_back({SideTable::kSessions, std::string(key), std::nullopt});
                            batch.push_back({SideTable::kSessions, id_key(hash), std::nullopt});
                            return true;
                          }),
         "an account's sessions cannot be listed");
  // Those in memory end whatever the table said.
  std::erase_if(cache_, [&](const auto& entry) { return entry.second.account == account; });
  if (!batch.empty()) report(store_.side_write(batch), "an account's sessions cannot be removed");
}

}  // namespace hoyo::http
