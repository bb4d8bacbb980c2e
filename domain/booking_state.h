// The decision state of the booking core: everything decide() needs, folded
// from events by evolve(). Owned by one writer; copies compare field by field.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/account_state.h"
#include "domain/events.h"
#include "domain/inventory.h"
#include "domain/reservation.h"
#include "domain/stay_limits.h"
#include "domain/waitlist.h"

namespace hoyo::domain {

// A lottery win as its booking recorded it: what its result notice describes,
// however the reservation changed since.
struct BookedWin {
  std::string number;
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;
  RoomStyle style = RoomStyle::kStandard;
  Confirmation confirmation = Confirmation::kNone;
  Instant confirm_by = 0;
  bool operator==(const BookedWin&) const = default;
};

// A published period whose result notices the scheduler has not all issued:
// they are due at the publication's instant `at`; of its `applicants`
// (result_notice_order), the first `told` were told. `wins`: the period's
// wins as booked, by user, in booking order.
struct ResultsToTell {
  Instant at = 0;
  std::uint32_t applicants = 0;
  std::uint32_t told = 0;
  std::map<std::string, std::vector<BookedWin>> wins;
  bool operator==(const ResultsToTell&) const = default;
};

// A lapse's rooms-freed notices the scheduler has not all issued
// (LosersToTell): the rooms listed, how many more, and when they join
// first-come; of the period's losers (losers_in_order), the first `told`
// were told.
struct FreedToTell {
  Instant release = 0;
  std::vector<FreedRoom> rooms;
  std::uint32_t more = 0;
  std::uint32_t told = 0;
  bool operator==(const FreedToTell&) const = default;
};

// A published period whose wins are not all booked (LotteryPublished with
// `kept`): each is booked as at the publication's instant `at`; of the
// draw's wins (LotteryDrawn::wins, in that order), the first `booked` are.
struct WinsToBook {
  Instant at = 0;
  std::uint32_t booked = 0;
  // The rate tables of the facilities of the kept rooms as they stood at the
  // publication, by facility: every win is priced by them, whenever its
  // batch runs (a rate change after the publication does not reach it).
  std::map<std::string, std::vector<RateTable>> rates;
  bool operator==(const WinsToBook&) const = default;
};

struct BookingState {
  std::map<std::string, Facility> facilities;
  Inventory inventory;
  std::unordered_map<std::string, Reservation> reservations;
  std::unordered_map<std::string, std::vector<std::string>> by_user;  // numbers, in booking order
  // Per user, the last night of each active first-come reservation: counts
  // upcoming ones (K) without visiting every reservation the user ever made.
  // Each list is sorted.
  std::unordered_map<std::string, std::vector<std::int32_t>> first_come_last_nights;
  // Per user, the reduced nights (減免) the prices of their active
  // reservations use, by fiscal year: the caps' counts (pricing.h). A user or
  // year with none is absent.
  std::unordered_map<std::string, std::map<int, int>> reduced_nights;
  std::map<std::string, LotteryPeriod> lotteries;
  std::unordered_map<std::string, LotteryApplication> applications;
  // "user\nlottery" -> application ids, in application order
  std::unordered_map<std::string, std::vector<std::string>> applications_by_user;
  // lottery -> application ids in log order
  std::map<std::string, std::vector<std::string>> applications_in_order;
  std::map<std::string, LotteryDrawn> draws;  // by lottery
  std::map<std::string, bool> published;      // by lottery
  AccountState accounts;
  // What the scheduler reads (RunScheduled) without visiting every
  // reservation: wins awaiting confirmation by (confirm_by, number), derived
  // from the reservations (index_confirmations), and lapsed wins whose room
  // is held until the release by (release due, number).
  std::set<std::pair<Instant, std::string>> awaiting_confirmation;
  std::set<std::pair<Instant, std::string>> awaiting_release;
  // Wins awaiting confirmation whose reminder was issued.
  std::set<std::string> reminded;
  // Reservations by (check-in day, number), for stay reminders: derived from
  // the reservations (index_stays); may keep a stay no longer booked (the
  // scheduler checks).
  std::set<std::pair<std::int32_t, std::string>> stays_by_check_in;
  // The stay reminders issued (stay_reminder.h ids).
  std::set<std::string> stay_reminded;
  // Rooms-freed notices decided (LosersToTell, or in older logs issued):
  // (lottery, the lapse's due time) of each.
  std::set<std::pair<std::string, Instant>> losers_told;
  // Those whose notices are still to be issued, by (lottery, due)
  // (LosersToTell; LosersTold moves them on).
  std::map<std::pair<std::string, Instant>, FreedToTell> losers_to_tell;
  // Published periods whose result notices are still to be issued, by lottery
  // (LotteryPublished with its instant; LotteryResultsTold moves them on).
  std::map<std::string, ResultsToTell> results_to_tell;
  // Published periods whose wins are still to be booked, by lottery
  // (LotteryPublished with `kept`; LotteryWinsBooked moves them on).
  std::map<std::string, WinsToBook> wins_to_book;
  // Penalties (penalties.h): the ward's rules, and per user the suspensions
  // not lifted (suspensions.h: an ended one lingers until pruned).
  PenaltyRules penalties;
  std::unordered_map<std::string, Suspensions> suspensions;
  // The ward's limits on stays (stay_limits.h); all off by default.
  StayLimits limits;
  // Offers to runners-up (offer.h): every offer by id, and the chain of each
  // lapsed win whose nights are offered, by the win's number.
  std::map<std::string, Offer> offers;
  std::map<std::string, RunnerUpChain> chains;
  // Derived from the offers (index_offers): the open ones by (offer_by, id),
  // and per (lottery, user) who holds an open offer and who accepted one.
  std::set<std::pair<Instant, std::string>> open_offers;
  std::set<std::pair<std::string, std::string>> offer_holders;
  std::set<std::pair<std::string, std::string>> runner_up_winners;
  // The cancellation waitlist (waitlist.h): entries, holds and offers. The
  // rooms its holds keep are counted as held in `inventory`.
  Waitlist waitlist;

