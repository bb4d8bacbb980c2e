// Win confirmation (docs/lottery.md, "Win confirmation"): a winner or an
// operator confirms a win; the scheduler lapses the wins not confirmed by
// their deadline (telling the period's losers, if it asks, which rooms join
// first-come and when), releases their rooms to first-come and reminds
// winners; it also reminds users of their stays (docs/accounts.md).
#include <algorithm>
#include <set>
#include <tuple>

#include "domain/decide_internal.h"
#include "domain/notice_limits.h"
#include "domain/publication_limits.h"
#include "domain/schedule_limits.h"

namespace hoyo::domain::internal {

Events decide_one(const BookingState& s, const Actor& a, const ConfirmWin& c, Instant now) {
  if (a.kind != Actor::Kind::kUser && a.kind != Actor::Kind::kOperator) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  const Reservation* r = s.reservation(c.number);
  // A win its holder is not shown yet (the results still pending) is not
  // theirs to confirm; an operator may.
  if (!r || (a.kind == Actor::Kind::kUser && (r->user != a.id || !s.shown_to_holder(*r)))) {
    return Error{ErrorCode::kNotFound, MessageId::kNoReservation, {{"number", c.number}}};
  }
  if (r->status == ReservationStatus::kLapsed) {
    return Error{ErrorCode::kWindowClosed, MessageId::kConfirmationClosed, {{"number", c.number}}};
  }
  if (!r->active()) {
    return Error{ErrorCode::kConflict, MessageId::kReservationCancelled, {{"number", c.number}}};
  }
  // Confirmed already, or final from the start: nothing to write.
  if (r->confirmation != Confirmation::kRequired) return std::vector<Event>{};
  // The deadline is a second (23:59:59): it runs until the lapse is due.
  if (now >= lapse_due(r->confirm_by)) {
    return Error{ErrorCode::kWindowClosed, MessageId::kConfirmationClosed, {{"number", c.number}}};
  }
  return std::vector<Event>{ReservationConfirmed{c.number}};
}

namespace {

// One thing the scheduler has to do, at its due time. At the same instant a
// lapse comes before the release it leads to. An offer's lapse names the
// lapsed win whose nights it offered as `r`; the bookings of a published
// period's wins (kBookWins) and its result notices (kResults), which follow
// them, and a lapse's rooms-freed notices (kTellLosers, due at the lapse)
// name its `lottery` and no reservation.
struct DueItem {
  enum Kind : std::uint8_t {
    kRemind = 0,
    kLapse = 1,
    kRelease = 2,
    kStayRemind = 3,
    kOfferLapse = 4,
    kBookWins = 5,
    kResults = 6,
    kTellLosers = 7
  };
  Instant at = 0;
  Kind kind = kRemind;
  const Reservation* r = nullptr;
  const Offer* offer = nullptr;
  const std::string* lottery = nullptr;
  const std::string& key() const { return r ? r->number : *lottery; }
  bool operator<(const DueItem& o) const {
    return std::tie(at, kind, key()) < std::tie(o.at, o.kind, o.key());
  }
};

// The stay reminders due by `now`: stays not begun (checking in after today)
// whose reminder, `days` before, is due, booked before it was due, not
// reminded for this check-in day, to users with reminders on.
void due_stay_reminders(const BookingState& s, int days, Instant now, std::vector<DueItem>& due) {
  if (days <= 0) return;
  days = std::min(days, kMaxStayReminderDays);
  const Date tomorrow = tokyo_date(now).plus_days(1);
  for (auto it = s.stays_by_check_in.lower_bound({tomorrow.days, std::string()});
       it != s.stays_by_check_in.end(); ++it) {
    const Date check_in{it->first};
    const Instant at = stay_reminder_due(check_in, days);
    if (at > now) break;
    const Reservation* r = s.reservation(it->second);
    if (!r || !r->active() || r->check_in != check_in || at < r->booked_at) continue;
    if (s.stay_reminded.count(stay_reminder_id(r->number, check_in))) continue;
    if (!wants_reminders(s, r->user)) continue;
    due.push_back({at, DueItem::kStayRemind, r});
  }
}

// Rooms freed, at the first lapse of a period with notify_losers at `due`
// (`told`: the periods told in this decision): every win of the period that
// lapses at that instant, and its losers.
void tell_losers(const BookingState& s, const Reservation& r, Instant due,
                 std::set<std::pair<std::string, Instant>>& told, std::vector<Event>& out) {
  auto a = s.applications.find(r.application);
  const LotteryPeriod* p = a == s.applications.end() ? nullptr : s.lottery(a->second.lottery);
  // A period offering its lapsed rooms to runners-up tells no one they join
  // first-come at the lapse.
  if (!p || !p->notify_losers || p->release == ReleaseRule::kRunnersUp) return;
  const std::pair<std::string, Instant> key{p->id, due};
  if (s.losers_told.count(key) || !told.insert(key).second) return;
  std::vector<const Reservation*> lapsing;
  for (auto it = s.awaiting_confirmation.lower_bound({r.confirm_by, std::string()});
       it != s.awaiting_confirmation.end() && it->first == r.confirm_by; ++it) {
    const Reservation& w = s.reservations.at(it->second);
    auto wa = s.applications.find(w.application);
    if (wa != s.applications.end() && wa->second.lottery == p->id) lapsing.push_back(&w);
  }
  if (auto e = losers_to_tell(s, *p, lapsing, due)) out.push_back(std::move(*e));
}

// Whether win `r` lapses into offers to runners-up (its period's release rule).
bool offers_to_runners_up(const BookingState& s, const Reservation& r) {
  auto a = s.applications.find(r.application);
  const LotteryPeriod* p = a == s.applications.end() ? nullptr : s.lottery(a->second.lottery);
  return p && p->release == ReleaseRule::kRunnersUp;
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const RunScheduled& c, Instant now) {
  if (a.kind != Actor::Kind::kSystem) {
    return Error{ErrorCode::kForbidden, MessageId::kOnlySchedulerRuns};
  }
  const Instant before = std::max<Instant>(0, c.remind_before);
  std::vector<DueItem> due;
  for (const auto& [confirm_by, number] : s.awaiting_confirmation) {
    const Instant lapse = lapse_due(confirm_by);
    const Instant remind = reminder_due(confirm_by, before);
    if (std::min(lapse, remind) > now) break;
    const Reservation& r = s.reservations.at(number);
    if (lapse <= now) {
      // A reminder that would arrive with the lapse is not sent.
      due.push_back({lapse, DueItem::kLapse, &r});
      if (const Instant release = release_due_of(s, r); release <= now) {
        due.push_back({release, DueItem::kRelease, &r});
      }
    } else if (!s.reminded.count(number) && remind >= r.booked_at && wants_reminders(s, r.user)) {
      due.push_back({remind, DueItem::kRemind, &r});
    }
  }
  for (const auto& [release, number] : s.awaiting_release) {
    if (release > now) break;
    due.push_back({release, DueItem::kRelease, &s.reservations.at(number)});
  }
  for (const auto& [offer_by, id] : s.open_offers) {
    const Instant lapse = lapse_due(offer_by);
    if (lapse > now) break;
    const Offer& o = s.offers.at(id);
    due.push_back({lapse, DueItem::kOfferLapse, &s.reservations.at(o.lapsed), &o});
  }
  due_stay_reminders(s, c.stay_reminder_days, now, due);
  for (const auto& [lottery, wins] : s.wins_to_book) {
    if (wins.at <= now) due.push_back({wins.at, DueItem::kBookWins, nullptr, nullptr, &lottery});
  }
  for (const auto& [lottery, results] : s.results_to_tell) {
    // The notices describe the bookings: they wait for the last one.
    if (results.at <= now && !s.wins_to_book.count(lottery))
      due.push_back({results.at, DueItem::kResults, nullptr, nullptr, &lottery});
  }
  for (const auto& [key, freed] : s.losers_to_tell) {
    if (key.second <= now)
      due.push_back({key.second, DueItem::kTellLosers, nullptr, nullptr, &key.first});
  }
  std::sort(due.begin(), due.end());
  // A period's wins still to book, its result notices, and a lapse's
  // rooms-freed notices go in commands of their own, a bounded number each
  // (publication_limits.h, notice_limits.h); what falls due after them waits.
  const auto own = std::find_if(due.begin(), due.end(), [](const DueItem& d) {
    return d.kind == DueItem::kBookWins || d.kind == DueItem::kResults ||
           d.kind == DueItem::kTellLosers;
  });
  if (own != due.end() && own == due.begin()) {
    std::vector<Event> out;
    std::uint32_t max = own->kind == DueItem::kBookWins  ? kWinsPerCommand
                        : own->kind == DueItem::kResults ? kResultNoticesPerCommand
                                                         : kRoomsFreedNoticesPerCommand;
    if (c.max_items > 0) max = std::min(max, static_cast<std::uint32_t>(c.max_items));
    if (own->kind == DueItem::kResults) {
      lottery_result_notices(s, *own->lottery, max, out);
    } else if (own->kind == DueItem::kTellLosers) {
      rooms_freed_notices(s, *own->lottery, own->at, max, out);
    } else if (Status e = next_wins_booked(s, *own->lottery, max, c.numbers, now, out); !e.ok()) {
      return e;
    }
    return out;
  }
  due.erase(own, due.end());
  // The command's bound (notice_limits.h), or the caller's when smaller.
  int most = kScheduledItemsPerCommand;
  if (c.max_items > 0) most = std::min(most, c.max_items);
  if (due.size() > static_cast<std::size_t>(most)) {
    // A release never goes without its lapse: the lapse sorts before it.
    due.resize(static_cast<std::size_t>(most));
  }
  std::vector<Event> out;
  std::set<std::pair<std::string, Instant>> told;
  OfferBatch batch;
  std::set<std::string> offered;  // wins lapsing now whose nights went to a runner-up
  for (const DueItem& d : due) {
    switch (d.kind) {
      case DueItem::kRemind:
        scheduled_notice(s, NoticeKind::kConfirmationReminder, *d.r, d.at, out);
        break;
      case DueItem::kLapse:
        out.push_back(WinLapsed{d.r->number, d.at});
        scheduled_notice(s, NoticeKind::kWinLapsed, *d.r, d.at, out);
        tell_losers(s, *d.r, d.at, told, out);
        // The offer is made now: after the writer was down past the lapse,
        // an offer dated at the lapse could be born past its deadline.
        if (offers_to_runners_up(s, *d.r) &&
            offer_next(s, d.r->number, chain_of_lapse(s, d.r->number), std::max(d.at, now), batch,
                       out)) {
          offered.insert(d.r->number);
        }
        break;
      case DueItem::kOfferLapse:
        out.push_back(OfferLapsed{d.offer->id, d.at});
        move_on(s, *d.offer, s.chains.at(d.r->number), d.at, now, batch, out);
        break;
      case DueItem::kStayRemind:
        scheduled_notice(s, NoticeKind::kStayReminder, *d.r, d.at, out);
        break;
      case DueItem::kBookWins:
      case DueItem::kResults:
      case DueItem::kTellLosers:
        break;  // in commands of their own (above): never left in `due`
      case DueItem::kRelease: {
        if (offered.count(d.r->number)) break;  // held for the runner-up instead
        auto chain = s.chains.find(d.r->number);
        release_lapsed(
            s, *d.r,
            chain != s.chains.end() ? chain->second.nights : chain_of_lapse(s, d.r->number).nights,
            d.at, now, out);
        break;
      }
    }
  }
  waitlist_due(s, now, c.seed, most - static_cast<int>(due.size()), out);
  return out;
}

}  // namespace hoyo::domain::internal
