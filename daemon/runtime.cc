#include "daemon/runtime.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "accounts/key_file.h"
#include "backup/cluster_mark.h"
#include "base/log.h"
#include "base/mutex.h"
#include "base/thread.h"
#include "eventstore/cluster_member.h"
#include "eventstore/fault_injection.h"
#include "projections/catalog.h"

namespace hoyo::daemon {
namespace {
constexpr const char* kTestClockKey = "test_clock";
// The argument of open()'s refusal of a node's copy that names the node.
constexpr const char* kNodeAloneArg = "clusterNodeAlone";
}  // namespace

std::optional<backup::ClusterMark> Runtime::node_alone(const base::Status& s) {
  if (s.ok() || s.error().code != base::ErrorCode::kConflict) return std::nullopt;
  const std::string node = base::arg_text(s.error().args, kNodeAloneArg);
  if (node.empty()) return std::nullopt;
  return backup::ClusterMark{node, base::arg_text(s.error().args, "stream")};
}

base::Result<std::unique_ptr<Runtime>> Runtime::open(RuntimeOptions options) {
  std::unique_ptr<Runtime> s(new Runtime());
  s->options_ = std::move(options);
  if (s->options_.test_faults && !s->options_.faults) {
    s->options_.faults = std::make_shared<eventstore::FaultInjector>();
  }
  const RuntimeOptions& o = s->options_;
  std::error_code ec;
  std::filesystem::create_directories(o.data_dir, ec);
  if (o.test_clock) {
    auto clock = std::make_unique<processor::SettableClock>(processor::SystemClock().now());
    s->settable_ = clock.get();
    s->clock_ = std::move(clock);
  } else {
    s->clock_ = std::make_unique<processor::SystemClock>();
  }
  eventstore::StoreOptions store_options;
  const processor::Clock* clock = s->clock_.get();
  store_options.clock = [clock] { return clock->now(); };
  store_options.faults = o.faults;
  auto store = eventstore::EventStore::open(o.data_dir + "/events", store_options);
  if (!store.ok()) return store.status();
  s->store_ = std::move(store).value();
  if (o.start_as_replica) {
    if (auto st = s->store_->set_role(eventstore::StoreRole::kReplica); !st.ok()) return st;
  }
  if (!o.cluster_member.empty()) {
    if (auto st = s->store_->side_put(eventstore::SideTable::kSettings,
                                      eventstore::kClusterMemberKey, o.cluster_member);
        !st.ok()) {
      return st;
    }
  } else {
    // A node's copy started alone would append a tail the stream lacks (the
    // scheduler's events, demo data, any booking) and fork the node for good.
    auto mark = backup::read_cluster_mark(*s->store_);
    if (!mark.ok()) return mark.status();
    if (*mark) {
      return base::Status{base::ErrorCode::kConflict,
                          base::MessageId::kTitleConflict,
                          {{kNodeAloneArg, (*mark)->node}, {"stream", (*mark)->stream}}};
    }
  }
  if (s->settable_) {
    // The test clock resumes where it was last set; a fresh one starts at the
    // real time of this first start and is kept from now on.
    auto saved = s->store_->side_get(eventstore::SideTable::kSettings, kTestClockKey);
    if (saved.ok() && *saved) {
      s->settable_->restore(std::stoll(**saved));
    } else if (auto st = s->store_->side_put(eventstore::SideTable::kSettings, kTestClockKey,
                                             std::to_string(s->settable_->now()));
               !st.ok()) {
      return st;
    }
  }
  // Every data key is wrapped under the key file's key (refused when the
  // directory's own key file is missing).
  // The read models restore on a thread of their own while the writer's state
  // restores here: the two halves of a start overlap on two cores.
  const auto started = std::chrono::steady_clock::now();
  s->projections_ = std::make_unique<projections::ProjectionSet>(*s->store_);
  for (auto& p : projections::all_projections()) s->projections_->add(std::move(p));
  base::Status projections_started = base::ok_status();
  double projections_seconds = 0;
  std::thread projections_start = base::start_thread("hoyo-proj-start", [&] {
    projections_started = s->projections_->start();
    projections_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  });
  struct Joiner {
    std::thread& t;
    ~Joiner() {
      if (t.joinable()) t.join();
    }
  } joiner{projections_start};
  auto kek = accounts::prepare_key_file(
      *s->store_, o.key_file.empty() ? accounts::default_key_file(o.data_dir) : o.key_file);
  if (!kek.ok()) return kek.status();
  processor::ProcessorOptions processor_options;
  processor_options.snapshots = s->snapshot_policy();
  auto proc = processor::CommandProcessor::open(*s->store_, *s->clock_, processor_options);
  if (!proc.ok()) return proc.status();
  s->processor_ = std::move(proc).value();
  // Due events are written by the writer only. Every node runs a scheduler;
  // on a cluster follower the processor refuses its commands (the store is a
  // replica: kStoreNotWriter, which the scheduler passes over), so only the
  // node holding the writer role writes them. A single node is the writer.
  s->scheduler_ = std::make_unique<processor::Scheduler>(*s->processor_, o.scheduler);
  s->scheduler_->start();
  accounts::AccountsConfig accounts_config = o.accounts;
  accounts_config.kek = std::move(kek).value();
  s->accounts_ = std::make_unique<accounts::AccountService>(*s->store_, *s->processor_, *s->clock_,
                                                            accounts_config);
  s->sessions_ = std::make_unique<http::SessionStore>(*s->store_, *s->clock_, o.sessions);
  // A password change or reset, an erasure or a disabled operator ends every
  // session of the account.
  http::SessionStore* sessions = s->sessions_.get();
  s->accounts_->on_sessions_revoked([sessions](const std::string& a) { sessions->end_all(a); });
  if (o.sessions.sweep_every.count() > 0) {
    const std::size_t batch = o.sessions.sweep_batch;
    s->session_sweeper_ = std::make_unique<http::PeriodicTask>(
        "hoyo-sessions", o.sessions.sweep_every, [sessions, batch] { sessions->sweep(batch); });
  }
  std::unique_ptr<accounts::MailTransport> transport;
  if (o.smtp_url.empty()) {
    transport = accounts::make_eml_transport(o.data_dir + "/mail");
  } else {
    accounts::SmtpConfig smtp;
    smtp.url = o.smtp_url;
    smtp.reply_timeout_seconds = o.smtp_reply_timeout_seconds;
    transport = accounts::make_smtp_transport(smtp);
  }
  accounts::DeliveryConfig delivery;
  delivery.from = o.mail_from;
  delivery.public_base_url = o.accounts.public_base_url;
  s->delivery_ =
      std::make_unique<accounts::MailDelivery>(*s->store_, *s->processor_, s->accounts_->vault(),
                                               *s->clock_, std::move(transport), delivery);
  accounts::MailDelivery* mail = s->delivery_.get();
  s->accounts_->on_personal_data_erased([mail](const std::vector<std::string>& ids) {
    if (auto removed = mail->forget(ids); !removed.ok()) {
      base::log_line("error", "the erased registration's mail files were not all removed",
                     {{"cause", removed.to_string()}});
    }
  });
  projections_start.join();
  if (!projections_started.ok()) return projections_started;
  s->projections_->checkpoint_periodically(s->snapshot_policy());
  const processor::RebuildStats writer = s->processor_->rebuild_stats();
  std::size_t restored = 0;
  for (const auto& r : s->projections_->start_report()) restored += r.restored;
  base::log_line(
      "info", "restored",
      {{"writerFromSnapshot", writer.from_snapshot ? "true" : "false"},
       {"writerSnapshotPosition", std::to_string(writer.snapshot_position)},
       {"writerSnapshotSeconds", std::to_string(writer.snapshot_seconds)},
       {"writerTailEvents", std::to_string(writer.events)},
       {"writerSeconds", std::to_string(writer.seconds)},
       {"projectionsFromCheckpoint",
        std::to_string(restored) + "/" + std::to_string(s->projections_->names().size())},
       {"projectionsSeconds", std::to_string(projections_seconds)},
       {"seconds",
        std::to_string(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count())}});
  return s;
}

eventstore::SnapshotPolicy Runtime::snapshot_policy() const {
  eventstore::SnapshotPolicy policy;
  policy.interval = std::chrono::seconds(options_.snapshot_interval_seconds);
  policy.every_events = options_.snapshot_every_events;
  policy.on_close = options_.snapshot_on_close;
  return policy;
}

bool Runtime::set_test_clock(domain::Instant t) {
  if (!settable_) return false;
  base::MutexLock lk(test_clock_mu_);
  if (t < settable_->now()) return false;
  if (!store_->side_put(eventstore::SideTable::kSettings, kTestClockKey, std::to_string(t)).ok()) {
    return false;
  }
  return settable_->set(t);
}

Runtime::~Runtime() {
  session_sweeper_.reset();
  if (projections_ && options_.snapshot_on_close) {
    if (auto s = projections_->checkpoint(); !s.ok()) {
      std::cerr << R"({"level":"error","msg":"projection checkpoint failed"})"
                << "\n";
    }
  }
  projections_.reset();
  delivery_.reset();
  accounts_.reset();
  scheduler_.reset();
  processor_.reset();
  store_.reset();
}

}  // namespace hoyo::daemon
