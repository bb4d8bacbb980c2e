// Commands: what an actor asks the booking core to do. decide() turns each into
// events or a base::Error.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/account_commands.h"
#include "domain/civil_time.h"
#include "domain/facility.h"
#include "domain/lottery.h"
#include "domain/notice_commands.h"
#include "domain/pricing.h"
#include "domain/sealed_text.h"
#include "domain/stay_limits.h"
#include "domain/stay_reminder.h"

namespace hoyo::domain {

struct Actor {
  enum class Kind : std::uint8_t { kUser, kOperator, kSystem };
  Kind kind = Kind::kSystem;
  std::string id;  // user number or operator login; empty for the system

  static Actor user(std::string n) { return {Kind::kUser, std::move(n)}; }
  static Actor op(std::string login) { return {Kind::kOperator, std::move(login)}; }
  static Actor system() { return {Kind::kSystem, {}}; }
  // "user:N", "operator:LOGIN" or "system", as recorded in the log.
  std::string to_string() const;
  static std::optional<Actor> parse(std::string_view s);
  bool operator==(const Actor&) const = default;
};

// O2: add a facility (operators). Its closed dates must be empty.
struct RegisterFacility {
  Facility facility;
};

// O2: change a facility; refused when it would leave a date and style with
// fewer rooms than are booked and held there, or drop a style in use.
struct ChangeFacility {
  Facility facility;
};

// O2: register the facility, or change the one with its id: the writer's
// state decides which (FacilityRegistered or FacilityChanged, under the rules
// of RegisterFacility and ChangeFacility). The rules given in `rules` replace
// the facility's current ones, or for a new facility those of
// `facility.rules`; its closed dates are the current ones (none when new).
struct PutFacility {
  Facility facility;
  BookingRulesPatch rules;
  // The rate tables when given (an empty list removes them all); not given,
  // a facility keeps its own (a new one has none). facility.rates is ignored.
  std::optional<std::vector<RateTable>> rates;
  // The facility's penalty overrides when given (empty: follow the ward's);
  // not given, a facility keeps its own. facility.penalties is ignored.
  std::optional<PenaltyRulesPatch> penalties{};
  // The facility's waitlist settings when given; not given, a facility keeps
  // its own (a new one has none). facility.waitlist is ignored.
  std::optional<WaitlistSettings> waitlist{};
  // Optimistic concurrency (HTTP If-Match / If-None-Match: *). When given,
  // the facility must exist and stand at this revision (facility_revision.h);
  // when `must_be_new`, it must not exist yet. Otherwise refused with
  // kConflict (kFacilityChangedMeanwhile, or kFacilityExists), changing
  // nothing. Neither given: the later of two concurrent saves wins.
  std::optional<std::string> expected_revision{};
  bool must_be_new = false;
};

// O2: close dates of a facility. Without `cancel_bookings`, refused
// (kConflict, kDateInUse) if any date has bookings or held rooms. With it,
// every active reservation with a night on a date is cancelled whole in the
// same batch, as the centre's own cancellation: waived (never a suspension),
// with `reason` (kValidation, field `reason`, without one), through the rule
// of CancelReservations; rooms held for a lottery or the waitlist on a date
// still refuse it (kDateInUse), as does a stay the centre can no longer
// cancel (its check-in day has passed: kWindowClosed).
struct CloseDates {
  std::string facility;
  std::vector<Date> dates;
  bool cancel_bookings = false;
  // The reason for the cancellations: plain (tests, tools), or sealed per
  // user under each one's data key (what the HTTP layer gives, for the users
  // it read as booked). A user booked on a date without a sealed reason, when
  // no plain one is given, refuses the close (kConflict, kDateInUse: booked
  // after the read; try again).
  std::string reason{};
  std::map<std::string, SealedText> sealed_reasons{};
};

struct ReopenDates {
  std::string facility;
  std::vector<Date> dates;
};

// M6 / O4: book one room first-come. `number` is a fresh candidate reservation
// number chosen by the caller (it must not be in use).
struct BookRoom {
  std::string user;
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;  // one entry per night
  StyleWish wish = StyleWish::kAny;
  std::string number;
  // One per night, agreeing with `people` (adults + children); empty: every
  // person is priced as an adult.
  std::vector<Guests> guests;
  Reduction reduction = Reduction::kNone;
  // An operator booking for a suspended user must say why (kSuspended
  // otherwise); recorded in the reservation. Users cannot override. The
  // HTTP layer gives it sealed (the plain field stays for tests and tools).
  std::string override_reason{};
  SealedText sealed_override_reason{};
};

// The centre's waiver of a late cancellation's penalty (operators only): a
// waiver needs a reason (kValidation, field `reason`): plain, or sealed under
// the user's data key (what the HTTP layer gives).
struct PenaltyWaiver {
  bool waive = false;
  std::string reason;
  SealedText sealed_reason{};
  bool operator==(const PenaltyWaiver&) const = default;
};

// M7 / O4: change people per night, drop the first or second night of a
// two-night stay, or change the style wish.
struct ChangeReservation {
  std::string user;
  std::string number;
  std::optional<std::vector<int>> people;  // the nights that remain
  std::optional<int> drop_night;           // 1 or 2
  std::optional<StyleWish> wish;
  // The guests of the nights that remain, when given (`people` then follows
  // them). Not given, the reservation's guests are kept (less a dropped
  // night), each night's adults following a new `people` (changed_stay).
  std::optional<std::vector<Guests>> guests;
  std::optional<Reduction> reduction;  // replaces the claim when given (kNone drops it)
  // An operator dropping a night late may waive its penalty.
  PenaltyWaiver waiver{};
};

// M8 / O4: cancel several reservations, all or nothing.
// An operator cancelling after the user's window closed, inside the late
// period, suspends the user unless `waiver` waives it.
struct CancelReservations {
  std::string user;
  std::vector<std::string> numbers;
  PenaltyWaiver waiver{};
};

// O3: open a lottery period. Refused once its window has opened, without a
// seed commitment, or when another period holds one of its facilities in the
// same month. An empty allotment holds every room of the month. An empty id
// is the writer's to give: the stay month ("2027-03"), then "2027-03-2",
// "2027-03-3"... for the month's further periods.
struct OpenLottery {
  LotteryPeriod period;
};

// M2: apply for preference slot 1..K while the window is open. `id` is a fresh
// application id chosen by the caller.
struct ApplyToLottery {
  std::string user;
  std::string lottery;
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;
  StyleWish wish = StyleWish::kAny;
  int preference = 1;
  std::string id;
  // One per night (adults + children must equal `people`); empty: `people`
  // adults. The reduction claimed (checked against the rates in force now).
  std::vector<Guests> guests;
  Reduction reduction = Reduction::kNone;
};

// M4: cancel some of one's applications while the window is open, all or nothing.
struct CancelLotteryApplications {
  std::string user;
  std::string lottery;
  std::vector<std::string> applications;
};

// O3: draw a closed period by revealing the secret. `chain_hash` is the log's
// chain hash after the last event recorded before the window closed (the
// processor reads it from the log). Refused with kWindowOpen before the close,
// kSeedMismatch for a secret that does not hash to the commitment, and, under
// DrawRule::kTwoParty, kRevealMissing until the auditor revealed.
struct DrawLottery {
  std::string lottery;
  std::string secret;  // the committed bytes
  std::array<std::uint8_t, 32> chain_hash{};
};

// O3: publish a drawn period at or after its publication time. `numbers` are
// fresh reservation numbers for the winners, in the order of the draw's wins.
struct PublishLottery {
  std::string lottery;
  std::vector<std::string> numbers;
};

// A2 (kTwoParty periods): an enabled auditor's account commits to a secret
// by its SHA-256, once per period, before closes_at (kWindowClosed from then
// on; kConflict for a second commitment or a kOperatorOnly period). Before
// opens_at the window opens on time; later, it opens at the commitment.
struct CommitAuditorSeed {
  std::string lottery;
  std::array<std::uint8_t, 32> seed_hash{};
};

// A2 (kTwoParty periods): the auditor reveals the committed secret once the
// window has closed (kWindowOpen before; kSeedMismatch when it does not hash
// to the commitment; kConflict when not committed or already revealed).
struct RevealAuditorSeed {
  std::string lottery;
  std::string secret;
};

// Win confirmation: the win's user (the actor), or an operator on their
// behalf, confirms lottery win `number`. Confirming twice, or a booked
// reservation that needs no confirmation, writes nothing; kWindowClosed past
// the deadline or once lapsed; kNotFound for someone else's reservation.
struct ConfirmWin {
  std::string number;
};

// The scheduler (actor system only): every event due by `now` in due-time
// order, at most `max_items` due items (a lapse, a release, a confirmation or
// stay reminder) per command. Confirmation reminders are due `remind_before`
// ahead of the lapse, to winners who have not confirmed and have reminders
// on; a lapse in a period with notify_losers also records which rooms join
// first-come and when (LosersToTell), for its losers. Stay reminders are due at 09:00 Tokyo
// time `stay_reminder_days` days before check-in (0: none), to users with
// reminders on, for stays booked before that and not begun. A published
// period's wins still to be booked, then its result notices, and a lapse's
// rooms-freed notices go in commands of their own (publication_limits.h, notice_limits.h);
// `numbers` are fresh reservation numbers for the wins (the processor draws kWinsPerCommand of them
// while any period has wins to book). Nothing due: no events.
struct RunScheduled {
  Instant remind_before = kDefaultConfirmReminderBefore;
  int max_items = 256;
  int stay_reminder_days = kDefaultStayReminderDays;
  std::vector<std::string> numbers;
  // Randomness for the waitlist's picks (the processor draws it; each pick
  // records the seed it used).
  std::uint64_t seed = 0;
};

// Issue 17: an operator marks a reservation paid at the facility. Refused for
// an unknown number (kNotFound) or a cancelled reservation (kConflict); one
// already paid decides nothing (no event).
struct MarkReservationPaid {
  std::string number;
};

// Issue 17: an operator sets the ward's penalty rules (PenaltyRulesSet).
// Setting the rules in force decides nothing (no event).
struct SetPenaltyRules {
  PenaltyRules rules;
};

// Issue 17: an operator records, from the check-in day on (kNotOpen before),
// whether the guest of `number` stayed or did not come; a no-show suspends
// the user (when penalties apply). Recording the same again decides nothing;
// another attendance once recorded is kConflict, as is a reservation not booked.
struct RecordAttendance {
  std::string number;
  Attendance attendance = Attendance::kStayed;
};

// Issue 17: an operator lifts, with a reason (kValidation without one), the
// user's suspension named `suspension` (Suspension::id; kNotFound when none
// of that name is in force), or every one when it is empty (kConflict when
// the user is not suspended).
struct LiftSuspension {
  std::string user;
  std::string reason;  // or sealed_reason (the HTTP layer seals it)
  std::string suspension;
  SealedText sealed_reason{};
};

// Issue 17: an operator sets the ward's limits on stays (StayLimitsSet);
// the limits in force decide nothing (no event).
struct SetStayLimits {
  StayLimits limits;
};

// Offers to runners-up (offer.h): the offer's user (the actor), or an
// operator on their behalf, accepts offer `offer` up to its deadline
// (kWindowClosed after it or once lapsed): reservation `number` (a fresh
// candidate chosen by the caller), origin kRunnerUp, books its nights.
// A user suspended since the offer was made is kSuspended, and a stay the
// user's limits no longer allow kLimitReached (declining is still open).
// Accepting again writes nothing; a declined offer is kConflict; someone
// else's offer kNotFound.
struct AcceptOffer {
  std::string offer;
  std::string number;
};

// The offer's user, or an operator, declines offer `offer` up to its
// deadline; its nights move on to the next runner-up (or to first-come).
// Declining again writes nothing; an accepted offer is kConflict, a lapsed
// one or one past its deadline kWindowClosed; someone else's kNotFound.
struct DeclineOffer {
  std::string offer;
};

// The cancellation waitlist (waitlist.h): the user (or an operator on their
// behalf) joins the list for a stay at a facility that has one
// (kNotEnabled otherwise). Refused while a room of a fitting style is free
// (kConflict: book instead), before the stay's first-come window opens
// (kNotOpen), once joining closed (kWindowClosed), past the facility's
// entries per stay month (kLimitReached), for a stay the user already waits
// for (kConflict), while suspended (kSuspended), and for guests or a
// reduction a booking of the stay would be refused (kValidation, as
// stay_price). `id` is a fresh entry id chosen by the caller.
struct JoinWaitlist {
  std::string user;
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;  // one entry per night
  StyleWish wish = StyleWish::kAny;
  std::string id;
  // As a booking's: one per night agreeing with `people`, or empty (`people`
  // adults); the reduction claimed (checked against the rates in force now).
  std::vector<Guests> guests{};
  Reduction reduction = Reduction::kNone;
};

// The user (or an operator) deletes an active entry (kNotFound for another
// user's, an unknown or an ended one); an offer open to it is withdrawn and
// its room goes to the next pick.
struct LeaveWaitlist {
  std::string user;
  std::string entry;
};

// New commands go at the end: the index of each is stored (idempotency kinds).
using CommandBody =
    std::variant<RegisterFacility, ChangeFacility, CloseDates, ReopenDates, BookRoom,
                 ChangeReservation, CancelReservations, OpenLottery, ApplyToLottery,
                 CancelLotteryApplications, DrawLottery, PublishLottery, SubmitRegistration,
                 ApproveRegistration, RejectRegistration, RecordPasswordSet, RecordLogin,
                 IssuePasswordReset, RecordMailOutcome, ErasePersonalData, AddOperator,
                 DisableOperator, RecordSecondFactorChange, CommitAuditorSeed, RevealAuditorSeed,
                 PutFacility, SetPreferences, MarkNoticesRead, ConfirmWin, RunScheduled,
                 MarkReservationPaid, SetPenaltyRules, RecordAttendance, LiftSuspension,
                 SetStayLimits, AcceptOffer, DeclineOffer, JoinWaitlist, LeaveWaitlist>;

struct Command {
  Actor actor;
  CommandBody body;
};

}  // namespace hoyo::domain
