// What the load generator believes each user has: every reservation and
// lottery application in the state its last acknowledgement stated, the
// acknowledged creating writes with their Idempotency-Keys (for replays), and
// at most one write that got no answer and is not settled yet.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http_client.h"

namespace hoyo::load {

class Command;

// One night's guests (issue 17): a room counts adults + children.
struct GuestCount {
  int adults = 0, children = 0, infants = 0;
  bool operator==(const GuestCount&) const = default;
};

// A reservation as the API answers it (GET /api/reservations, a booking's or
// a change's answer), without the clock-dependent changeable/cancellable.
// `confirmation` is "none" (first-come), or "required" or "confirmed" for a
// lottery win of a period that asks winners to confirm. `guests` has one
// entry per night (a stay booked without them: its people as adults, as the
// API shows it), `reduction` is "none", "senior" or "disability", `price`
// the recorded total in yen (-1: booked unpriced).
struct ReservationState {
  std::string number, facility, check_in, style, wish, status, origin;
  std::string confirmation = "none";
  int nights = 0;
  std::vector<int> people;
  std::vector<GuestCount> guests;
  std::string reduction = "none";
  std::int64_t price = -1;

  static std::optional<ReservationState> from_api(const boost::json::value& v);
  // From the audit log: ReservationBooked's data.reservation.
  static std::optional<ReservationState> from_log(const boost::json::value& v);
  // Takes the guests, reduction and price a booking or change recorded in
  // the log (`v`: ReservationBooked's data.reservation or
  // ReservationChanged's data; `people` already taken).
  void take_price_record(const boost::json::value& v);
  std::string to_string() const;
  bool operator==(const ReservationState&) const = default;
  // The nights it occupies (YYYY-MM-DD), while booked.
  std::vector<std::string> nights_held() const;
};

struct ApplicationState {
  std::string id, lottery, facility, check_in, wish, status;
  int nights = 0, preference = 0;
  std::vector<int> people;

  static std::optional<ApplicationState> from_api(const boost::json::value& v);
  std::string to_string() const;
  bool operator==(const ApplicationState&) const = default;
};

// An offer as the API shows it (GET /api/lotteries/{id}/result's `offer`,
// GET /api/me/offers, a declination's answer): `status` is "open",
// "accepted" or "declined"; `number` is the reservation an acceptance
// booked. A runner-up's has its `lottery` (the load's clock never reaches
// its `offerBy`, so none lapses); a waitlist offer its `entry` instead, and
// may also be "lapsed" (the clock moved past it, waitlist.h) or "withdrawn"
// (its entry deleted).
struct OfferState {
  std::string id, lottery, entry, facility, check_in, style, status, number;
  int nights = 0;
  std::vector<int> people;

  static std::optional<OfferState> from_api(const boost::json::value& v);
  std::string to_string() const;
  bool operator==(const OfferState&) const = default;
};

// A cancellation-waitlist entry as GET /api/waitlist and a joining's
// answer show it (`wish` is its roomStyle); `status` is "active", "left"
// (the user deleted it) or "accepted" (an offer to it was accepted). The
// offer open to it is in the user's waitlist_offers.
struct WaitlistEntryState {
  std::string id, facility, check_in, wish, status;
  int nights = 0;
  std::vector<int> people;
  std::vector<GuestCount> guests;  // per night (joined without them: people as adults)
  std::string reduction = "none";

  // From the API (status "active"), or from the log's WaitlistJoined.
  static std::optional<WaitlistEntryState> from_api(const boost::json::value& v);
  static std::optional<WaitlistEntryState> from_log(const boost::json::value& v);
  std::string to_string() const;
  bool operator==(const WaitlistEntryState&) const = default;
};

// An acknowledged creating write with its key: resending it must answer the
// same (status, body and X-Log-Position) and write nothing. `day` is
// World::clock_days when it was acknowledged: a key is remembered for 24 h
// of the business clock, so only the keys of the clock's current day are
// resent.
struct Keyed {
  std::string command;
  Request request;
  int status = 0;
  std::string body;
  std::uint64_t position = 0;
  int cycle = 0;
  int day = 0;
};

// A write that got no answer (killed in flight, or 5xx): it may or may not
// have happened; settled after the restart by the command that sent it.
struct Pending {
  const Command* command = nullptr;
  Request request;
  std::vector<ReservationState> reservations_before;  // what it touched, before
  std::vector<ApplicationState> applications_before;
  int cycle = 0;
};

struct Account {
  std::string number, password, cookie;
};

struct UserModel {
  Account account;
  std::map<std::string, ReservationState> reservations;  // by number
  std::map<std::string, ApplicationState> applications;  // by id
  std::map<std::string, OfferState> offers;              // runner-up offers made to it, by id
  std::map<std::string, WaitlistEntryState> entries;     // its waitlist entries, by id
  std::map<std::string, OfferState> waitlist_offers;     // offers to its entries, by id
  std::set<std::string> paid;  // reservations an operator's payment mark was acknowledged for
  // The penalties acknowledged (penalties.h): attendance recorded by
  // reservation, the cause of each suspension by the reservation that
  // caused it, the late cancellations waived, the lifts, and the last day of
  // the suspensions acknowledged since the last lift ("" none).
  std::map<std::string, std::string> attendance;
  std::map<std::string, std::string> penalised;
  std::set<std::string> waived;
  int lifts = 0;
  std::string suspended_until;
  std::vector<Keyed> keyed;
  std::optional<Pending> pending;
  std::uint64_t seen_position = 0;  // highest X-Log-Position answered to this user
  std::uint64_t next_key = 0;
  std::string lottery_facility;  // the facility this user applies to

  // Reservations booked first-come or from the waitlist, not cancelled and
  // with a night on `today` or later (the per-user limit K counts both).
  int active_first_come(const std::string& today) const;
  // Whether a suspension acknowledged and not lifted bars the user on `day`.
  bool suspended_on(const std::string& day) const;
  // Takes a suspension through `until` into suspended_until.
  void suspend(const std::string& until);
  // Its active entries checking in in `month` (YYYY-MM).
  int active_entries_in(const std::string& month) const;
  // The users whose numbers end in 0, 4 or 8 never answer a waitlist offer
  // nor leave the list: their offers lapse when the clock moves on.
  bool lets_offers_lapse() const;
  // The user's lottery wins still booked whose confirmation is `confirmation`.
  std::vector<const ReservationState*> wins(const std::string& confirmation) const;
  std::string fresh_key(const std::string& generation);
};

// Faults found by the load or the checks, from any thread.
class Faults {
 public:
  void add(std::string what);
  std::vector<std::string> all() const;
  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> faults_;
};

// Business dates as YYYY-MM-DD.
std::string add_days(const std::string& date, int days);
// RFC 3339 (with Z or an offset) to seconds since the epoch, and back as Tokyo time.
std::optional<std::int64_t> parse_time(const std::string& rfc3339);
std::string tokyo_time(std::int64_t epoch_seconds);

// The `guests` of `v` ({adults, children, infants} per night, as a request,
// an answer or the log has them); without them each night of `people` as
// adults (how the API shows a stay booked without guests).
std::vector<GuestCount> guests_of(const boost::json::value& v, const std::vector<int>& people);

// Small JSON helpers: a member as string/int, "" or 0 when absent or of another type.
std::string str(const boost::json::value& v, const char* key);
std::int64_t num(const boost::json::value& v, const char* key);
std::optional<boost::json::value> parse_json(const std::string& text);

}  // namespace hoyo::load