  const Facility* facility(const std::string& id) const;
  const Reservation* reservation(const std::string& number) const;
  const LotteryPeriod* lottery(const std::string& id) const;
  // Whether period `id`'s results are out: published, and every win booked.
  bool results_out(const std::string& id) const;
  // Whether `user`'s account was erased (PersonalDataErased): a win drawn
  // for them and not booked yet is passed over (docs/lottery.md "Publication").
  bool account_erased(const std::string& user) const;
  // Whether `r` is shown to its holder (their reservation list, the API, the
  // limits' usage): all but a lottery win of a period whose results are not
  // out (an early batch's booking, docs/lottery.md "Publication"), which
  // only operators see until the last batch.
  bool shown_to_holder(const Reservation& r) const;
  // The user's applications in a period (any status), in application order.
  std::vector<const LotteryApplication*> user_applications(const std::string& user,
                                                           const std::string& lottery) const;
  // The user's wins not booked yet (periods in wins_to_book: won, their
  // rooms kept held, booked by a later batch), as the applications that won.
  std::vector<const LotteryApplication*> wins_to_book_of(const std::string& user) const;
  // The user's reservations still booked whose last night is on or after `today`.
  int upcoming_first_come(const std::string& user, Date today) const;
  // The reduced nights the user has used, by fiscal year, leaving out those of
  // `leaving` (a reservation being changed), if given.
  std::map<int, int> reduced_nights_used(const std::string& user,
                                         const Reservation* leaving = nullptr) const;

  // The rules in force at facility `f`: its overrides over the ward's.
  PenaltyRules penalties_at(const Facility& f) const { return f.penalties.over(penalties); }
  // The user's suspension in force on `day` with the latest end, else null.
  const Suspension* suspension_on(const std::string& user, Date day) const;
  // The user's suspension named `id` (Suspension::id) if in force on `day`, else null.
  const Suspension* suspension_named(const std::string& user, const std::string& id,
                                     Date day) const;

  bool operator==(const BookingState&) const = default;
};

// When lapsed win `r`'s room is released (confirmation.h release_due, under
// its period's release_at).
Instant release_due_of(const BookingState& s, const Reservation& r);
// Rebuilds awaiting_confirmation from the reservations (after a snapshot is
// read; awaiting_release and reminded are kept in the snapshot).
void index_confirmations(BookingState& s);
// Rebuilds open_offers, offer_holders and runner_up_winners from the offers
// (after a snapshot is read).
void index_offers(BookingState& s);
// Rebuilds stays_by_check_in from the reservations (after a snapshot is read).
void index_stays(BookingState& s);
// The users told the result of lottery `lottery`: those with an active
// application in it, in the order of their first one (log order). Fixed once
// the window closes.
std::vector<std::string> result_notice_order(const BookingState& s, const std::string& lottery);
// The losers of drawn period `lottery`, told when lapsed wins free rooms:
// the users of result_notice_order with no win in its draw. Fixed once drawn.
std::vector<std::string> losers_in_order(const BookingState& s, const std::string& lottery);

// What win `r`'s result notice describes: `r` as booked.
BookedWin booked_win(const Reservation& r);

// Folds one event into the state. Events are facts: evolve never refuses.
void evolve(BookingState& state, const Event& event);

}  // namespace hoyo::domain
