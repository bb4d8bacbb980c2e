// The rules behind decide(), one overload per command. Private to domain/.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "base/status.h"
#include "domain/booking_state.h"
#include "domain/commands.h"
#include "domain/message_args.h"
#include "domain/stay_rules.h"

namespace hoyo::domain::internal {

using base::Error;
using base::ErrorCode;
using base::FieldError;
using base::MessageId;
using base::Status;

using Events = base::Result<std::vector<Event>>;

Events decide_one(const BookingState& s, const Actor& a, const RegisterFacility& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const ChangeFacility& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const PutFacility& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const CloseDates& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const ReopenDates& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const BookRoom& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const ChangeReservation& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const CancelReservations& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const OpenLottery& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const ApplyToLottery& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const CancelLotteryApplications& c,
                  Instant now);
Events decide_one(const BookingState& s, const Actor& a, const DrawLottery& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const PublishLottery& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const CommitAuditorSeed& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RevealAuditorSeed& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const SubmitRegistration& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const ApproveRegistration& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RejectRegistration& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RecordPasswordSet& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RecordLogin& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const IssuePasswordReset& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RecordMailOutcome& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const ErasePersonalData& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const AddOperator& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const DisableOperator& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RecordSecondFactorChange& c,
                  Instant now);
Events decide_one(const BookingState& s, const Actor& a, const SetPreferences& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const MarkNoticesRead& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const ConfirmWin& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RunScheduled& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const MarkReservationPaid& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const SetPenaltyRules& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const RecordAttendance& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const LiftSuspension& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const SetStayLimits& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const AcceptOffer& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const DeclineOffer& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const JoinWaitlist& c, Instant now);
Events decide_one(const BookingState& s, const Actor& a, const LeaveWaitlist& c, Instant now);

// Offers to runners-up (decide_offers.cc).
// Offers the nights of lapsed win `lapsed` (its chain `c`, as it stands after
// the events decided so far) to the next runner-up at `at`: appends the
// RoomOffered and its notice and records the user in `batch`. False, with
// nothing appended, when no runner-up is left.
bool offer_next(const BookingState& s, const std::string& lapsed, const RunnerUpChain& c,
                Instant at, OfferBatch& batch, std::vector<Event>& out);
// Moves on after offer `o` closed at `at` (`c`: its chain after the close):
// offers the nights left to the next runner-up, made at `now` (an offer made
// late, after the writer was down, still gives its runner-up the whole time
// to answer), or, when none is left, releases them to first-come if the
// release (the later of the win's and `at`) is due by `now` (else the
// scheduler releases them when due).
void move_on(const BookingState& s, const Offer& o, const RunnerUpChain& c, Instant at, Instant now,
             OfferBatch& batch, std::vector<Event>& out);
// Appends the release of lapsed win `r`'s nights still held (`held`) at
// `due` (release_of), and the waitlist's hold of the nights it frees, if any.
void release_lapsed(const BookingState& s, const Reservation& r, const std::vector<Date>& held,
                    Instant due, Instant now, std::vector<Event>& out);
// The release of lapsed win `r`'s nights still held (`held`; all its nights
// for a win never offered) at `due`: those whose first-come window is open.
LapsedRoomReleased release_of(const BookingState& s, const Reservation& r,
                              const std::vector<Date>& held, Instant due);
// The notice of offer `o` to its user: a runner-up's, or a waitlist offer's
// (as_offer: no lottery).
void offer_notice(const BookingState& s, const Offer& o, std::vector<Event>& out);
// The reservation accepting offer `o` (a runner-up's, or a waitlist offer's
// through as_offer) books as `number` at `now`, of `origin`, unpriced.
Reservation offered_reservation(const Offer& o, const std::string& number, Origin origin,
                                Instant now);

// The cancellation waitlist (decide_waitlist.cc).
// After a room of `style` at `facility` was freed on `freed` nights by
// reservation `cause` (an event already in `out`): where the facility has a
// waitlist and active entries fit the room, appends the WaitlistRoomHeld that
// holds the nights those entries want, its pick due at the next pick time.
void hold_for_waitlist(const BookingState& s, const std::string& cause, const std::string& facility,
                       RoomStyle style, const std::vector<Date>& freed, Instant now,
                       std::vector<Event>& out);
// The waitlist's due work for the scheduler, at most `budget` items: the
// open offers past their deadline lapse; when none lapses in this command,
// the holds whose pick is due are picked (or released when no entry is
// left), the i-th with seed mix_seed(seed, i). (Picks wait for a command
// without lapses, so an audit folding the log sees the same candidates.)
void waitlist_due(const BookingState& s, Instant now, std::uint64_t seed, int budget,
                  std::vector<Event>& out);
// Accepting and declining a waitlist offer (AcceptOffer, DeclineOffer for
// an offer id of the waitlist).
Events accept_waitlist_offer(const BookingState& s, const Actor& a, const AcceptOffer& c,
                             Instant now);
Events decline_waitlist_offer(const BookingState& s, const Actor& a, const DeclineOffer& c,
                              Instant now);

// Penalties (decide_penalties.cc).
// Ok unless `user` is suspended on now's Tokyo date: then kSuspended (with
// the end as `until`) for the user, and for an operator who gives no
// override reason (plain or sealed). The system is never refused.
Status check_not_suspended(const BookingState& s, const Actor& a, const std::string& user,
                           const std::string& override_reason, Instant now,
                           const SealedText& sealed_override = {});
// The rule of CancelReservations (decide_booking.cc): c.numbers cancelled,
// all or nothing, with their receipts, the suspension of a late cancellation
// unless waived, and the freed rooms held for the waitlist, but for the
// nights in `closing` (dates closed in the same batch: CloseDates).
Events cancel_reservations(const BookingState& s, const Actor& a, const CancelReservations& c,
                           Instant now, const std::set<Date>& closing);
// A waiver is the operators' (kForbidden otherwise) and needs a reason; a
// sealed one must be sealed for `user` (check_sealed_for).
Status check_waiver(const BookingState& s, const Actor& a, const std::string& user,
                    const PenaltyWaiver& w);
// Ok when `sealed` is empty or sealed under `user`'s data key (their
// registration's key id), or, for a user without a live key (erased, or no
// registration), under a key never stored (kUnkeptKeyPrefix). Else a
// validation error on `field` (code `sealed_key`): the HTTP layer seals for
// the command's user, so the writer refuses text sealed for anyone else,
// which erasing this user would not erase.
Status check_sealed_for(const BookingState& s, const std::string& user, const SealedText& sealed,
                        const char* field);
// What suspends a user: a late cancellation (from its day) or a no-show
// (from the check-in day) of `reservation`.
struct Suspended {
  const Reservation* reservation;
  SuspensionCause cause;
  Date from;
};
// Appends the UserSuspended (and its notice) under the rules in force at the
// reservation's facility: nothing when penalties are off there, or when the
// suspension would already have ended by now.
void suspend(const BookingState& s, const Suspended& what, Instant now, std::vector<Event>& out);

// Notices (decide_notices.cc). Each appends a NoticeIssued (and the outbox
// mail that carries it, for a user with a mail address) for an approved, not
// erased user; nothing for anyone else.
// The mail id of a notice.
std::string notice_mail_id(const std::string& notice_id);
// The result notices of published period `lottery` (in s.results_to_tell)
// to its next `max` (at least 1) applicants not yet told, in
// result_notice_order, each listing the user's wins (the reservations their
// publication booked) and lost applications, issued at the publication's
// instant; then the LotteryResultsTold that records them.
void lottery_result_notices(const BookingState& s, const std::string& lottery, std::uint32_t max,
                            std::vector<Event>& out);
// The next batch of published period `lottery`'s wins still to be booked (in
// s.wins_to_book), in the draw's order: at most `max` (at least 1), one for
// each of `numbers` (fresh reservation numbers), booked from the hold as at
// the publication's instant, with the days to confirm counted from `now` when
// the batch runs later than that; then the LotteryWinsBooked that records
// them. Refused (kValidation) without a number while wins remain, and for a
// number in use.
Status next_wins_booked(const BookingState& s, const std::string& lottery, std::uint32_t max,
                        const std::vector<std::string>& numbers, Instant now,
                        std::vector<Event>& out);
// A booking, change (`r` as it now is) or cancellation receipt for r's user;
// `by_centre` when an operator acted on their behalf.
void receipt_notice(const BookingState& s, NoticeKind kind, const Reservation& r, bool by_centre,
                    Instant now, std::vector<Event>& out);

// A scheduled notice about reservation `r` (kConfirmationReminder or
// kWinLapsed of a win, kStayReminder of any stay), issued at its `due` time,
// with an id derived from the reservation (and, for a stay reminder, its
// check-in day).
void scheduled_notice(const BookingState& s, NoticeKind kind, const Reservation& r, Instant due,
                      std::vector<Event>& out);
// Rooms freed, decided at a lapse: which of the `lapsing` wins' nights of
// period `p` join first-come and when (the first kFreedRoomsListed by first
// night, facility and style, and a count of the others), for its losers
// (losers_in_order) to be told by the scheduler. Nothing when no night will
// be freed or the period has no loser.
std::optional<LosersToTell> losers_to_tell(const BookingState& s, const LotteryPeriod& p,
                                           const std::vector<const Reservation*>& lapsing,
                                           Instant due);
// The rooms-freed notices of the lapse of `lottery` at `due` (in
// s.losers_to_tell) to its next `max` (at least 1) losers not yet told, in
// losers_in_order, to those with reminders on; one notice per loser, id
// "freed-LOTTERY-SECONDS-USER" from `due`, listing the rooms recorded and
// counting the others; then the LosersTold that records them.
void rooms_freed_notices(const BookingState& s, const std::string& lottery, Instant due,
                         std::uint32_t max, std::vector<Event>& out);
// The notice of a suspension, and of its lifting, to the user.
void suspension_notice(const BookingState& s, const UserSuspended& e, Instant now,
                       std::vector<Event>& out);
// `remains`: the suspension still in force after the lift with the latest
// end, if any (the notice then says until when the user stays suspended).
void lifted_notice(const BookingState& s, const SuspensionLifted& e, const Suspension* remains,
                   std::vector<Event>& out);
// True when `user` can be told (approved, not erased) and has reminders on.
bool wants_reminders(const BookingState& s, const std::string& user);

// True when `user` applied to `facility` in each of its last N drawn periods
// before `p` (N = p.priority_lost_periods) and won none of them in the draw.
// (An offer accepted as a runner-up does not count: the audit re-runs every
// draw against the whole log, where acceptances after the draw would change
// its inputs.)
bool lost_recent_periods(const BookingState& s, const LotteryPeriod& p, const std::string& user,
                         const std::string& facility);

// The draw's input for a period, from the state (also what a redraw re-runs).
DrawInput draw_input(const BookingState& s, const LotteryPeriod& p, const DrawSeed& seed);

// A user acts only for themself; operators and the system for anyone.
Status check_actor(const Actor& a, const std::string& user);
// The first-come rooms free at facility `f` as the state's inventory counts
// them (both must outlive the function).
FreeRooms free_rooms(const BookingState& s, const Facility& f);
// domain::choose_style over free_rooms(s, f).
std::optional<RoomStyle> choose_style(const BookingState& s, const Facility& f, Date check_in,
                                      int nights, int people, StyleWish wish,
                                      const Reservation* own);

}  // namespace hoyo::domain::internal
