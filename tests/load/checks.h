// What must hold after every restart, checked through the API of the
// restarted hoyod (the log itself through the auditor's routes):
//   settle()      every write that got no answer is resolved: a keyed one
//                 resent with its key, a change or cancellation read back
//                 (it happened entirely or not at all);
//   replays()     acknowledged keyed writes resent with their keys answer as
//                 the first time (status, body, X-Log-Position) and add nothing;
//   users()       every user's reservations and applications (as the user and
//                 through the operator's search) are the acknowledged ones,
//                 each once, in its acknowledged state (a lottery win's
//                 confirmation included: confirmed exactly when a
//                 confirmation was acknowledged), and nothing else;
//   wins()        each user's result of the second lottery (wins.h) shows its
//                 one win, confirmed exactly when the model says so;
//   log()         the same read from the log (GET /api/audit/events): each
//                 acknowledged reservation and application booked once, folded
//                 to its acknowledged state (ReservationConfirmed at most once
//                 per win), no other; the log only grows;
//   offers()      each runner-up offer (offers.h) is in the log once, folded to
//                 its acknowledged answer (OfferAccepted or OfferDeclined at
//                 most once, never both; an accepted one's reservation is the
//                 acknowledged one, origin runner_up, booked once; a declined
//                 one booked nothing); the lottery's result offers exactly the
//                 open ones, as the log has them, and so does GET
//                 /api/me/offers; per night of the period at most one booking,
//                 and the served vacancy is the rooms minus the nights held
//                 for an open offer or booked by an accepted one;
//   waitlist()    (waitlist.h) every acknowledged joining in the log once,
//                 its entry folded to its acknowledged state (left exactly
//                 when a leaving was acknowledged, accepted exactly when an
//                 acceptance was), no other entry; GET /api/waitlist lists
//                 the active ones with the offers open to them; a room held
//                 only on nights a cancellation or change of a reservation
//                 that had them freed, each freed room-night held once; an
//                 offer only on a hold's nights still held, to an active
//                 entry of that stay with none open, at most one open per
//                 hold; every offer answered at most once, in its
//                 acknowledged state (or withdrawn with its entry); an
//                 accepted one's reservation the acknowledged one, origin
//                 waitlist, booked once, and with the first-come ones within
//                 the per-user limit;
//   stays()       (stay_checks.cc, issue 17) from the log, in its order: each
//                 first-come or waitlist booking records the price the
//                 domain (domain::stay_price) gives its stay, guests and
//                 reduction with the facility's rate tables as the log had
//                 them then and the user's reduced nights used by their
//                 other active stays, a waitlist booking's guests and
//                 reduction its entry's (domain::price_claimed); a change records the new stay's
//                 price the same way and priceDifference = new - old; no
//                 booking takes a user past the ward's nights per month or
//                 fiscal year (every booked night of theirs counted, wins
//                 included); each lottery win and accepted runner-up offer
//                 records the price, guests and reduction domain::price_win
//                 gives its application's claims (LotteryApplied) at the
//                 rate tables of its period's publication (an offer: at
//                 its acceptance); every acknowledged payment mark is in the log
//                 once, none other, and the operators' search shows
//                 exactly those paid;
//   penalties()   (penalty_checks.cc, penalties.h) from the log: each
//                 acknowledged late cancellation suspends its user once
//                 (UserSuspended naming it), a waived one never and is
//                 recorded waived, each acknowledged attendance is recorded
//                 once as acknowledged (a no-show suspending once), each
//                 acknowledged lift is in the log once, and nothing else;
//                 the suspension in force today is the acknowledged one, as
//                 the log folds it and as GET /api/operator/users/{n}/suspension
//                 shows it; and no first-come, waitlist or runner-up booking,
//                 lottery application or waitlist joining of a user is in
//                 the log on a day a suspension of theirs in force then
//                 covers (the log's own order and dates);
//   inventory()   GET /api/audit/verify is ok; per target night and style the
//                 acknowledged bookings and the log's waitlist holds fit the
//                 rooms, and the served vacancy is exactly the rooms minus
//                 them;
//   projections() what every projection serves equals what it serves after
//                 an online rebuild of all five from the log (the audit
//                 histories from the last check's head on, and whole at the
//                 first check, every 25 cycles and the last cycle).
#pragma once

