// Server-side sessions. A session id is 256 random bits given to the client
// once (in a cookie) and stored only as its SHA-256, in the sessions side
// table, so sessions survive restarts and a copy of the table opens none.
// Idle and absolute timeouts follow the business clock (the test clock can
// exercise them). Live sessions are also kept in memory, so a request does
// not read the table; every change goes through this class, which keeps the
// two in step. Expired sessions nobody asks for again are swept: sweep()
// removes them a slice at a time, and Services calls it periodically.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/mutex.h"
#include "eventstore/event_store.h"
#include "processor/clock.h"

namespace hoyo::http {

struct SessionConfig {
  domain::Instant idle = 30 * 60 * domain::kMicrosPerSecond;
  domain::Instant absolute = 12 * 3600 * domain::kMicrosPerSecond;
  // How often expired sessions are swept (real time) and how many stored
  // sessions one pass looks at, at most.
  std::chrono::seconds sweep_every{60};
  std::size_t sweep_batch = 1000;
};

struct Session {
  std::string account;  // "user:N" or "operator:L"
  std::string role;     // "user", "operator" or "auditor"
  domain::Instant created = 0;
  domain::Instant last_seen = 0;
  // The user logged in with the initial password. Changing it ends every
  // session, so this holds for the session's whole life.
  bool must_change_password = false;
};

class SessionStore {
 public:
  SessionStore(eventstore::EventStore& store, const processor::Clock& clock,
               SessionConfig config = {})
      : store_(store), clock_(clock), config_(config) {}

  // A new session; returns its id (64 hex digits), or "" when it cannot be stored.
  std::string create(const std::string& account, const std::string& role,
                     bool must_change_password = false);
  // The live session for an id, its last use moved to now; nullopt (and the
  // session removed) when unknown, idle too long or past its absolute limit.
  // On a cluster follower (the store a replica) the table is the writer's
  // copy: it is read, never cached and never written (the writer records
  // last uses and removes sessions, and its removals reach every node).
  std::optional<Session> touch(const std::string& id);
  void end(const std::string& id);
  // Ends every session of an account (password change, reset, erasure, disable).
  void end_all(const std::string& account);
  // Looks at up to `budget` stored sessions, from where the last pass
  // stopped (wrapping around at the end), and removes the expired ones from
  // memory and from the table. Returns how many it removed. Every expired
  // session goes within (stored sessions / budget) + 1 passes.
  std::size_t sweep(std::size_t budget);  // on the writer only (0 on a follower)
  // Forgets the sessions kept in memory (a node that becomes the writer:
  // another node's writer ended some meanwhile).
  void drop_cache();
  // How many sessions are kept in memory (tests, metrics).
  std::size_t cached() const;

 private:
  void cache(const std::string& hash, const Session& s) HOYO_REQUIRES(mu_);
  // A last use being written: the session's id hash and its account.
  using Recording = std::pair<const std::string, std::string>;
  // Waits (letting mu_ go meanwhile) until no last use `which` picks is
  // being written.
  void wait_unrecorded(base::MutexLock& lk, const std::function<bool(const Recording&)>& which)
      HOYO_REQUIRES(mu_);
  bool expired(const Session& s, domain::Instant now) const;

  eventstore::EventStore& store_;
  const processor::Clock& clock_;
  SessionConfig config_;
  mutable base::Mutex mu_;
  std::unordered_map<std::string, Session> cache_ HOYO_GUARDED_BY(mu_);  // by id hash
  std::string sweep_cursor_ HOYO_GUARDED_BY(mu_);  // the last table key a sweep looked at
  // Last uses being written without mu_ (touch), by id hash: the account.
  // (A multimap: a session dropped from the full cache may be recorded twice.)
  std::unordered_multimap<std::string, std::string> recording_ HOYO_GUARDED_BY(mu_);
  base::CondVar recorded_;  // one of them landed
};

}  // namespace hoyo::http
