// What the routes use of the running system: the log, the command processor,
// the accounts, the projections, the sessions and the clock. The composition
// root (daemon/runtime.h) owns them and implements this; the routes know
// nothing of how they were opened.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accounts/account_service.h"
#include "accounts/mail_delivery.h"
#include "eventstore/event_store.h"
#include "http/app/session_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"
#include "projections/projection_set.h"

namespace hoyo::http {

// Cluster mode (docs/cluster.md): this node's part, for GET /api/health.
struct ClusterStatus {
  bool writer = false;      // this node writes the log
  std::string node;         // this node's name
  std::string writer_node;  // the writer as the lease names it ("" while none holds it)
  std::uint64_t epoch = 0;  // the writer's epoch (0 while none holds the lease)
  // Why this node cannot apply the stream (a chain mismatch, a batch its
  // store refused); "" while it does (docs/cluster.md).
  std::string stopped;
  std::uint64_t behind = 0;  // the stream's messages not applied here yet
};

class Services {
 public:
  virtual ~Services() = default;
  virtual eventstore::EventStore& store() = 0;
  virtual processor::CommandProcessor& processor() = 0;
  virtual accounts::AccountService& accounts() = 0;
  virtual projections::ProjectionSet& projections() = 0;
  virtual SessionStore& sessions() = 0;
  virtual const processor::Clock& clock() const = 0;
  // Non-null only under --test-clock.
  virtual processor::SettableClock* settable_clock() = 0;
  // Under --test-clock: moves the clock forward to `t` and keeps the value
  // across restarts. False (and no change) when `t` is in the clock's past or
  // there is no test clock.
  virtual bool set_test_clock(domain::Instant t) = 0;
  // Non-null only under --test-faults: the store's fault injector, which
  // PUT /api/test/faults drives (a full disk, failing writes or syncs).
  virtual eventstore::FaultInjector* test_faults() = 0;
  // The account policies in force (the first-password rule, device tokens).
  virtual const accounts::AccountsConfig& accounts_config() const = 0;
  // Writes every scheduled event due by the clock's now (win confirmation's
  // reminders, lapses and releases) and returns once they are durable: the
  // log position of the last one written, 0 when nothing was due. On the
  // writer only; 0 where no scheduler runs.
  virtual base::Result<std::uint64_t> run_due() { return std::uint64_t{0}; }
  // Asks the scheduler to look for due events now rather than at its next
  // poll (after a publication: its result notices are due at once); returns
  // at once. Nothing where no scheduler runs.
  virtual void wake_scheduler() {}
  // Cluster mode: this node's part; nullopt on a single node.
  virtual std::optional<ClusterStatus> cluster_status() const { return std::nullopt; }
  // The mail outbox's delivery counters (all zero where no worker runs).
  virtual accounts::DeliveryStats mail_stats() const { return {}; }
};

}  // namespace hoyo::http
