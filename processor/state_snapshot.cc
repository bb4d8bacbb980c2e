#include "processor/state_snapshot.h"

#include <cstring>
#include <vector>

#include "domain/account_snapshot.h"
#include "domain/offer_snapshot.h"
#include "domain/penalty_snapshot.h"
#include "domain/price_snapshot.h"
#include "domain/publication_snapshot.h"
#include "domain/result_notice_snapshot.h"
#include "domain/snapshot_codec.h"
#include "domain/waitlist_snapshot.h"

namespace hoyo::processor {
namespace {

using domain::SnapshotReader;
using domain::SnapshotWriter;

std::string encode_keys(const IdempotencyRegistry& keys, domain::Instant since) {
  SnapshotWriter w;
  keys.for_each_durable([&](const eventstore::EventId& key, const IdempotencyRegistry::Entry& e) {
    if (e.at < since) return;
    w.str({reinterpret_cast<const char*>(key.data()), key.size()});
    w.i64(e.kind);
    w.i64(e.at);
    w.u64(e.outcome.last_position);
    w.u64(e.outcome.events.size());
    for (const domain::Event& ev : e.outcome.events) w.event(ev);
  });
  return w.take();
}

bool decode_keys(std::string_view bytes, IdempotencyRegistry& keys) {
  SnapshotReader r(bytes);
  while (!r.at_end() && !r.failed()) {
    const std::string id = r.str();
    eventstore::EventId key{};
    if (id.size() != key.size()) return false;
    std::memcpy(key.data(), id.data(), key.size());
    const auto kind = static_cast<int>(r.i64());
    const domain::Instant at = r.i64();
    IdempotencyRegistry::Entry& e = keys.start(key, kind, at);
    e.durable = true;
    e.outcome.last_position = r.u64();
    for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
      // Any event kind: read its type and payload through the generic codec.
      const std::string type = r.str();
      const std::string payload = r.str();
      auto ev = domain::decode_event(type, payload);
      if (!ev) return false;
      e.outcome.events.push_back(std::move(*ev));
    }
  }
  return !r.failed();
}

}  // namespace

eventstore::Snapshot encode_state(const FoldedState& s, const eventstore::Hash& chain,
                                  domain::Instant keys_since, domain::Instant now,
                                  std::uint32_t format) {
  eventstore::Snapshot snap;
  snap.format = format;
  snap.position = s.position;
  snap.chain = chain;
  snap.sections[kBookingSection] = encode_booking_section(s.state);
  SnapshotWriter accounts;
  domain::save_accounts(accounts, s.state.accounts);
  snap.sections[kAccountsSection] = accounts.take();
  snap.sections[kKeysSection] = encode_keys(s.keys, keys_since);
  if (format >= 2) {
    SnapshotWriter w;
    w.i64(s.last_now);
    w.u64(s.events);
    w.i64(now);
    snap.sections[kWriterSection] = w.take();
  }
  if (format >= 3) {
    SnapshotWriter w;
    domain::save_notice_state(w, s.state.accounts);
    snap.sections[kNoticesSection] = w.take();
  }
  if (format >= 4) {
    SnapshotWriter w;
    domain::save_prices(w, s.state);
    snap.sections[kPricesSection] = w.take();
  }
  if (format >= 4) snap.sections[kConfirmationsSection] = encode_confirmations_section(s.state);
  if (format >= 5) snap.sections[kRemindersSection] = encode_reminders_section(s.state);
  if (format >= 6) {
    SnapshotWriter w;
    domain::save_penalties(w, s.state, format < 11);
    snap.sections[kPenaltiesSection] = w.take();
  }
  if (format >= 7) {
    SnapshotWriter w;
    domain::save_offers(w, s.state);
    snap.sections[kOffersSection] = w.take();
  }
  if (format >= 8) {
    SnapshotWriter w;
    domain::save_application_claims(w, s.state);
    snap.sections[kApplicationClaimsSection] = w.take();
  }
  if (format >= 9) {
    SnapshotWriter w;
    domain::save_results_to_tell(w, s.state);
    snap.sections[kResultsSection] = w.take();
  }
  if (format >= 10) {
    SnapshotWriter w;
    domain::save_wins_to_book(w, s.state);
    snap.sections[kPublicationsSection] = w.take();
  }
  if (format >= 11) {
    SnapshotWriter w;
    domain::save_suspensions(w, s.state);
    snap.sections[kSuspensionsSection] = w.take();
  }
  if (format >= kPublicationRatesFormat) {
    SnapshotWriter w;
    domain::save_publication_rates(w, s.state);
    snap.sections[kPublicationRatesSection] = w.take();
  }
  if (format >= kWaitlistFormat) {
    SnapshotWriter w;
    domain::save_waitlist(w, s.state.waitlist);
    snap.sections[kWaitlistSection] = w.take();
  }
  if (format >= 14) {
    SnapshotWriter w;
    domain::save_losers_to_tell(w, s.state);
    snap.sections[kLosersSection] = w.take();
  }
  if (format >= 15) {
    SnapshotWriter w;
    domain::save_notice_mail_kinds(w, s.state.accounts);
    snap.sections[kNoticeMailsSection] = w.take();
  }
  return snap;
}

