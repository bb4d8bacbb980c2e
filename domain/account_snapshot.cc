// Snapshot bytes of the account state, shared by the writer's snapshot and the
// booking and accounts views.
#include "domain/account_snapshot.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace hoyo::domain {
namespace {

// The outbox mails holding a notice's text (queued notice mails), by id.
std::vector<std::pair<const std::string*, const OutboxMail*>> mails_with_text(
    const AccountState& a) {
  std::vector<std::pair<const std::string*, const OutboxMail*>> out;
  for (const auto& [id, m] : a.mails) {
    if (!m.subject.empty() || !m.body.empty()) out.emplace_back(&id, &m);
  }
  return out;
}

}  // namespace

void save_accounts(SnapshotWriter& w, const AccountState& a) {
  w.u64(a.registrations.size());
  for (const auto& [id, r] : a.registrations) {
    w.event(r.submitted);
    w.u64(static_cast<std::uint64_t>(r.status));
    w.str(r.user_number);
    w.u64(r.automatic);
    w.i64(r.approved_at);
    w.str(r.reject_reason);
    w.u64(r.erased);
  }
  w.u64(a.users.size());
  for (const auto& [n, id] : a.users) {
    w.str(n);
    w.str(id);
  }
  w.u64(a.identities.size());
  for (const auto& [digest, ids] : a.identities) {
    w.str(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
    w.u64(ids.size());
    for (const auto& id : ids) w.str(id);
  }
  w.u64(a.passwords.size());
  for (const auto& [account, p] : a.passwords) {
    w.str(account);
    w.u64(static_cast<std::uint64_t>(p.reason));
    w.i64(p.set_at);
  }
  w.u64(a.operators.size());
  for (const auto& [login, op] : a.operators) {
    w.str(login);
    w.u64(static_cast<std::uint64_t>(op.role));
    w.u64(op.disabled);
  }
  w.u64(a.mails.size());
  for (const auto& [id, m] : a.mails) {
    w.event(m.mail);
    w.u64(static_cast<std::uint64_t>(m.status));
    w.u64(static_cast<std::uint64_t>(m.attempts));
    w.i64(m.last_failure);
  }
}

// The ordered maps were saved in key order: each entry goes in at the end, in
// constant time (a hint), rather than after a search. The unordered ones are
// sized once from their counts, up to a bound (the bytes passed their checksum,
// but a count must not be trusted with gigabytes).
namespace {
constexpr std::uint64_t kReserveAtMost = std::uint64_t{1} << 24;
}  // namespace

void restore_accounts(SnapshotReader& r, AccountState& a) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    Registration reg;
    reg.submitted = r.event<RegistrationSubmitted>();
    reg.status = static_cast<RegistrationStatus>(r.u64());
    reg.user_number = r.str();
    reg.automatic = r.u64() != 0;
    reg.approved_at = r.i64();
    reg.reject_reason = r.str();
    reg.erased = r.u64() != 0;
    std::string id = reg.submitted.id;
    a.registrations.insert_or_assign(a.registrations.end(), std::move(id), std::move(reg));
  }
  const std::uint64_t users = r.u64();
  a.users.reserve(std::min<std::uint64_t>(users, kReserveAtMost));
  for (std::uint64_t n = users; n > 0 && !r.failed(); --n) {
    std::string number = r.str();
    a.users[number] = r.str();
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::string bytes = r.str();
    Digest d{};
    if (bytes.size() == d.size()) std::copy(bytes.begin(), bytes.end(), d.begin());
    auto& ids = a.identities.try_emplace(a.identities.end(), d)->second;
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) ids.push_back(r.str());
  }
  const std::uint64_t passwords = r.u64();
  a.passwords.reserve(std::min<std::uint64_t>(passwords, kReserveAtMost));
  for (std::uint64_t n = passwords; n > 0 && !r.failed(); --n) {
    std::string account = r.str();
    PasswordInfo p;
    p.reason = static_cast<PasswordReason>(r.u64());
    p.set_at = r.i64();
    a.passwords[account] = p;
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string login = r.str();
    OperatorAccount op;
    op.role = static_cast<OperatorRole>(r.u64());
    op.disabled = r.u64() != 0;
    a.operators[login] = op;
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    OutboxMail m;
    m.mail = r.event<MailQueued>();
    m.status = static_cast<MailStatus>(r.u64());
    m.attempts = static_cast<int>(r.u64());
    m.last_failure = r.i64();
    std::string id = m.mail.id;
    a.mails.insert_or_assign(a.mails.end(), std::move(id), std::move(m));
  }
}

void save_notice_state(SnapshotWriter& w, const AccountState& a) {
  w.u64(a.preferences.size());
  for (const auto& [user, p] : a.preferences) {
    w.str(user);
    w.u64(static_cast<std::uint64_t>(p.language));
    w.u64(p.reminders);
  }
  w.u64(a.change_receipts.size());
  for (const auto& [number, n] : a.change_receipts) {
    w.str(number);
    w.u64(n);
  }
  const auto texts = mails_with_text(a);
  w.u64(texts.size());
  for (const auto& [id, m] : texts) {
    w.str(*id);
    w.str(m->subject);
    w.str(m->body);
    w.u64(static_cast<std::uint64_t>(m->language));
  }
}

void restore_notice_state(SnapshotReader& r, AccountState& a) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string user = r.str();
    Preferences p;
    p.language = r.u64() == 1 ? Language::kEn : Language::kJa;
    p.reminders = r.u64() != 0;
    a.preferences[user] = p;
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string number = r.str();
    a.change_receipts[number] = static_cast<std::uint32_t>(r.u64());
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string id = r.str();
    OutboxMail& m = a.mails[id];
    m.subject = r.str();
    m.body = r.str();
    m.language = r.u64() == 1 ? Language::kEn : Language::kJa;
  }
}

void save_notice_mail_kinds(SnapshotWriter& w, const AccountState& a) {
  const auto texts = mails_with_text(a);
  w.u64(texts.size());
  for (const auto& [id, m] : texts) {
    w.str(*id);
    w.u64(static_cast<std::uint64_t>(m->notice_kind));
    w.i64(m->confirm_by);
  }
}

void restore_notice_mail_kinds(SnapshotReader& r, AccountState& a) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string id = r.str();
    const std::uint64_t kind = r.u64();
    const Instant confirm_by = r.i64();
    auto m = a.mails.find(id);
    if (m == a.mails.end() || kind > static_cast<std::uint64_t>(NoticeKind::kWaitlistOffer)) {
      r.reject();
      return;
    }
    m->second.notice_kind = static_cast<NoticeKind>(kind);
    m->second.confirm_by = confirm_by;
  }
}

}  // namespace hoyo::domain
