// The composition root: everything hoyod runs over one data directory (the
// event store, the key file's key, the command processor, the accounts
// service with its mail delivery, the projections, and the sessions with
// their periodic sweep), opened in dependency order and closed in reverse;
// closing stores the projections' checkpoints. It is what the routes see as
// http::Services.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "accounts/account_service.h"
#include "accounts/mail_delivery.h"
#include "backup/cluster_mark.h"
#include "base/mutex.h"
#include "eventstore/event_store.h"
#include "http/app/periodic_task.h"
#include "http/app/services.h"
#include "http/app/session_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"
#include "processor/scheduler.h"
#include "projections/projection_set.h"

namespace hoyo::daemon {

struct RuntimeOptions {
  std::string data_dir;
  // The key-encryption key's file (accounts/key_file.h); empty: DATA_DIR.key.
  std::string key_file;
  bool test_clock = false;  // a frozen, settable clock (PUT /api/test/clock)
  accounts::AccountsConfig accounts;
  http::SessionConfig sessions;
  std::string smtp_url;  // empty: mails are written as .eml files under data_dir/mail
  int smtp_reply_timeout_seconds = 600;  // each relay reply (accounts::SmtpConfig)
  std::string mail_from = "港区区民保養施設予約システム <noreply@hoyo.localhost>";
  // Snapshots of the writer's state and checkpoints of the projections, so
  // that a restart folds only the log's tail: written when this many seconds
  // passed or events were appended since the last (0 turns a trigger off),
  // and at a clean stop.
  std::size_t snapshot_interval_seconds = 300;
  std::size_t snapshot_every_events = 100000;
  bool snapshot_on_close = true;
  // Tests: the store's file writes, syncs and reads fail on command.
  std::shared_ptr<eventstore::FaultInjector> faults;
  // Under --test-faults: a fault injector (made when `faults` is null) that
  // PUT /api/test/faults drives.
  bool test_faults = false;
  // The scheduler of due events (win confirmation): its reminder lead time
  // and how often it looks on the business clock.
  processor::SchedulerOptions scheduler;
  // Cluster mode: the store is a replica from the moment it opens, before
  // the processor, the scheduler and the mail delivery start, so that a
  // node appends nothing of its own before it knows whether it writes.
  bool start_as_replica = false;
  // Cluster mode: recorded in the store (eventstore::kClusterMemberKey) when
  // it opens, so that hoyoctl knows the directory is a node's; "" for none,
  // and then a store that holds such a mark is refused (node_alone();
  // `hoyoctl leave-cluster` clears the mark).
  std::string cluster_member;
};

class Runtime final : public http::Services {
 public:
  // Opens or creates everything in options.data_dir (the log in DIR/events).
  static base::Result<std::unique_ptr<Runtime>> open(RuntimeOptions options);
  // open()'s refusal (kConflict) of a cluster node's copy without cluster
  // mode (RuntimeOptions::cluster_member ""), before anything is written:
  // the mark the store holds. nullopt for any other outcome.
  static std::optional<backup::ClusterMark> node_alone(const base::Status& status);
  ~Runtime() override;  // checkpoints the projections, then closes in reverse order

  eventstore::EventStore& store() override { return *store_; }
  processor::CommandProcessor& processor() override { return *processor_; }
  accounts::AccountService& accounts() override { return *accounts_; }
  projections::ProjectionSet& projections() override { return *projections_; }
  http::SessionStore& sessions() override { return *sessions_; }
  const processor::Clock& clock() const override { return *clock_; }
  processor::SettableClock* settable_clock() override { return settable_; }
  bool set_test_clock(domain::Instant t) override;
  eventstore::FaultInjector* test_faults() override {
    return options_.test_faults ? options_.faults.get() : nullptr;
  }
  const accounts::AccountsConfig& accounts_config() const override { return options_.accounts; }
  accounts::DeliveryStats mail_stats() const override {
    return delivery_ ? delivery_->stats() : accounts::DeliveryStats{};
  }
  base::Result<std::uint64_t> run_due() override { return scheduler_->run_due(); }
  void wake_scheduler() override { scheduler_->wake(); }
  std::optional<http::ClusterStatus> cluster_status() const override {
    if (!cluster_status_) return std::nullopt;
    return cluster_status_();
  }
  // Cluster mode: where /api/health learns the node's part (set once, before serving).
  void set_cluster_status(std::function<http::ClusterStatus()> status) {
    cluster_status_ = std::move(status);
  }
  const RuntimeOptions& options() const { return options_; }
  // When snapshots and checkpoints are written (from the options).
  eventstore::SnapshotPolicy snapshot_policy() const;

 private:
  Runtime() = default;
  RuntimeOptions options_;
  std::unique_ptr<processor::Clock> clock_;
  processor::SettableClock* settable_ = nullptr;
  base::Mutex test_clock_mu_;  // one test clock change at a time
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<processor::CommandProcessor> processor_;
  std::unique_ptr<processor::Scheduler> scheduler_;  // stopped before the processor
  std::unique_ptr<accounts::AccountService> accounts_;
  std::unique_ptr<accounts::MailDelivery> delivery_;
  std::unique_ptr<projections::ProjectionSet> projections_;
  std::unique_ptr<http::SessionStore> sessions_;
  std::unique_ptr<http::PeriodicTask> session_sweeper_;  // stopped before anything it uses
  std::function<http::ClusterStatus()> cluster_status_;
};

}  // namespace hoyo::daemon
