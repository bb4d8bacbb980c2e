#include "accounts/mail_delivery.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "accounts/internal/service_impl.h"
#include "accounts/mail_message.h"
#include "base/mutex.h"
#include "base/thread.h"

namespace hoyo::accounts {

struct MailDelivery::Impl {
  Impl(eventstore::EventStore& s, processor::CommandProcessor& p, PersonalDataVault& v,
       const processor::Clock& c, std::unique_ptr<MailTransport> t, DeliveryConfig cfg)
      : store(s),
        processor(p),
        vault(v),
        clock(c),
        transport(std::move(t)),
        config(std::move(cfg)) {}

  eventstore::EventStore& store;
  processor::CommandProcessor& processor;
  PersonalDataVault& vault;
  const processor::Clock& clock;
  std::unique_ptr<MailTransport> transport;
  DeliveryConfig config;

  base::Mutex pass_mu;  // one delivery pass at a time
  // By mail id.
  std::map<std::string, std::chrono::steady_clock::time_point> not_before HOYO_GUARDED_BY(pass_mu);

  base::Mutex mu;
  base::CondVar cv;
  bool woken HOYO_GUARDED_BY(mu) = false;
  bool stopping HOYO_GUARDED_BY(mu) = false;
  std::thread worker;

  std::atomic<std::uint64_t> queued{0}, sent{0}, failures{0}, abandoned{0}, passes{0};

  int deliver_due();
  // Sends one mail; returns the outcome to record.
  domain::RecordMailOutcome attempt(const domain::OutboxMail& m, const domain::Registration& r);
  // What a mail's "sending" mark says before another attempt:
  //   kNone: no mark, or a stale one (from an attempt the log recorded,
  //     erased now): send;
  //   kUnknown: the last attempt reached the relay's final answer and lost
  //     it to a crash (the mark is newer than the log's attempts, or cannot
  //     be read as a number): failed for good, never sent again;
  //   kUnreadable: the mark could not be read: skip the mail this pass.
  enum class Mark { kNone, kUnknown, kUnreadable };
  Mark mark_of(const domain::OutboxMail& m);
  // Once a process: removes the transport's copies of the mails of
  // registrations erased before (an erasure whose hook never ran: a crash
  // in between, or a removal that failed).
  void forget_erased() HOYO_REQUIRES(pass_mu);
  bool erased_forgotten HOYO_GUARDED_BY(pass_mu) = false;
};

namespace {

// The outbox side table's "sending" mark of a mail: set (synced) just before
// the relay is asked to take it for good, holding that attempt's number;
// erased once its outcome is in the log.
std::string sending_key(const std::string& mail_id) { return "sending:" + mail_id; }

// A mail the relay may hold without having said so: failed for good, so
// that it is never sent twice; the in-app notice still holds its text.
domain::RecordMailOutcome unknown_outcome(const std::string& mail_id) {
  return {mail_id, false,
          "interrupted while the relay was answering the end of the mail: it may have arrived, "
          "so it is not sent again",
          true};
}

}  // namespace

MailDelivery::MailDelivery(eventstore::EventStore& store, processor::CommandProcessor& processor,
                           PersonalDataVault& vault, const processor::Clock& clock,
                           std::unique_ptr<MailTransport> transport, DeliveryConfig config)
    : impl_(std::make_unique<Impl>(store, processor, vault, clock, std::move(transport),
                                   std::move(config))) {
  Impl* p = impl_.get();
  if (!p->config.background) return;
  p->worker = base::start_thread("hoyo-mail", [p] {
    for (;;) {
      p->deliver_due();
      base::MutexLock lk(p->mu);
      p->cv.wait_for(lk, p->config.poll,
                     [p]() HOYO_REQUIRES(p->mu) { return p->stopping || p->woken; });
      if (p->stopping) return;
      p->woken = false;
    }
  });
}

MailDelivery::~MailDelivery() {
  {
    base::MutexLock lk(impl_->mu);
    impl_->stopping = true;
  }
  impl_->cv.notify_all();
  if (impl_->worker.joinable()) impl_->worker.join();
}

void MailDelivery::wake() {
  {
    base::MutexLock lk(impl_->mu);
    impl_->woken = true;
  }
  impl_->cv.notify_all();
}

int MailDelivery::deliver_due() { return impl_->deliver_due(); }

base::Status MailDelivery::forget(const std::vector<std::string>& mail_ids) {
  // Not behind a pass (which may wait minutes on a relay): the transport
  // serialises its own writes with this.
  return impl_->transport->forget(mail_ids);
}

DeliveryStats MailDelivery::stats() const {
  return {impl_->queued.load(), impl_->sent.load(), impl_->failures.load(), impl_->abandoned.load(),
          impl_->passes.load()};
}

int MailDelivery::Impl::deliver_due() {
  // Each mail is sent once, by the writer node (docs/cluster.md): a cluster
  // follower's store is a replica and its processor's state not the log's.
  if (store.role() != eventstore::StoreRole::kWriter) return 0;
  base::MutexLock pass(pass_mu);
  forget_erased();
  std::vector<std::pair<domain::OutboxMail, domain::Registration>> due;
  processor.inspect([&](const domain::BookingState& s) {
    for (const auto& [id, m] : s.accounts.mails) {
      if (m.status != domain::MailStatus::kQueued) continue;
      if (const domain::Registration* r = s.accounts.registration(m.mail.registration)) {
        due.emplace_back(m, *r);
      }
    }
  });
  queued.store(due.size());
  const auto now = std::chrono::steady_clock::now();
  int attempted = 0;
  bool interrupted = false;
  for (const auto& [m, r] : due) {
    {
      // A stop waits for the mail in hand, not for the rest of the pass (an
      // outbox of thousands would hold SIGTERM for minutes); the next start
      // sends them.
      base::MutexLock lk(mu);
      interrupted = stopping;
      if (interrupted) break;
    }
    domain::RecordMailOutcome outcome;
    const Mark mark = mark_of(m);
    if (mark == Mark::kUnreadable) continue;
    if (mark == Mark::kUnknown) {
      outcome = unknown_outcome(m.mail.id);
    } else {
      auto wait = not_before.find(m.mail.id);
      if (wait != not_before.end() && wait->second > now) continue;
      outcome = attempt(m, r);
      ++attempted;
      if (!outcome.sent) ++failures;
    }
    auto recorded = processor.submit({domain::Actor::system(), outcome}).get();
    // Refused (e.g. the disk is full): the next pass decides again, and the
    // mark of a send the relay may have taken makes that "failed for good".
    if (!recorded.ok()) continue;
    if (outcome.sent) ++sent;
    if (outcome.final && !outcome.sent) ++abandoned;
    if (outcome.sent || outcome.final) --queued;
    std::vector<eventstore::SideWrite> done{
        {eventstore::SideTable::kOutbox, sending_key(m.mail.id), std::nullopt}};
    if (outcome.sent || outcome.final) {
      not_before.erase(m.mail.id);
      done.push_back({eventstore::SideTable::kOutbox, outbox_key(m.mail.id), std::nullopt});
    } else {
      not_before[m.mail.id] = now + config.first_backoff * (1 << std::min(m.attempts, 10));
    }
    // A mark left behind (this write refused) is older than the log's
    // attempts from now on: mark_of() erases it.
    (void)store.side_write(done);
  }
  if (!interrupted) ++passes;
  return attempted;
}

MailDelivery::Impl::Mark MailDelivery::Impl::mark_of(const domain::OutboxMail& m) {
  auto mark = store.side_get(eventstore::SideTable::kOutbox, sending_key(m.mail.id));
  if (!mark.ok()) return Mark::kUnreadable;
  if (!*mark) return Mark::kNone;
  int attempt = 0;
  const std::string& v = **mark;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), attempt);
  if (ec != std::errc() || end != v.data() + v.size()) return Mark::kUnknown;
  if (attempt <= m.attempts) {  // that attempt's outcome is in the log
    (void)store.side_write(
        {{eventstore::SideTable::kOutbox, sending_key(m.mail.id), std::nullopt}});
    return Mark::kNone;
  }
  return Mark::kUnknown;
}