#include <boost/json.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "commands.h"
#include "domain/facility.h"
#include "domain/lottery.h"
#include "domain/pricing.h"
#include "domain/stay_limits.h"

namespace hoyo::load {

class Checker {
 public:
  Checker(const World& world, const Staff& staff, std::vector<UserModel>& users, Ledger& ledger,
          Faults& faults)
      : world_(world), staff_(staff), users_(users), ledger_(ledger), faults_(faults) {}

  void settle(HttpClient& http, int cycle, std::mt19937_64& rng);
  int replays(HttpClient& http, int cycle, std::mt19937_64& rng, int count);
  void users(HttpClient& http, int cycle);
  void wins(HttpClient& http, int cycle);
  void log(HttpClient& http, int cycle);
  // After log(): compares with the waitlist it folded; takes the waitlist
  // offers made since the users last looked into their models.
  void waitlist(HttpClient& http, int cycle, std::mt19937_64& rng);
  // After log() and waitlist(): compares with the offers it folded.
  void offers(HttpClient& http, int cycle);
  // After log(): compares the penalties it folded (penalty_checks.cc).
  void penalties(HttpClient& http, int cycle);
  // After log(): the payments, and the faults the fold of the prices and
  // limits found (stay_checks.cc).
  void stays(HttpClient& http, int cycle);
  void inventory(HttpClient& http, int cycle);
  // `whole_histories`: the audit histories from position 1 (the last cycle).
  void projections(HttpClient& http, int cycle, bool whole_histories = false);

  // Acknowledged reservations and applications compared so far (each check
  // of each counts once per restart).
  std::uint64_t writes_checked() const { return writes_checked_; }
  std::uint64_t settled() const { return settled_; }
  std::uint64_t head() const { return fold_.next - 1; }

  // Wall time spent in each check so far (check_all adds it), one
  // "name seconds" pair per check, to see which one grows with the log.
  void add_seconds(const char* check, double seconds) { seconds_[check] += seconds; }
  std::string seconds_spent() const;

 private:
  Answer call(HttpClient& http, int cycle, const std::string& who, const Request& r);
  std::uint64_t max_seen() const;
  // Folds an event of the offers (WinLapsed, RoomOffered, OfferAccepted,
  // OfferDeclined, OfferLapsed) into fold_; false for any other type.
  bool fold_offer_event(const std::string& type, const boost::json::value& data);
  // Folds a waitlist event (WaitlistJoined, WaitlistLeft, WaitlistRoomHeld,
  // WaitlistHoldReleased, WaitlistOffered, WaitlistOfferAccepted,
  // WaitlistOfferClosed) into fold_.waitlist, adding a fault for a hold or an
  // offer the rules forbid; false for any other type.
  bool fold_waitlist_event(const std::string& type, const boost::json::value& data);
  // Folds the events of penalties (UserSuspended, SuspensionLifted,
  // AttendanceRecorded: true, consumed; a waived ReservationCancelled), and
  // faults a booking, application or joining by a user that a suspension
  // in force covers on `day`, the event's Tokyo date (false: not consumed).
  bool fold_penalty_event(const std::string& type, const boost::json::value& data,
                          const std::string& day);
  // Folds the events of prices, limits and payments (FacilityRegistered,
  // FacilityChanged, StayLimitsSet, ReservationPaid: true, consumed) and
  // checks a ReservationBooked's or ReservationChanged's price and limits
  // before the reservations' fold takes it (false: not consumed).
  bool fold_stay_event(const std::string& type, const boost::json::value& data);
  // Faults unless the price, guests and reduction a lottery win or an
  // accepted runner-up offer (`record`, stay `r` of `user`) records are
  // domain::price_win's for its application's claims as the log has them,
  // at the rate tables of its period's publication (a win) or as the log
  // had them at the acceptance (an offer); keeps the price.
  void check_win_price(const boost::json::value& record, const ReservationState& r,
                       const std::string& user);
  // The reduced nights `user`'s booked reservations but `except` use, by fiscal year.
  std::map<int, int> reduced_nights_used(const std::string& user, const std::string& except) const;
  // Faults unless the price `record` holds is the domain's for stay `r` of
  // `user` (the reduced nights of their stays but `except` used); keeps it.
  void check_price(const std::string& what, const boost::json::value& record,
                   const ReservationState& r, const std::string& user, const std::string& except);
  // Faults unless waitlist booking `r` of `user` records the guests and
  // reduction of the entry whose accepted offer booked it, as
  // domain::price_claimed keeps them (a reduction no longer offered dropped).
  void check_waitlist_claim(const ReservationState& r, const std::string& user);
  // The log's waitlist holds on `night` at `facility`, by room style.
  std::map<std::string, int> held(const std::string& facility, const std::string& night) const;
  // What the projections serve at position `at`, as (what, answer) pairs;
  // the audit histories from position `history_from` on.
  std::vector<std::pair<std::string, std::string>> snapshot(HttpClient& http, int cycle,
                                                            std::uint64_t at,
                                                            std::uint64_t history_from);
  static constexpr int kWholeHistoryEvery = 25;

