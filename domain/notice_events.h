// The events of notices (お知らせ) and of a user's notice preferences. A
// notice is issued in the same atomic group as the event that caused it (a
// lottery's publication, a booking, a change, a cancellation), so it exists
// exactly when its cause does; its text is rendered once, in the user's
// language, and kept in the event so an audit sees what was sent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/civil_time.h"

namespace hoyo::domain {

enum class Language : std::uint8_t { kJa = 0, kEn = 1 };
const char* language_name(Language l);  // "ja", "en"

enum class NoticeKind : std::uint8_t {
  kLotteryResult = 0,
  kBookingReceipt = 1,
  kChangeReceipt = 2,
  kCancellationReceipt = 3,
  kConfirmationReminder = 4,  // a win's deadline is near (a reminder: users may turn it off)
  kWinLapsed = 5,             // an unconfirmed win was cancelled at its deadline
  kStayReminder = 6,          // a stay is near (a reminder: users may turn it off)
  kRoomsFreed = 7,            // a period's losers: lapsed rooms join first-come, and when
  kSuspended = 8,             // a late cancellation or a no-show suspended the user
  kSuspensionLifted = 9,      // an operator lifted the suspension
  kRunnerUpOffer = 10,        // a lapsed win's room is offered to a runner-up, with a deadline
  kWaitlistOffer = 11,        // a freed room is offered to a waitlist entry, with a deadline
};
// "lottery_result", "booking_receipt", "change_receipt", "cancellation_receipt",
// "confirmation_reminder", "win_lapsed", "stay_reminder", "rooms_freed",
// "suspended", "suspension_lifted", "runner_up_offer", "waitlist_offer"
const char* notice_kind_name(NoticeKind k);

// The member screen where a notice of `kind` with deadline `confirm_by` (0:
// none) is answered, as a path of the web app, or null when it needs no
// answer: a win to confirm (a result or a reminder with a deadline) and a
// runner-up's offer on 当選の確定 ("/confirmations"), a waitlist offer on
// キャンセル待ち ("/waitlist"). The in-app list and the notice mails link there.
const char* notice_screen(NoticeKind kind, Instant confirm_by);

// A user chose the language of their notices and whether they get reminders
// (results, deadlines and receipts are sent whatever this says). Stream user-N.
struct PreferencesSet {
  std::string user;  // user number
  Language language = Language::kJa;
  bool reminders = true;
  bool operator==(const PreferencesSet&) const = default;
};

// A notice to one user. `id` is derived from its cause (decide_notices.cc),
// so the same cause can never issue a second one. `mail` names the outbox
// mail that carries it (a MailQueued of kind kNotice just before it in the
// same group), empty when the user has no mail address: then it is posted
// (the operators' print list). Stream user-N.
struct NoticeIssued {
  std::string id;
  std::string user;
  NoticeKind kind = NoticeKind::kLotteryResult;
  Language language = Language::kJa;
  std::string subject;  // prefixed with the system's name
  std::string body;     // plain text, lines separated by \n, without salutation
  std::string mail;
  std::string cause;  // the lottery id, the reservation number or the offer id
  // The confirmation deadline of a lottery win (a result, a reminder), or an
  // offer's deadline; 0: none.
  Instant confirm_by = 0;
  // When issued; for a scheduled notice (a reminder, a lapse) its due time.
  Instant at = 0;
  bool operator==(const NoticeIssued&) const = default;
};

// The user read these notices (their own). Stream user-N.
struct NoticesRead {
  std::string user;
  std::vector<std::string> notices;
  bool operator==(const NoticesRead&) const = default;
};

}  // namespace hoyo::domain