void MailDelivery::Impl::forget_erased() {
  if (erased_forgotten) return;
  std::vector<std::string> ids;
  processor.inspect([&](const domain::BookingState& s) {
    for (const auto& [id, m] : s.accounts.mails) {
      const domain::Registration* r = s.accounts.registration(m.mail.registration);
      if (r != nullptr && r->erased) ids.push_back(id);
    }
  });
  erased_forgotten = transport->forget(ids).ok();  // else again at the next pass
}

domain::RecordMailOutcome MailDelivery::Impl::attempt(const domain::OutboxMail& m,
                                                      const domain::Registration& r) {
  domain::RecordMailOutcome out{m.mail.id, false, {}, false};
  auto fail_for_good = [&](std::string why) {
    out.error = std::move(why);
    out.final = true;
    return out;
  };
  if (r.erased) return fail_for_good("the addressee's personal data was erased");
  auto data = vault.open(r.submitted.key_id, r.submitted.sealed);
  if (!data.ok() || !*data) return fail_for_good("the addressee's personal data is unreadable");
  if ((*data)->email.empty()) return fail_for_good("no email address");
  MailFacts facts;
  facts.name = (*data)->name_kanji;
  facts.user_number = r.user_number;
  facts.reason = r.reject_reason;
  facts.base_url = config.public_base_url;
  if (m.mail.kind == domain::MailKind::kResetLink) {
    auto link = store.side_get(eventstore::SideTable::kOutbox, outbox_key(m.mail.id));
    if (!link.ok() || !*link) return fail_for_good("the reset link is gone");
    facts.link = **link;
  }
  if (m.mail.kind == domain::MailKind::kApproved) {
    // An activation code waits in the outbox until this mail is sent (the
    // approval wrote it there, or failed); none: the birth-date rule's mail.
    auto code = store.side_get(eventstore::SideTable::kOutbox, outbox_key(m.mail.id));
    if (!code.ok()) return out;  // a read failure: try again later
    if (*code) facts.activation_code = **code;
  }
  const MailMessage msg = m.mail.kind == domain::MailKind::kNotice
                              ? notice_mail((*data)->email, facts.name, m, config.public_base_url)
                              : render_mail(m.mail.kind, (*data)->email, facts);
  const std::string text = to_rfc5322(msg, config.from, clock.now(), m.mail.id + "@hoyo.localhost");
  const std::string attempt_number = std::to_string(m.attempts + 1);
  bool unknown = false;
  base::Status sent = transport->send_committing(
      config.from, msg.to, text, m.mail.id,
      [&] {
        return store.side_put(eventstore::SideTable::kOutbox, sending_key(m.mail.id),
                              attempt_number);
      },
      &unknown);
  if (unknown) return unknown_outcome(m.mail.id);
  if (sent.ok()) {
    out.sent = true;
    return out;
  }
  out.error = sent.to_string();
  out.final = m.attempts + 1 >= config.max_attempts;
  return out;
}

}  // namespace hoyo::accounts