  const World& world_;
  const Staff& staff_;
  std::vector<UserModel>& users_;
  Ledger& ledger_;
  Faults& faults_;
  std::uint64_t writes_checked_ = 0, settled_ = 0;
  std::map<std::string, double> seconds_;
  // The head at which the last projection check compared the histories.
  std::uint64_t history_checked_to_ = 0;

  // The log folded so far (it only grows): reservations and applications.
  struct Fold {
    std::uint64_t next = 1;
    std::string last_hash;
    std::map<std::string, ReservationState> reservations;
    std::map<std::string, std::string> reservation_user;
    std::map<std::string, int> booked;     // ReservationBooked events per number
    std::map<std::string, int> confirmed;  // ReservationConfirmed events per number
    std::map<std::string, ApplicationState> applications;
    std::map<std::string, std::string> application_user;
    std::map<std::string, int> applied;        // LotteryApplied events per id
    std::map<std::string, OfferState> offers;  // by id
    std::map<std::string, std::string> offer_user;
    std::map<std::string, int> offered, accepted, declined;  // events per offer id
    // Issue 17: each facility's rate tables as the log last set them, the
    // price each reservation recorded last, each user's reservations, the
    // ward's limits on nights, and ReservationPaid events per number.
    std::map<std::string, domain::Facility> facilities;
    std::map<std::string, std::optional<domain::Price>> prices;
    std::map<std::string, std::set<std::string>> user_reservations;
    domain::StayLimits limits;
    std::map<std::string, int> paid;
    // Every period's applications as applied (their claims: guests and
    // reduction), by id, and each published period's rate tables by
    // facility as the log had them at its LotteryPublished.
    std::map<std::string, domain::LotteryApplication> claims;
    std::map<std::string, std::map<std::string, std::vector<domain::RateTable>>> published_rates;
    struct Penalties {
      struct Suspension {
        std::string id, from, until;
      };
      std::map<std::string, std::vector<Suspension>> in_force;  // by user, not lifted
      std::map<std::string, int> suspended;           // "user cause number" -> UserSuspended events
      std::map<std::string, int> lifts;               // by user: SuspensionLifted events
      std::map<std::string, int> attended;            // by number: AttendanceRecorded events
      std::map<std::string, std::string> attendance;  // by number: the last recorded
      std::set<std::string> waived;                   // numbers cancelled with the penalty waived
    } penalties;
    // Every night each reservation has held (what a cancellation or change can free).
    std::map<std::string, std::set<std::string>> ever_held;
    struct Waitlist {
      std::map<std::string, WaitlistEntryState> entries;  // by id
      std::map<std::string, std::string> entry_user;
      std::map<std::string, int> joined, left;  // events per entry id
      struct Hold {
        std::string facility, style, open_offer;
        std::set<std::string> nights;  // still held
      };
      std::map<std::string, Hold> holds;  // by id
      // "number night style" of each room-night a reservation freed and a hold took.
      std::set<std::string> freed;
      std::map<std::string, OfferState> offers;  // by id
      std::map<std::string, std::string> offer_user, offer_hold;
      std::map<std::string, int> answered;  // WaitlistOfferAccepted and ...Closed per offer
    } waitlist;
  } fold_;
};

}  // namespace hoyo::load
