// Notices (お知らせ): who is told what, under which id, and the preference
// and read-mark commands. A notice is issued in the group of the event that
// caused it, with an id derived from that cause, so it exists exactly once.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "domain/decide_internal.h"
#include "domain/notice_limits.h"
#include "domain/notice_text.h"
#include "domain/stay_reminder.h"

namespace hoyo::domain::internal {
namespace {

// The approved, not erased registration of a user: only they are told.
const Registration* addressee(const BookingState& s, const std::string& user) {
  const Registration* r = s.accounts.user(user);
  return r && !r->erased && r->status == RegistrationStatus::kApproved ? r : nullptr;
}

NoticeStay stay_of(const BookingState& s, Language l, const std::string& facility, Date check_in,
                   int nights, const std::vector<int>& people) {
  NoticeStay st;
  if (const Facility* f = s.facility(facility)) {
    st.facility = l == Language::kEn && !f->name_en.empty() ? f->name_en : f->name;
  } else {
    st.facility = facility;
  }
  st.check_in = check_in;
  st.nights = nights;
  st.people = people;
  return st;
}

NoticeStay reservation_stay(const BookingState& s, Language l, const Reservation& r) {
  NoticeStay st = stay_of(s, l, r.facility, r.check_in, r.nights, r.people);
  st.number = r.number;
  st.style = r.style;
  return st;
}

// Appends the notice to `r`'s user, preceded, when they gave a mail address,
// by the outbox mail that carries it (named after the notice).
void push(std::vector<Event>& out, const Registration& r, NoticeIssued n) {
  if (r.submitted.email_given) {
    n.mail = notice_mail_id(n.id);
    out.push_back(MailQueued{n.mail, r.submitted.id, MailKind::kNotice, n.id});
  }
  out.push_back(std::move(n));
}

// The notice `id` of `kind` to `user`, in `l`, telling `t`, caused by `cause`,
// issued at `at`.
NoticeIssued notice_of(std::string id, const std::string& user, NoticeKind kind, Language l,
                       NoticeText t, std::string cause, Instant at) {
  NoticeIssued n;
  n.id = std::move(id);
  n.user = user;
  n.kind = kind;
  n.language = l;
  n.subject = std::move(t.subject);
  n.body = std::move(t.body);
  n.cause = std::move(cause);
  n.at = at;
  return n;
}

// User's wins of `lottery` cancelled while its results were not out: their
// reservations cancelled, without the copy ResultsToTell keeps of each other
// win (evolve drops it then), in booking order.
std::vector<const Reservation*> cancelled_unseen(const BookingState& s, const std::string& lottery,
                                                 const std::string& user) {
  std::vector<const Reservation*> out;
  auto numbers = s.by_user.find(user);
  if (numbers == s.by_user.end()) return out;
  const ResultsToTell& due = s.results_to_tell.at(lottery);
  auto copies = due.wins.find(user);
  for (const std::string& number : numbers->second) {
    const Reservation* r = s.reservation(number);
    if (!r || r->origin != Origin::kLottery || r->status != ReservationStatus::kCancelled) continue;
    auto a = s.applications.find(r->application);
    if (a == s.applications.end() || a->second.lottery != lottery) continue;
    const bool copied = copies != due.wins.end() &&
                        std::any_of(copies->second.begin(), copies->second.end(),
                                    [&](const BookedWin& b) { return b.number == number; });
    if (!copied) out.push_back(r);
  }
  return out;
}

}  // namespace

std::string notice_mail_id(const std::string& notice_id) { return "notice-" + notice_id; }

void lottery_result_notices(const BookingState& s, const std::string& lottery, std::uint32_t max,
                            std::vector<Event>& out) {
  const ResultsToTell& due = s.results_to_tell.at(lottery);
  const LotteryPeriod& p = s.lotteries.at(lottery);
  const std::vector<std::string> users = result_notice_order(s, lottery);
  std::set<std::string> won_applications;
  if (auto d = s.draws.find(lottery); d != s.draws.end()) {
    for (const DrawWin& w : d->second.wins) won_applications.insert(w.application);
  }
  const auto end = static_cast<std::uint32_t>(
      std::min<std::size_t>(users.size(), std::size_t{due.told} + std::max<std::uint32_t>(max, 1)));
  for (std::uint32_t i = due.told; i < end; ++i) {
    const std::string& user = users[i];
    const Registration* reg = addressee(s, user);
    if (!reg) continue;
    const Language l = s.accounts.preferences_of(user).language;
    std::vector<NoticeStay> w, lo;
    Instant confirm_by = 0;
    // The wins as booked (a change or cancellation since is not the result),
    // in booking order.
    if (auto mine = due.wins.find(user); mine != due.wins.end()) {
      for (const BookedWin& b : mine->second) {
        NoticeStay st = stay_of(s, l, b.facility, b.check_in, b.nights, b.people);
        st.number = b.number;
        st.style = b.style;
        w.push_back(std::move(st));
        // A deadline only while the win still awaits its confirmation.
        const Reservation* r = s.reservation(b.number);
        if (b.confirmation == Confirmation::kRequired && r && r->active() &&
            r->confirmation == Confirmation::kRequired) {
          confirm_by = b.confirm_by;
        }
      }
    }
    // Wins cancelled before the results were out (their copies dropped, no
    // receipt sent then): listed as booked, their receipts following.
    const std::vector<const Reservation*> held_back = cancelled_unseen(s, lottery, user);
    for (const Reservation* r : held_back) {
      NoticeStay st = stay_of(s, l, r->facility, r->check_in, r->nights, r->people);
      st.number = r->number;
      st.style = r->style;
      w.push_back(std::move(st));
    }
    for (const LotteryApplication* a : s.user_applications(user, lottery)) {
      if (!a->active() || won_applications.count(a->id)) continue;
      NoticeStay st = stay_of(s, l, a->facility, a->check_in, a->nights, a->people);
      st.wish = a->wish;
      st.preference = a->preference;
      lo.push_back(std::move(st));
    }
    NoticeText t = lottery_result_text(l, p.id, w, lo, confirm_by);
    NoticeIssued n = notice_of("result-" + p.id + "-" + user, user, NoticeKind::kLotteryResult, l,
                               std::move(t), p.id, due.at);
    n.confirm_by = confirm_by;
    push(out, *reg, std::move(n));
    for (const Reservation* r : held_back) {
      receipt_notice(s, NoticeKind::kCancellationReceipt, *r, true, due.at, out);
    }
  }
  // The order cannot shrink once the window has closed; were the log to make
  // it (a damaged or forged one), the period is finished rather than told
  // again, and the count never goes back.
  out.push_back(
      LotteryResultsTold{lottery, end > due.told ? end : std::max(due.applicants, due.told)});
}

void receipt_notice(const BookingState& s, NoticeKind kind, const Reservation& r, bool by_centre,
                    Instant now, std::vector<Event>& out) {
  const Registration* reg = addressee(s, r.user);
  if (!reg) return;
  const Language l = s.accounts.preferences_of(r.user).language;
  NoticeText t = receipt_text(l, kind, reservation_stay(s, l, r), by_centre);
  std::string id;
  switch (kind) {
    case NoticeKind::kBookingReceipt:
      id = "booked-" + r.number;
      break;
    case NoticeKind::kChangeReceipt: {
      auto it = s.accounts.change_receipts.find(r.number);
      id = "changed-" + r.number + "-" +
           std::to_string(it == s.accounts.change_receipts.end() ? 1 : it->second + 1);
      break;
    }
    case NoticeKind::kCancellationReceipt:
    case NoticeKind::kLotteryResult:
    case NoticeKind::kConfirmationReminder:
    case NoticeKind::kWinLapsed:
    case NoticeKind::kStayReminder:
    case NoticeKind::kRoomsFreed:
    case NoticeKind::kSuspended:
    case NoticeKind::kSuspensionLifted:
    case NoticeKind::kRunnerUpOffer:
    case NoticeKind::kWaitlistOffer:
      id = "cancelled-" + r.number;
      break;
  }
  push(out, *reg, notice_of(std::move(id), r.user, kind, l, std::move(t), r.number, now));
}

void scheduled_notice(const BookingState& s, NoticeKind kind, const Reservation& r, Instant due,
                      std::vector<Event>& out) {
  const Registration* reg = addressee(s, r.user);
  if (!reg) return;
  const Language l = s.accounts.preferences_of(r.user).language;
  const NoticeStay stay = reservation_stay(s, l, r);
  NoticeText t;
  std::string id;
  if (kind == NoticeKind::kConfirmationReminder) {
    t = confirmation_reminder_text(l, stay, r.confirm_by);
    id = "reminder-" + r.number;
  } else if (kind == NoticeKind::kStayReminder) {
    t = stay_reminder_text(l, stay);
    id = stay_reminder_id(r.number, r.check_in);
  } else {
    t = win_lapsed_text(l, stay);
    id = "lapsed-" + r.number;
  }
  NoticeIssued n = notice_of(std::move(id), r.user, kind, l, std::move(t), r.number, due);
  if (kind != NoticeKind::kStayReminder) n.confirm_by = r.confirm_by;
  push(out, *reg, std::move(n));
}

std::optional<LosersToTell> losers_to_tell(const BookingState& s, const LotteryPeriod& p,
                                           const std::vector<const Reservation*>& lapsing,
                                           Instant due) {
  // The rooms, and when: the nights each release frees (those whose
  // first-come window is still open then); the latest release if they differ.
  LosersToTell e{p.id, due, 0, {}};
  for (const Reservation* r : lapsing) {
    const Facility* f = s.facility(r->facility);
    const Instant at = release_due_of(s, *r);
    const std::vector<Date> nights =
        f ? nights_to_free(f->rules, r->check_in, r->nights, at) : std::vector<Date>{};
    if (nights.empty()) continue;
    e.release = std::max(e.release, at);
    e.rooms.push_back({r->facility, nights.front(), static_cast<int>(nights.size()), r->style});
  }
  if (e.rooms.empty() || losers_in_order(s, p.id).empty()) return std::nullopt;
  // A notice lists the first few; the event keeps no more (as many wins as
  // lapse at once, thousands in a large period, would not fit one command).
  std::sort(e.rooms.begin(), e.rooms.end(), [](const FreedRoom& a, const FreedRoom& b) {
    return std::tie(a.first, a.facility, a.style, a.nights) <
           std::tie(b.first, b.facility, b.style, b.nights);
  });
  if (e.rooms.size() > kFreedRoomsListed) {
    e.more = static_cast<std::uint32_t>(e.rooms.size() - kFreedRoomsListed);
    e.rooms.resize(kFreedRoomsListed);
  }
  return e;
}

void rooms_freed_notices(const BookingState& s, const std::string& lottery, Instant due,
                         std::uint32_t max, std::vector<Event>& out) {
  const FreedToTell& freed = s.losers_to_tell.at({lottery, due});
  const std::vector<std::string> losers = losers_in_order(s, lottery);
  const std::size_t end =
      std::min(losers.size(), std::size_t{freed.told} + std::max<std::uint32_t>(max, 1));
  for (std::size_t i = freed.told; i < end; ++i) {
    const std::string& user = losers[i];
    if (!wants_reminders(s, user)) continue;
    const Registration* reg = addressee(s, user);
    const Language l = s.accounts.preferences_of(user).language;
    std::vector<NoticeStay> lines;
    for (const FreedRoom& room : freed.rooms) {
      NoticeStay st = stay_of(s, l, room.facility, room.first, room.nights, {});
      st.style = room.style;
      lines.push_back(std::move(st));
    }
    NoticeText t = rooms_freed_text(l, lines, freed.release, freed.more);
    push(out, *reg,
         notice_of("freed-" + lottery + "-" + std::to_string(due / kMicrosPerSecond) + "-" + user,
                   user, NoticeKind::kRoomsFreed, l, std::move(t), lottery, due));
  }
  // The losers cannot change once the period is drawn; were the log to make
  // them fewer (a damaged or forged one), the lapse is finished rather than
  // told again, and the count never goes back.
  const auto told = static_cast<std::uint32_t>(std::max<std::size_t>(end, freed.told));
  out.push_back(LosersTold{lottery, due, told, end >= losers.size()});
}

void suspension_notice(const BookingState& s, const UserSuspended& e, Instant now,
                       std::vector<Event>& out) {
  const Registration* reg = addressee(s, e.user);
  if (!reg) return;
  const Language l = s.accounts.preferences_of(e.user).language;
  NoticeText t = suspension_text(l, e.cause == SuspensionCause::kNoShow,
                                 reservation_stay(s, l, s.reservations.at(e.number)), e.until);
  // One per cause: a reservation is cancelled late, or not attended, once
  // (a dropped night and the later cancellation have different days).
  std::string id = std::string("suspended-") + suspension_cause_name(e.cause) + "-" + e.number +
                   "-" + e.from.to_string();
  push(out, *reg,
       notice_of(std::move(id), e.user, NoticeKind::kSuspended, l, std::move(t), e.number, now));
}

void lifted_notice(const BookingState& s, const SuspensionLifted& e, const Suspension* remains,
                   std::vector<Event>& out) {
  const Registration* reg = addressee(s, e.user);
  if (!reg) return;
  const Language l = s.accounts.preferences_of(e.user).language;
  NoticeText t = suspension_lifted_text(
      l, remains ? std::optional<Date>(remains->until) : std::optional<Date>());
  // One lift per instant and user.
  push(out, *reg,
       notice_of("lifted-" + e.user + "-" + std::to_string(e.at), e.user,
                 NoticeKind::kSuspensionLifted, l, std::move(t), e.user, e.at));
}

bool wants_reminders(const BookingState& s, const std::string& user) {
  return addressee(s, user) && s.accounts.preferences_of(user).reminders;
}

Events decide_one(const BookingState& s, const Actor& a, const SetPreferences& c, Instant) {
  if (a.kind == Actor::Kind::kUser && a.id != c.user) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  if (!addressee(s, c.user)) return Error{ErrorCode::kNotFound, MessageId::kNoSuchUser};
  const Preferences held = s.accounts.preferences_of(c.user);
  const PreferencesSet set{c.user, c.language.value_or(held.language),
                           c.reminders.value_or(held.reminders)};
  if (set.language == held.language && set.reminders == held.reminders) {
    return std::vector<Event>{};
  }
  return std::vector<Event>{set};
}

Events decide_one(const BookingState& s, const Actor& a, const MarkNoticesRead& c, Instant) {
  if (a.kind != Actor::Kind::kUser || a.id != c.user) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  if (!addressee(s, c.user)) return Error{ErrorCode::kNotFound, MessageId::kNoSuchUser};
  if (c.notices.empty()) {
    return Error::validation("notices", "required", MessageId::kNoSuchNotice);
  }
  if (c.notices.size() > kMaxNoticesMarkedAtOnce) {
    return Error::validation(
        "notices", "out_of_range", MessageId::kRange,
        {{"min", 1}, {"max", static_cast<std::int64_t>(kMaxNoticesMarkedAtOnce)}});
  }
  return std::vector<Event>{NoticesRead{c.user, c.notices}};
}

void offer_notice(const BookingState& s, const Offer& o, std::vector<Event>& out) {
  const Registration* reg = addressee(s, o.user);
  if (!reg) return;
  const Language l = s.accounts.preferences_of(o.user).language;
  NoticeStay stay = stay_of(s, l, o.facility, o.check_in, o.nights, o.people);
  stay.wish = o.wish;
  // A waitlist offer (as_offer) has no lottery.
  const bool waitlist = o.lottery.empty();
  NoticeIssued n = notice_of("offer-" + o.id, o.user,
                             waitlist ? NoticeKind::kWaitlistOffer : NoticeKind::kRunnerUpOffer, l,
                             waitlist ? waitlist_offer_text(l, stay, o.offer_by)
                                      : runner_up_offer_text(l, o.lottery, stay, o.offer_by),
                             o.id, o.at);
  n.confirm_by = o.offer_by;
  push(out, *reg, std::move(n));
}

}  // namespace hoyo::domain::internal
