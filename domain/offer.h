// Offers to runners-up (繰り上げ当選, docs/lottery.md "Offers to runners-up"):
// in a period whose release rule is kRunnersUp, the nights of a lapsed win
// are offered, one applicant at a time, to the next applicants in the draw's
// order whose wish fits them and who won nothing in the period. Each offer
// has its own deadline; a declined or lapsed offer moves on, and what no
// runner-up takes goes to first-come. Pure functions of the state.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/civil_time.h"
#include "domain/facility.h"

namespace hoyo::domain {

struct BookingState;
struct LotteryApplication;

inline constexpr int kDefaultOfferDays = 2;
inline constexpr int kMinOfferDays = 1;
inline constexpr int kMaxOfferDays = 60;

enum class OfferStatus : std::uint8_t { kOpen = 0, kAccepted = 1, kDeclined = 2, kLapsed = 3 };
const char* offer_status_name(OfferStatus s);  // "open", "accepted", "declined", "lapsed"

// One offer: the nights of lapsed win `lapsed` that fit `application`, held
// for `user` until `offer_by` (the last second it can be accepted).
struct Offer {
  std::string id;  // "<lapsed number>-<n>", n = 1, 2, ... along the chain
  std::string lottery;
  std::string user;
  std::string application;
  std::string lapsed;  // the lapsed win whose nights are offered
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;  // per night, as applied for
  RoomStyle style = RoomStyle::kStandard;
  StyleWish wish = StyleWish::kAny;
  int rank = 0;  // the applicant's index in the draw's order
  Instant at = 0;
  Instant offer_by = 0;
  OfferStatus status = OfferStatus::kOpen;
  std::string number;  // the reservation booked when accepted
  bool operator==(const Offer&) const = default;
};

// The nights of one lapsed win still held for runners-up, and where in the
// draw's order the search goes on (`next`, an index into LotteryDrawn::order).
struct RunnerUpChain {
  std::string lottery;
  std::string facility;
  RoomStyle style = RoomStyle::kStandard;
  std::vector<Date> nights;  // still held for the chain, ascending
  int next = 0;
  int offers = 0;          // offers made so far (the next id's n - 1)
  std::string open_offer;  // the offer now open, if any
  // When the nights not taken go to first-come (0 while an offer is open or
  // once released): also its key in BookingState::awaiting_release.
  Instant release_due = 0;
  bool operator==(const RunnerUpChain&) const = default;
};

// The deadline of an offer made at `at` for a stay checking in on `check_in`:
// as a win's (confirmation.h win_confirm_by) with `offer_days`.
Instant offer_deadline(int offer_days, const BookingRules& rules, Date check_in, Instant at);

// What the events decided so far in one decision changed for offers, by
// (lottery, user): who was given an offer and whose offer closed. Folding
// them one by one gives the same (an audit passes an empty one).
struct OfferBatch {
  std::set<std::pair<std::string, std::string>> holding, released;
};

// The runner-up the nights of lapsed win `lapsed` (its chain in `s`, or, for
// a win lapsing in this decision, `fresh`) go to next, offered at `at`: the
// first applicant from the chain's `next` in the draw's order who won
// nothing in the period, holds no open offer there (after `batch`) and is
// not suspended on `at`'s day, with an active application (in preference
// order, ties in log order) whose facility is the chain's, whose nights are
// all still held for it, whose wish allows its style, whose people fit that
// style's rooms, and whose deadline would still be after `at`. nullopt when
// none is left. (The user's stay limits are checked at acceptance only: a
// scheduler batch decides every item on the state before it, where a win
// lapsing earlier in the batch still counts, and the audit would disagree.)
std::optional<Offer> next_runner_up(const BookingState& s, const std::string& lapsed,
                                    const RunnerUpChain& chain, Instant at,
                                    const OfferBatch& batch);

// The chain a win lapsing now starts: its nights, from the top of the order.
RunnerUpChain chain_of_lapse(const BookingState& s, const std::string& lapsed);

}  // namespace hoyo::domain