bool decode_state(const eventstore::Snapshot& snap, domain::Instant recorded_at, FoldedState& out,
                  std::string& why) {
  auto section = [&](StateSection id) -> const std::string* {
    auto it = snap.sections.find(id);
    return it == snap.sections.end() ? nullptr : &it->second;
  };
  const std::string* booking = section(kBookingSection);
  const std::string* accounts = section(kAccountsSection);
  const std::string* keys = section(kKeysSection);
  if (!booking || !accounts || !keys) return why = "missing_section", false;
  if (!decode_booking_section(*booking, out.state)) return why = "bad_booking_section", false;
  SnapshotReader ar(*accounts);
  domain::restore_accounts(ar, out.state.accounts);
  if (ar.failed() || !ar.at_end()) return why = "bad_accounts_section", false;
  if (!decode_keys(*keys, out.keys)) return why = "bad_keys_section", false;
  out.position = snap.position;
  out.last_now = recorded_at;
  out.events = 0;
  out.written_at = recorded_at;
  if (const std::string* writer = section(kWriterSection)) {
    SnapshotReader wr(*writer);
    out.last_now = wr.i64();
    out.events = wr.u64();
    out.written_at = wr.i64();
    if (wr.failed()) return why = "bad_writer_section", false;
  } else if (snap.format >= 2) {
    return why = "missing_section", false;
  }
  if (const std::string* notices = section(kNoticesSection)) {
    SnapshotReader nr(*notices);
    domain::restore_notice_state(nr, out.state.accounts);
    if (nr.failed() || !nr.at_end()) return why = "bad_notices_section", false;
  } else if (snap.format >= 3) {
    return why = "missing_section", false;
  }
  if (const std::string* prices = section(kPricesSection)) {
    SnapshotReader pr(*prices);
    domain::restore_prices(pr, out.state);
    if (pr.failed() || !pr.at_end()) return why = "bad_prices_section", false;
  } else if (snap.format >= 4) {
    return why = "missing_section", false;
  }
  if (const std::string* confirmations = section(kConfirmationsSection)) {
    if (!decode_confirmations_section(*confirmations, out.state)) {
      return why = "bad_confirmations_section", false;
    }
  } else if (snap.format >= 4) {
    return why = "missing_section", false;
  }
  if (const std::string* reminders = section(kRemindersSection)) {
    if (!decode_reminders_section(*reminders, out.state)) {
      return why = "bad_reminders_section", false;
    }
  } else if (snap.format >= 5) {
    return why = "missing_section", false;
  }
  if (const std::string* penalties = section(kPenaltiesSection)) {
    SnapshotReader pr(*penalties);
    domain::restore_penalties(pr, out.state);
    if (pr.failed() || !pr.at_end()) return why = "bad_penalties_section", false;
  } else if (snap.format >= 6) {
    return why = "missing_section", false;
  }
  if (const std::string* offers = section(kOffersSection)) {
    SnapshotReader orr(*offers);
    domain::restore_offers(orr, out.state);
    if (orr.failed() || !orr.at_end()) return why = "bad_offers_section", false;
  } else if (snap.format >= 7) {
    return why = "missing_section", false;
  }
  if (const std::string* claims = section(kApplicationClaimsSection)) {
    SnapshotReader cr(*claims);
    domain::restore_application_claims(cr, out.state);
    if (cr.failed() || !cr.at_end()) return why = "bad_application_claims_section", false;
  } else if (snap.format >= 8) {
    return why = "missing_section", false;
  }
  if (const std::string* results = section(kResultsSection)) {
    SnapshotReader rr(*results);
    domain::restore_results_to_tell(rr, out.state);
    if (rr.failed() || !rr.at_end()) return why = "bad_results_section", false;
  } else if (snap.format >= 9) {
    return why = "missing_section", false;
  }
  if (const std::string* publications = section(kPublicationsSection)) {
    SnapshotReader pr(*publications);
    domain::restore_wins_to_book(pr, out.state);
    if (pr.failed() || !pr.at_end()) return why = "bad_publications_section", false;
  } else if (snap.format >= 10) {
    return why = "missing_section", false;
  } else {
    domain::recall_booked_wins(out.state);
  }
  if (const std::string* suspensions = section(kSuspensionsSection)) {
    SnapshotReader sr(*suspensions);
    domain::restore_suspensions(sr, out.state);
    if (sr.failed() || !sr.at_end()) return why = "bad_suspensions_section", false;
  } else if (snap.format >= 11) {
    return why = "missing_section", false;
  }
  if (const std::string* rates = section(kPublicationRatesSection)) {
    SnapshotReader rr(*rates);
    domain::restore_publication_rates(rr, out.state);
    if (rr.failed() || !rr.at_end()) return why = "bad_publication_rates_section", false;
  } else if (snap.format >= kPublicationRatesFormat) {
    return why = "missing_section", false;
  } else {
    domain::recall_publication_rates(out.state);
  }
  if (const std::string* waitlist = section(kWaitlistSection)) {
    SnapshotReader wr(*waitlist);
    domain::restore_waitlist(wr, out.state.waitlist);
    if (wr.failed() || !wr.at_end()) return why = "bad_waitlist_section", false;
  } else if (snap.format >= kWaitlistFormat) {
    return why = "missing_section", false;
  }
  if (const std::string* losers = section(kLosersSection)) {
    SnapshotReader lr(*losers);
    domain::restore_losers_to_tell(lr, out.state);
    if (lr.failed() || !lr.at_end()) return why = "bad_losers_section", false;
  } else if (snap.format >= 14) {
    return why = "missing_section", false;
  }
  if (const std::string* mails = section(kNoticeMailsSection)) {
    SnapshotReader mr(*mails);
    domain::restore_notice_mail_kinds(mr, out.state.accounts);
    if (mr.failed() || !mr.at_end()) return why = "bad_notice_mails_section", false;
  } else if (snap.format >= 15) {
    return why = "missing_section", false;
  }
  return true;
}

}  // namespace hoyo::processor
