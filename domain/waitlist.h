// The cancellation waitlist (キャンセル待ち, docs/booking-core.md "The
// cancellation waitlist"): where a facility enables it, users join a list
// for a sold-out stay; a room that frees up on a date with fitting entries
// is held for the list instead of returning to first-come, and the
// scheduler offers it to one fitting entry drawn with a seed recorded in the
// log. The types here are the waitlist's whole state: the writer's state and
// the stays view fold it with the same fold_waitlist(). Pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "domain/civil_time.h"
#include "domain/facility.h"
#include "domain/offer.h"
#include "domain/pricing.h"

namespace hoyo::domain {

struct BookingState;
struct WaitlistJoined;
struct WaitlistLeft;
struct WaitlistRoomHeld;
struct WaitlistHoldReleased;
struct WaitlistOffered;
struct WaitlistOfferAccepted;
struct WaitlistOfferClosed;

enum class WaitlistEntryStatus : std::uint8_t { kActive = 0, kAccepted = 1, kLeft = 2 };

// One user's wish for a stay that was sold out when they joined.
struct WaitlistEntry {
  std::string id;
  std::string user;
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;  // per night
  StyleWish wish = StyleWish::kAny;
  Instant joined_at = 0;
  // The guests per night and the reduction claimed when joining, checked as
  // a booking's; empty guests (entries joined before they were asked):
  // `people` adults. The accepted offer is priced with them.
  std::vector<Guests> guests;
  Reduction reduction = Reduction::kNone;
  WaitlistEntryStatus status = WaitlistEntryStatus::kActive;
  std::string offer;  // the offer now open to it, if any (derived)
  bool active() const { return status == WaitlistEntryStatus::kActive; }
  bool operator==(const WaitlistEntry&) const = default;
};

// A room of `style` freed on `nights` (ascending) and held for the waitlist.
// Its next pick is due at `pick_at` (0 while an offer is open on it, or once
// it is used up or released); `offers` counts the offers made on it.
struct WaitlistHold {
  std::string id;  // "<reservation that freed it>-h<k>", its k-th hold
  std::string facility;
  RoomStyle style = RoomStyle::kStandard;
  std::vector<Date> nights;
  Instant held_at = 0;
  Instant pick_at = 0;
  int offers = 0;
  std::string open_offer;  // derived
  bool operator==(const WaitlistHold&) const = default;
};

enum class WaitlistOfferStatus : std::uint8_t {
  kOpen = 0,
  kAccepted = 1,
  kDeclined = 2,
  kLapsed = 3,
  kWithdrawn = 4  // its entry was deleted while it was open
};

// A hold's room offered to one entry, open until `offer_by` (the last second
// it can be accepted).
struct WaitlistOffer {
  std::string id;  // "<hold>-<n>", n = 1, 2, ... on the hold
  std::string entry;
  std::string hold;
  std::string user;
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;
  RoomStyle style = RoomStyle::kStandard;
  StyleWish wish = StyleWish::kAny;
  Instant at = 0;
  Instant offer_by = 0;
  WaitlistOfferStatus status = WaitlistOfferStatus::kOpen;
  std::string number;  // the reservation booked when accepted
  bool operator==(const WaitlistOffer&) const = default;
};

// Everything of the waitlist, with indexes derived from it (index_waitlist).
struct Waitlist {
  std::map<std::string, WaitlistEntry> entries;
  std::map<std::string, WaitlistHold> holds;
  std::map<std::string, WaitlistOffer> offers;
  // Derived: holds whose pick is due by (pick_at, hold), open offers by
  // (offer_by, offer).
  std::set<std::pair<Instant, std::string>> picks;
  std::set<std::pair<Instant, std::string>> open_offers;
  bool operator==(const Waitlist&) const = default;
};

// Each setting in its range (kValidation naming each field out of it as
// "waitlist.FIELD"): entries per month 1..31, close days 0..60, offer days
// 1..14, times of day 0..1439 minutes.
base::Status validate_waitlist_settings(const WaitlistSettings& w);

// Folds one waitlist event (the inventory's holds are the caller's).
void fold_waitlist(Waitlist& w, const WaitlistJoined& e);
void fold_waitlist(Waitlist& w, const WaitlistLeft& e);
void fold_waitlist(Waitlist& w, const WaitlistRoomHeld& e);
void fold_waitlist(Waitlist& w, const WaitlistHoldReleased& e);
void fold_waitlist(Waitlist& w, const WaitlistOffered& e);
void fold_waitlist(Waitlist& w, const WaitlistOfferAccepted& e);
void fold_waitlist(Waitlist& w, const WaitlistOfferClosed& e);
// Rebuilds the derived fields and indexes (after a snapshot is read).
void index_waitlist(Waitlist& w);

// The user's active entries, in the order they joined.
std::vector<const WaitlistEntry*> active_entries_of(const Waitlist& w, const std::string& user);
// The user's active entries for stays checking in in `month`'s month.
int entries_in_month(const Waitlist& w, const std::string& user, Date month);

// Whether `e` fits a room of `style` held on `nights` at `f`: every night of
// the stay is held, the wish allows the style, its people fit the rooms.
bool entry_fits(const Facility& f, const WaitlistEntry& e, RoomStyle style,
                const std::vector<Date>& nights);

// Joining closes at 24:00 Tokyo time of the day close_days_before days
// before check-in.
Instant waitlist_closes(const WaitlistSettings& w, Date check_in);
// A hold made at `held_at` is picked at the pick time of the next Tokyo day.
Instant waitlist_pick_at(const WaitlistSettings& w, Instant held_at);
// An offer made at `at` is open until offer_by on the Tokyo day offer_days
// after it (its last second), or the last second of the stay's first-come
// window, whichever comes first.
Instant waitlist_offer_by(const WaitlistSettings& w, const BookingRules& rules, Date check_in,
                          Instant at);

// The entries hold `h` may go to, in the order the draw indexes (joined_at,
// then id): active, with no open offer, never offered this hold before (a
// declined or lapsed offer moves on), fitting the hold, and not
// `passed_over` (the caller's rules: a suspended user, a stay whose
// first-come window has closed, an entry offered earlier in the batch).
std::vector<const WaitlistEntry*> pick_candidates(
    const Waitlist& w, const Facility& f, const WaitlistHold& h,
    const std::function<bool(const WaitlistEntry&)>& passed_over);
// A waitlist offer in the shape of a runner-up offer, for the views that
// list and answer both alike: no lottery, `application` the entry, `lapsed`
// the hold; withdrawn reads as declined.
Offer as_offer(const WaitlistOffer& o);

// The draw: candidate index seed % n (n > 0).
std::size_t pick_index(std::uint64_t seed, std::size_t n);

// For the log audit, on the state just before the event: "" when the
// recorded pick is the one the rules and its seed give (and the hold has no
// open offer), else what differs.
std::string waitlist_offer_difference(const BookingState& s, const WaitlistOffered& e);
// "" when the accepted offer is open and every night it books is still held
// by its hold (a hold is used once), else what differs.
std::string waitlist_acceptance_difference(const BookingState& s, const WaitlistOfferAccepted& e);

}  // namespace hoyo::domain
