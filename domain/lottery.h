// Lottery periods and applications (O3, M2-M4): an operator opens a period for
// a stay month with rooms held for it; users apply with ranked preferences
// while its window is open; the draw (lottery_draw.h) decides the winners.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/facility.h"
#include "domain/lottery_draw.h"

namespace hoyo::domain {

// Rooms of one style held for the period on one night.
struct Allotment {
  std::string facility;
  Date night;
  RoomStyle style = RoomStyle::kStandard;
  int rooms = 0;
  bool operator==(const Allotment&) const = default;
};

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

  bool has_facility(const std::string& f) const;
  bool operator==(const LotteryPeriod&) const = default;
};

enum class LotteryStatus : std::uint8_t { kUpcoming, kOpen, kClosed };
const char* lottery_status_name(LotteryStatus s);  // "upcoming", "open", "closed"
LotteryStatus lottery_status(const LotteryPeriod& p, Instant now);

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

  bool active() const { return status == ApplicationStatus::kActive; }
  bool operator==(const LotteryApplication&) const = default;
};

}  // namespace hoyo::domain
