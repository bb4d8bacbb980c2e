// Everything hoyod runs over one data directory: the event store, the
// command processor, the accounts service with its mail delivery, the
// projections, and the sessions with their periodic sweep. Opened in dependency order, closed in
// reverse; closing stores the projections' checkpoints.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "accounts/account_service.h"
#include "accounts/mail_delivery.h"
#include "eventstore/event_store.h"
#include "http/periodic_task.h"
#include "http/session_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"
#include "projections/projection_set.h"

namespace hoyo::http {

struct ServicesOptions {
  std::string data_dir;
  // The key-encryption key's file (accounts/key_file.h); empty: DATA_DIR.key.
  std::string key_file;
  bool test_clock = false;  // a frozen, settable clock (PUT /api/test/clock)
  accounts::AccountsConfig accounts;
  SessionConfig sessions;
  std::string smtp_url;  // empty: mails are written as .eml files under data_dir/mail
  std::string mail_from = "港区区民保養施設予約システム <noreply@hoyo.localhost>";
};

class Services {
 public:
  // Opens or creates everything in options.data_dir (the log in DIR/events).
  static eventstore::StatusOr<std::unique_ptr<Services>> open(ServicesOptions options);
  ~Services();  // checkpoints the projections, then closes in reverse order

  eventstore::EventStore& store() { return *store_; }
  processor::CommandProcessor& processor() { return *processor_; }
  accounts::AccountService& accounts() { return *accounts_; }
  projections::ProjectionSet& projections() { return *projections_; }
  SessionStore& sessions() { return *sessions_; }
  const processor::Clock& clock() const { return *clock_; }
  // Non-null only under --test-clock.
  processor::SettableClock* settable_clock() { return settable_; }
  // Under --test-clock: moves the clock forward to `t` and keeps the value
  // across restarts. False (and no change) when `t` is in the clock's past or
  // there is no test clock.
  bool set_test_clock(domain::Instant t);
  const ServicesOptions& options() const { return options_; }

 private:
  Services() = default;
  ServicesOptions options_;
  std::unique_ptr<processor::Clock> clock_;
  processor::SettableClock* settable_ = nullptr;
  std::mutex test_clock_mu_;
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<processor::CommandProcessor> processor_;
  std::unique_ptr<accounts::AccountService> accounts_;
  std::unique_ptr<accounts::MailDelivery> delivery_;
  std::unique_ptr<projections::ProjectionSet> projections_;
  std::unique_ptr<SessionStore> sessions_;
  std::unique_ptr<PeriodicTask> session_sweeper_;  // stopped before anything it uses
};

}  // namespace hoyo::http
