// The writer's folded state (state_fold.h) as snapshot sections
// (eventstore/snapshots.h), and back.
//
// Sections and the format that introduced them:
//   1 booking   (format 1) facilities, inventory, reservations, lotteries,
//                          applications, draws and their indexes
//   2 accounts  (format 1) registrations, users, passwords, operators, mails
//   3 keys      (format 1) the idempotency keys within the window, with outcomes
//   4 writer    (format 2) the latest recorded-at, the events folded and when
//                          the snapshot was written
//   5 notices   (format 3) users' notice preferences, change-receipt counts,
//                          the text of every queued notice mail
//   6 prices    (format 4) each reservation's guests, reduction, price and paid mark, and
//                          the reduced nights each user has used per fiscal
//                          year (domain/price_snapshot.h)
//   7 confirmations (format 4) each lottery win's confirmation and deadline,
//                          the wins reminded, the lapsed rooms still held
//                          (a lapsed status is in the booking section)
//   8 reminders (format 5) the stay reminders issued, the periods' losers
//                          told of freed rooms (by lottery and lapse time)
//   9 penalties (format 6) the ward's penalty rules, each reservation's
//                          attendance and override reason, the users'
//                          suspensions, the ward's limits on stays
//                          (domain/penalty_snapshot.h)
//  10 offers    (format 7) offers to runners-up with their status, and each
//                          lapsed win's chain: the nights still held for
//                          runners-up and where in the draw's order the
//                          search goes on (domain/offer_snapshot.h)
//  11 claims    (format 8) each lottery application's guests and the
//                          reduction it claims (domain/price_snapshot.h)
//  12 results   (format 9) the published periods whose result notices the
//                          scheduler has not all issued: the publication's
//                          instant, the applicants and how many were told
//                          (domain/result_notice_snapshot.h); older formats
//                          had none (publication issued them in its group)
//  13 publications (format 10) the published periods whose wins the
//                          scheduler has not all booked: the publication's
//                          instant and how many were booked; and the wins as
//                          booked of the periods still to be told
//                          (domain/publication_snapshot.h); older formats
//                          had none (publication booked them in its group;
//                          their notices describe the wins as they stand)
//  14 suspensions (format 11) every user's suspensions not lifted
//                          (domain/penalty_snapshot.h); older formats kept
//                          one per user, the latest end, in section 9 (and
//                          format 11 keeps none there)
//  15 publication rates (format 12) the rate tables each period whose wins
//                          are still to book was published with
//                          (domain/publication_snapshot.h); older formats
//                          had none: such a period is priced by the rate
//                          tables as they stand when the snapshot is read
//  16 waitlist  (format 13) the cancellation waitlist: every entry, hold and
//                          offer with its status (domain/waitlist_snapshot.h);
//                          older formats had none (no facility had one). The
//                          rooms its holds keep are in the booking section's
//                          inventory.
//  17 losers    (format 14) the lapses whose rooms-freed notices the
//                          scheduler has not all issued: the rooms, their
//                          release and how many losers were told
//                          (domain/result_notice_snapshot.h); older formats
//                          had none (the lapse issued them in its group)
//  18 notice mails (format 15) the kind and deadline of every queued notice
//                          mail's notice, which its link follows
//                          (domain/account_snapshot.h); older formats had
//                          none: a mail queued then is sent without a link
// A snapshot must hold every section its own format had; one it lacks is
// damage and the snapshot is not used. A section introduced by a later format
// than the snapshot's takes its default: that state did not exist when the
// snapshot was written (a format-1 snapshot's latest recorded-at is read from
// the log at its position). Sections a reader does not know are ignored; later
// state (win deadlines, suspensions, waitlists) comes as new sections and a new
// format number.
#pragma once

#include <cstdint>
#include <string>

#include "eventstore/snapshots.h"
#include "processor/booking_sections.h"
#include "processor/state_fold.h"

namespace hoyo::processor {

inline constexpr const char* kStateSnapshotName = "writer";
inline constexpr std::uint32_t kStateFormat = 15;
// The format that introduced kPublicationRatesSection.
inline constexpr std::uint32_t kPublicationRatesFormat = 12;
// The format that introduced the waitlist section.
inline constexpr std::uint32_t kWaitlistFormat = 13;

enum StateSection : std::uint32_t {
  kBookingSection = 1,
  kAccountsSection = 2,
  kKeysSection = 3,
  kWriterSection = 4,
  kNoticesSection = 5,
  kPricesSection = 6,
  kConfirmationsSection = 7,
  kRemindersSection = 8,
  kPenaltiesSection = 9,
  kOffersSection = 10,
  kApplicationClaimsSection = 11,  // format 8: applications' guests and reductions
  kResultsSection = 12,            // format 9: result notices still to issue
  kPublicationsSection = 13,       // format 10: wins still to book
  kSuspensionsSection = 14,        // format 11: every suspension not lifted
  kPublicationRatesSection = 15,   // format 12: their rate tables at publication
  kWaitlistSection = 16,           // format 13 (kWaitlistFormat): the cancellation waitlist
  kLosersSection = 17,             // format 14: rooms-freed notices still to issue
  kNoticeMailsSection = 18,        // format 15: queued notice mails' kinds and deadlines
};

// The snapshot of `s` (at s.position, whose chain hash is `chain`), written
// with format `format` (kStateFormat; older ones for the tests of old
// snapshots). Keys older than `keys_since` are left out; `now` is when it is
// written.
eventstore::Snapshot encode_state(const FoldedState& s, const eventstore::Hash& chain,
                                  domain::Instant keys_since, domain::Instant now,
                                  std::uint32_t format = kStateFormat);

// Fills `out` (fresh) from a snapshot that passed eventstore's checks. False,
// with the reason in `why`, when a section it must hold is missing or does not
// decode; `recorded_at` is the recorded-at of the event at its position (the
// default of the writer section's latest recorded-at and written-at).
bool decode_state(const eventstore::Snapshot& snap, domain::Instant recorded_at, FoldedState& out,
                  std::string& why);

}  // namespace hoyo::processor
