// The events of the booking core: what happened, in the domain's words. Each
// is stored as one event in the log (type name + Cap'n Proto payload, see
// event_codec.h) on the stream stream_of() names.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "domain/account_events.h"
#include "domain/civil_time.h"
#include "domain/facility.h"
#include "domain/lottery.h"
#include "domain/notice_events.h"
#include "domain/penalties.h"
#include "domain/reservation.h"
#include "domain/sealed_text.h"
#include "domain/stay_limits.h"
#include "domain/waitlist.h"

namespace hoyo::domain {

// An operator added a facility to the catalogue.
struct FacilityRegistered {
  Facility facility;  // its closed dates start empty
  bool operator==(const FacilityRegistered&) const = default;
};

// An operator changed a facility's names, rooms, style wish or rules; takes
// effect from this event on. Closed dates change through DatesClosed/Reopened.
struct FacilityChanged {
  Facility facility;
  bool operator==(const FacilityChanged&) const = default;
};

struct DatesClosed {
  std::string facility;
  std::vector<Date> dates;
  bool operator==(const DatesClosed&) const = default;
};

struct DatesReopened {
  std::string facility;
  std::vector<Date> dates;
  bool operator==(const DatesReopened&) const = default;
};

// A room was booked: first-come, or a lottery win at publication. A win
// booked `from_hold` (a publication that keeps its wins' rooms held,
// LotteryPublished::kept) takes its nights from the hold.
struct ReservationBooked {
  Reservation reservation;  // status kBooked
  bool from_hold = false;
  bool operator==(const ReservationBooked&) const = default;
};

// A reservation's people, nights or style changed; carries the new shape.
struct ReservationChanged {
  std::string number;
  Date check_in;
  int nights = 1;
  std::vector<int> people;
  RoomStyle style = RoomStyle::kStandard;
  StyleWish wish = StyleWish::kAny;
  std::vector<Guests> guests;  // empty: people priced as adults
  Reduction reduction = Reduction::kNone;
  std::optional<Price> price;  // the new price, recomputed at the change
  // The new total minus the one before, when both prices exist.
  std::optional<Yen> price_difference;
  // The centre waived the penalty of a night dropped late, with `reason`
  // (events before sealing) or `sealed_reason` (the user's data key).
  bool waived = false;
  std::string reason{};
  SealedText sealed_reason{};
  bool operator==(const ReservationChanged&) const = default;
};

// A reservation was cancelled by its user or by the centre. `waived`: the
// centre waived the penalty of a late cancellation, with `reason` (weather
// warnings, illness, the facility's fault, the centre's own reasons).
struct ReservationCancelled {
  std::string number;
  bool waived = false;
  std::string reason{};        // events before sealing; empty since
  SealedText sealed_reason{};  // under the user's data key
  bool operator==(const ReservationCancelled&) const = default;
};

// An operator opened a lottery period; its allotment is held from now on. The
// period's draw_rule records how its seed is made (kTwoParty when opened by
// decide(); absent in older logs, read as kOperatorOnly).
struct LotteryOpened {
  LotteryPeriod period;
  bool operator==(const LotteryOpened&) const = default;
};

struct LotteryApplied {
  LotteryApplication application;  // status kActive
  bool operator==(const LotteryApplied&) const = default;
};

struct LotteryApplicationsCancelled {
  std::string lottery;
  std::vector<std::string> applications;
  bool operator==(const LotteryApplicationsCancelled&) const = default;
};

// The draw's outcome (docs/lottery.md); results stay private until publication.
struct LotteryDrawn {
  std::string lottery;
  std::string secret;  // revealed at the draw: anyone can check it against the commitment
  DrawSeed seed{};
  DrawAlgorithm algorithm = DrawAlgorithm::kSerialDictatorship;
  DrawSeed inputs{};          // inputs_digest() of what was drawn
  std::vector<DrawWin> wins;  // every other active application lost
  // The applicants in the draw's order (DrawOutcome::order), recorded for a
  // period that offers lapsed wins to runners-up (empty otherwise).
  std::vector<std::string> order{};
  bool operator==(const LotteryDrawn&) const = default;
};

// Under DrawRule::kTwoParty, an auditor committed to their secret: the
// period's window opens at max(opens_at, at). Actor: the auditor.
struct LotteryAuditorCommitted {
  std::string lottery;
  std::array<std::uint8_t, 32> seed_hash{};  // SHA-256 of the auditor's secret
  Instant at = 0;
  bool operator==(const LotteryAuditorCommitted&) const = default;
};

// After the window closed, the auditor revealed the secret behind their
// commitment; the draw may follow. Actor: the auditor.
struct LotteryAuditorRevealed {
  std::string lottery;
  std::string secret;  // hashes to the period's auditor_seed_hash
  bool operator==(const LotteryAuditorRevealed&) const = default;
};

// An operator recorded that a reservation was paid at the facility (issue 17).
struct ReservationPaid {
  std::string number;
  Instant at = 0;
  bool operator==(const ReservationPaid&) const = default;
};

// An operator set the ward's penalty rules: the rules of every facility
// that does not override them, from this event on. Stream "ward".
struct PenaltyRulesSet {
  PenaltyRules rules;
  bool operator==(const PenaltyRulesSet&) const = default;
};

// An operator recorded, from the check-in day on, whether the guest of
// `number` stayed or did not come (the facility reports it).
struct AttendanceRecorded {
  std::string number;
  Attendance attendance = Attendance::kStayed;
  Instant at = 0;
  bool operator==(const AttendanceRecorded&) const = default;
};

// `user` may not book first-come nor apply to lotteries from `from` through
// `until`, after a late cancellation or a no-show of reservation `number`.
// It adds to the user's other suspensions (suspensions.h): each is lifted on
// its own.
// Stream user-N; the actor is the operator whose record caused it.
struct UserSuspended {
  std::string user;
  SuspensionCause cause = SuspensionCause::kLateCancellation;
  std::string number;
  Date from;
  Date until;
  bool operator==(const UserSuspended&) const = default;
};

// An operator lifted the user's suspension named `suspension`
// (Suspension::id), or every one of the user's when it is empty, with
// `reason` (events before sealing) or `sealed_reason` (under the user's
// data key; `reason` then empty). Stream user-N.
struct SuspensionLifted {
  std::string user;
  std::string reason;
  Instant at = 0;
  std::string suspension;
  SealedText sealed_reason{};
  bool operator==(const SuspensionLifted&) const = default;
};

// An operator set the ward's limits on stays (nights per user per fiscal
// year and per month, people per room), from this event on. Stream "ward".
struct StayLimitsSet {
  StayLimits limits;
  bool operator==(const StayLimitsSet&) const = default;
};

// The period is published: every held room is released but the won rooms
// in `kept` (per facility, night and style), which stay held until each win
// is booked (ReservationBooked from_hold: in this group up to a bound, the
// rest by the scheduler in batches closed by LotteryWinsBooked); the results
// are out once every win is booked. A publication with `kept` empty (no win,
// or written before the batches) booked every win in its own group. A
// publication that records its instant `at` leaves the applicants' result
// notices to the scheduler, due at `at` (LotteryResultsTold), after the last
// win's booking; one without it (0: written before) issued them in its own
// group.
struct LotteryPublished {
  std::string lottery;
  Instant at = 0;
  std::vector<Allotment> kept;
  bool operator==(const LotteryPublished&) const = default;
};

// The scheduler issued the result notices of the period's first `told`
// applicants (result_notice_order: the order of their first active
// application), in this group or before; applicants with nobody to tell (no
// approved registration) are passed over. Stream lottery-ID.
struct LotteryResultsTold {
  std::string lottery;
  std::uint32_t told = 0;
  bool operator==(const LotteryResultsTold&) const = default;
};

// Rooms freed (a period opened with notify_losers): wins of period
// `lottery` lapsed at `due` and free rooms (each a first night and a count
// of nights of one facility and style) to first-come at `release`: the
// first kFreedRoomsListed of them in `rooms` (by first night, facility and
// style), and how many `more`. The
// period's losers are told by the scheduler, in commands of their own of at
// most kRoomsFreedNoticesPerCommand (notice_limits.h), each closed by
// LosersTold, so that no command outgrows a cluster stream message. Written
// in the lapse's group, once per (lottery, due). Stream lottery-ID.
struct FreedRoom {
  std::string facility;
  Date first;
  int nights = 1;
  RoomStyle style = RoomStyle::kStandard;
  bool operator==(const FreedRoom&) const = default;
};
struct LosersToTell {
  std::string lottery;
  Instant due = 0;
  Instant release = 0;
  std::vector<FreedRoom> rooms;
  std::uint32_t more = 0;
  bool operator==(const LosersToTell&) const = default;
};

// The scheduler told the first `told` losers (losers_in_order) of the rooms
// LosersToTell{lottery, due} freed, in this group or before; `all`: every
// one is told. Stream lottery-ID.
struct LosersTold {
  std::string lottery;
  Instant due = 0;
  std::uint32_t told = 0;
  bool all = false;
  bool operator==(const LosersTold&) const = default;
};

// The period's first `booked` wins (LotteryDrawn::wins, in that order) are
// booked, in this group or before; `all`: every win is, and the results are
// out. Closes the publication's group and each of the scheduler's batches of
// bookings. Stream lottery-ID.
struct LotteryWinsBooked {
  std::string lottery;
  std::uint32_t booked = 0;
  bool all = false;
  // Of the wins this command took up (among the first `booked`), those not
  // booked: their holder's account was erased before; each one's rooms
  // (its application's nights in its style) leave the hold, to first-come.
  std::vector<DrawWin> passed;
  bool operator==(const LotteryWinsBooked&) const = default;
};

// A lottery win that required confirmation was confirmed, by its user or by
// an operator on their behalf (the event's actor says which).
struct ReservationConfirmed {
  std::string number;
  bool operator==(const ReservationConfirmed&) const = default;
};

// The scheduler (actor system) cancelled a win not confirmed by its deadline,
// with reason "lapsed": its room is held until the release. `due` is the
// lapse's due time (confirmation.h lapse_due). Never a late cancellation.
struct WinLapsed {
  std::string number;
  Instant due = 0;
  bool operator==(const WinLapsed&) const = default;
};

// The scheduler released a lapsed win's room to first-come at `due`
// (confirmation.h release_due): the nights in `freed` leave the hold; nights
// whose first-come window had closed stay held.
struct LapsedRoomReleased {
  std::string number;
  Instant due = 0;
  std::vector<Date> freed;
  bool operator==(const LapsedRoomReleased&) const = default;
};

// The scheduler, or a runner-up's answer, offered the nights of lapsed win
// `offer.lapsed` to the next runner-up (offer.h), open until offer_by.
// Stream offer-ID.
struct RoomOffered {
  Offer offer;  // status kOpen
  bool operator==(const RoomOffered&) const = default;
};

// The runner-up (or an operator on their behalf: the actor says which)
// accepted: reservation `number` (origin kRunnerUp, in the same group) books
// the offered nights.
struct OfferAccepted {
  std::string offer;
  std::string number;
  Instant at = 0;
  bool operator==(const OfferAccepted&) const = default;
};

// The runner-up declined at `at`; the nights move on.
struct OfferDeclined {
  std::string offer;
  Instant at = 0;
  bool operator==(const OfferDeclined&) const = default;
};

// The scheduler lapsed an offer not accepted by its deadline, at `due`
// (offer_by + 1 s); the nights move on.
struct OfferLapsed {
  std::string offer;
  Instant due = 0;
  bool operator==(const OfferLapsed&) const = default;
};

// The cancellation waitlist (waitlist.h). A user (or an operator on their
// behalf) joined; stream waitlist-ENTRY.
struct WaitlistJoined {
  WaitlistEntry entry;  // status kActive, no offer
  bool operator==(const WaitlistJoined&) const = default;
};

// The user (or an operator) deleted the entry at `at`; an offer open to it
// is withdrawn in the same group (WaitlistOfferClosed). Stream waitlist-ENTRY.
struct WaitlistLeft {
  std::string entry;
  Instant at = 0;
  bool operator==(const WaitlistLeft&) const = default;
};

// A room freed (by the event just before it in the group: a cancellation, a
// dropped night, a lapsed win's release) is held for the waitlist on
// `hold.nights` instead of returning to first-come; its pick is due at
// hold.pick_at. Stream hold-ID.
struct WaitlistRoomHeld {
  WaitlistHold hold;  // no offers yet
  bool operator==(const WaitlistRoomHeld&) const = default;
};

// The scheduler released what was left of a hold to first-come at `at`: no
// fitting entry was left, or the first-come window had closed. Stream hold-ID.
struct WaitlistHoldReleased {
  std::string hold;
  std::vector<Date> freed;  // the hold's nights still held, now free
  Instant at = 0;
  bool operator==(const WaitlistHoldReleased&) const = default;
};

// The scheduler picked `offer.entry` among the hold's `candidates` fitting
// entries (waitlist.h pick_candidates) by `seed` (pick_index), and offered it
// the room until offer.offer_by. Stream offer-ID.
struct WaitlistOffered {
  WaitlistOffer offer;  // status kOpen
  std::uint64_t seed = 0;
  std::uint32_t candidates = 0;
  bool operator==(const WaitlistOffered&) const = default;
};

// The entry's user (or an operator) accepted: reservation `number` (origin
// kWaitlist, in the same group) books the offered nights from the hold; the
// entry ends. Stream offer-ID.
struct WaitlistOfferAccepted {
  std::string offer;
  std::string number;
  Instant at = 0;
  bool operator==(const WaitlistOfferAccepted&) const = default;
};

// The offer closed without a booking at `at` (declined, lapsed at offer_by +
// 1 s, or withdrawn with its entry): the hold's next pick is due at `at`.
// Stream offer-ID.
struct WaitlistOfferClosed {
  std::string offer;
  WaitlistOfferStatus status = WaitlistOfferStatus::kDeclined;
  Instant at = 0;
  bool operator==(const WaitlistOfferClosed&) const = default;
};

using Event = std::variant<
    FacilityRegistered, FacilityChanged, DatesClosed, DatesReopened, ReservationBooked,
    ReservationChanged, ReservationCancelled, LotteryOpened, LotteryApplied,
    LotteryApplicationsCancelled, LotteryDrawn, LotteryPublished, LotteryAuditorCommitted,
    LotteryAuditorRevealed, ReservationConfirmed, WinLapsed, LapsedRoomReleased, ReservationPaid,
    PenaltyRulesSet, AttendanceRecorded, UserSuspended, SuspensionLifted, StayLimitsSet,
    RoomOffered, OfferAccepted, OfferDeclined, OfferLapsed, LotteryResultsTold, LotteryWinsBooked,
    LosersToTell, LosersTold, WaitlistJoined, WaitlistLeft, WaitlistRoomHeld, WaitlistHoldReleased,
    WaitlistOffered, WaitlistOfferAccepted, WaitlistOfferClosed, RegistrationSubmitted,
    RegistrationApproved, RegistrationRejected, PasswordSet, LoginAttempted, PasswordResetIssued,
    MailQueued, MailSent, MailFailed, PersonalDataErased, OperatorAdded, OperatorDisabled,
    SecondFactorChanged, PreferencesSet, NoticeIssued, NoticesRead>;

// The index in Event of alternative T (event_index_of<ReservationBooked>).
template <class T, class V = Event>
struct EventIndexOf;
template <class T, class... Ts>
struct EventIndexOf<T, std::variant<Ts...>> {
  static constexpr std::size_t value = [] {
    std::size_t i = 0;
    (void)((std::is_same_v<T, Ts> ? true : (++i, false)) || ...);
    return i;
  }();
  static_assert(value < sizeof...(Ts), "not an alternative of the variant");
};
template <class T>
inline constexpr std::size_t event_index_of = EventIndexOf<T>::value;

// Whether the alternative at `index` is an account event (registrations,
// passwords, logins, mail, operators, notices), not one of facilities, reservations
// and lotteries. Account events come last in Event.
constexpr bool is_account_event(std::size_t index) {
  return index >= event_index_of<RegistrationSubmitted>;
}
// Guards the order is_account_event relies on: the last booking-side kind
// comes just before the first account kind, and an account kind is last.
static_assert(event_index_of<WaitlistOfferClosed> + 1 == event_index_of<RegistrationSubmitted>);
static_assert(event_index_of<NoticesRead> + 1 == std::variant_size_v<Event>);

// The event's type name as stored in the log ("ReservationBooked", ...).
const char* event_type(const Event& e);
// The index in Event of the alternative stored as `type` (event_type's
// inverse), or nullopt for a type this code does not know.
std::optional<std::size_t> event_index(std::string_view type);
// The stream an event belongs to: "facility-ID", "reservation-NUMBER",
// "lottery-ID", "registration-ID", "user-N", "operator-LOGIN", "mail-ID" or
// "logins" (every login attempt).
std::string stream_of(const Event& e);

}  // namespace hoyo::domain
