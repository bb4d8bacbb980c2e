// The outbox's delivery worker. It takes the queued mails from the log's
// state (MailQueued without a final outcome), renders each from the
// registration's decrypted fields (and, for a reset link, the secret in the
// outbox side table), hands it to the transport and records MailSent or
// MailFailed. Failures are retried with doubling backoff up to max_attempts;
// a mail to erased personal data fails at once for good. After a restart,
// every mail still queued is tried again. A cluster follower (its store a
// replica) sends nothing: the writer node does.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "accounts/mail_transport.h"
#include "accounts/personal_data.h"
#include "processor/command_processor.h"

namespace hoyo::accounts {

struct DeliveryConfig {
  std::string from = "港区区民保養施設予約システム <noreply@hoyo.localhost>";
  // Where mails link (the login page, a notice's screen); empty: notice
  // mails go without a link. The daemon sets server.public_origin.
  std::string public_base_url = "http://localhost:8080";
  int max_attempts = 6;
  std::chrono::milliseconds first_backoff{30000};
  std::chrono::milliseconds poll{1000};  // how often it looks for new mail when not woken
  bool background = true;                // false: no thread; the owner calls deliver_due() (tests)
};

// What the worker has seen, for /metrics.
struct DeliveryStats {
  std::uint64_t queued = 0;     // mails waiting in the outbox at the last pass
  std::uint64_t sent = 0;       // mails the transport took
  std::uint64_t failures = 0;   // attempts that failed (each retried until the last)
  std::uint64_t abandoned = 0;  // mails given up for good (out of attempts, no address, ...)
  // Passes over the outbox finished as the writer: one that started after a
  // mail was queued has sent it, given it up or put it off (then `queued`
  // counts it); flat while the worker is stuck or the node follows.
  std::uint64_t passes = 0;
};

class MailDelivery {
 public:
  // Everything passed must outlive the worker. Starts its thread (see `background`).
  MailDelivery(eventstore::EventStore& store, processor::CommandProcessor& processor,
               PersonalDataVault& vault, const processor::Clock& clock,
               std::unique_ptr<MailTransport> transport, DeliveryConfig config = {});
  ~MailDelivery();  // finishes the mail in hand, then stops

  // Looks for queued mail now (the accounts service calls it after queueing).
  void wake();
  // Runs one pass on the caller's thread; returns how many mails it attempted (tests).
  int deliver_due();
  // Removes the transport's copies of these mails (an erasure), after the
  // pass in progress: a mail of an erased registration is never sent again.
  base::Status forget(const std::vector<std::string>& mail_ids);
  // Counters since start.
  DeliveryStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoyo::accounts
