// Lottery periods and applications (O3, M2-M4): an operator opens a period for
// a stay month with rooms held for it; under the two-party rule an auditor
// commits a second secret before the window can open; users apply with ranked
// preferences while it is open; the draw (lottery_draw.h) decides the winners.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/confirmation.h"
#include "domain/facility.h"
#include "domain/lottery_draw.h"
#include "domain/offer.h"
#include "domain/pricing.h"

namespace hoyo::domain {

// Rooms of one style held for the period on one night.
struct Allotment {
  std::string facility;
  Date night;
  RoomStyle style = RoomStyle::kStandard;
  int rooms = 0;
  bool operator==(const Allotment&) const = default;
};

// How a period's seed is made, recorded when it opens (docs/lottery.md).
// kOperatorOnly: SHA-256(operator secret ‖ chain), the rule of periods opened
// before the auditor's commitment existed. kTwoParty: SHA-256(operator secret
// ‖ auditor secret ‖ chain); the window opens only once the auditor committed.
enum class DrawRule : std::uint8_t { kOperatorOnly = 1, kTwoParty = 2 };

struct LotteryPeriod {
  std::string id;
  Date stay_month;  // its first day; check-in and every night fall inside the month
  std::vector<std::string> facilities;
  Instant opens_at = 0, closes_at = 0, draw_at = 0, publish_at = 0;
  int preference_slots = 3;
  DrawAlgorithm algorithm = DrawAlgorithm::kSerialDictatorship;
  std::array<std::uint8_t, 32> seed_hash{};  // SHA-256 of the operator's secret
  std::vector<Allotment> allotment;          // 当選可能数 per facility, night and style
  // Priority tier: with N > 0, applicants who applied to this facility in each
  // of its last N drawn periods and won none of them draw first (tier 0).
  int priority_lost_periods = 0;
  // Every period opened now draws under kTwoParty; periods already in the log
  // without the field read as kOperatorOnly.
  DrawRule draw_rule = DrawRule::kTwoParty;
  // The auditor's commitment (SHA-256 of their secret) and when it was made;
  // zeros until committed. Set by LotteryAuditorCommitted, not by the opening.
  std::array<std::uint8_t, 32> auditor_seed_hash{};
  Instant auditor_committed_at = 0;
  // The auditor's revealed secret; empty until LotteryAuditorRevealed.
  std::string auditor_secret;
  // Win confirmation (confirmation.h): every period opened now requires it
  // unless told otherwise; periods in the log from before read as kNone.
  ConfirmationRule confirmation = ConfirmationRule::kRequired;
  int confirm_days = kDefaultConfirmDays;
  ReleaseRule release = ReleaseRule::kFirstCome;
  Instant release_at = 0;  // 0: 12:00 Tokyo time the day after each deadline
  // Rooms freed: the period's losers are told, at each lapse, which lapsed
  // rooms join first-come and when (off unless asked for when opened).
  bool notify_losers = false;
  // Offers to runners-up (release kRunnersUp): the days each offer stays open.
  int offer_days = kDefaultOfferDays;

  bool has_facility(const std::string& f) const;
  // True once the auditor committed (always true for kOperatorOnly, which
  // needs no auditor).
  bool auditor_committed() const;
  // True once the auditor revealed (always true for kOperatorOnly).
  bool auditor_revealed() const;
  // When the window opens: opens_at, or the auditor's commitment when that
  // came later (kTwoParty). nullopt while a kTwoParty period awaits it.
  std::optional<Instant> effective_opens_at() const;
  bool operator==(const LotteryPeriod&) const = default;
};

enum class LotteryStatus : std::uint8_t { kUpcoming, kOpen, kClosed };
const char* lottery_status_name(LotteryStatus s);  // "upcoming", "open", "closed"
// kUpcoming before effective_opens_at() (and, for a kTwoParty period without
// the auditor's commitment, until closes_at: such a window never opens);
// kOpen until closes_at; kClosed from closes_at on.
LotteryStatus lottery_status(const LotteryPeriod& p, Instant now);

// The period's draw seed under its rule: SHA-256(operator secret ‖ chain) for
// kOperatorOnly, SHA-256(operator secret ‖ auditor_secret ‖ chain) for
// kTwoParty. `chain` is the log's chain hash at the close.
DrawSeed period_draw_seed(const LotteryPeriod& p, const std::string& operator_secret,
                          const std::array<std::uint8_t, 32>& chain);

enum class ApplicationStatus : std::uint8_t { kActive = 0, kCancelled = 1 };

struct LotteryApplication {
  std::string id;
  std::string lottery;
  std::string user;
  std::string facility;
  Date check_in;
  int nights = 1;
  std::vector<int> people;
  StyleWish wish = StyleWish::kAny;
  int preference = 1;
  ApplicationStatus status = ApplicationStatus::kActive;
  Instant applied_at = 0;
  // The guests per night as applied; empty: `people` adults. The reduction
  // claimed. A win is priced with both at its publication (stay_price.h
  // price_win).
  std::vector<Guests> guests;
  Reduction reduction = Reduction::kNone;

  bool active() const { return status == ApplicationStatus::kActive; }
  bool operator==(const LotteryApplication&) const = default;
};

}  // namespace hoyo::domain
