// The lottery draw (O3, A2): a pure function of the seed, the period's
// applications in log order, the rooms held for the period and the applicants'
// priority tiers. docs/lottery.md specifies it exactly enough to reimplement.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/civil_time.h"
#include "domain/facility.h"

namespace hoyo::domain {

using DrawSeed = std::array<std::uint8_t, 32>;

enum class DrawAlgorithm : std::uint8_t { kSerialDictatorship = 0, kPreferenceRounds = 1 };
const char* algorithm_name(DrawAlgorithm a);  // "serial_dictatorship", "preference_rounds"
std::optional<DrawAlgorithm> parse_algorithm(std::string_view s);

struct DrawApplication {
  std::string id;         // application id
  std::string applicant;  // user number
  int preference = 1;     // 1 = first wish
  std::string facility;
  Date check_in;
  int nights = 1;
  int people = 1;  // the most people on any night
  StyleWish wish = StyleWish::kAny;
};

// Rooms held for the period per facility, night and style.
using HeldRooms = std::map<std::tuple<std::string, std::int32_t, RoomStyle>, int>;

struct DrawInput {
  DrawSeed seed{};
  DrawAlgorithm algorithm = DrawAlgorithm::kSerialDictatorship;
  std::vector<DrawApplication> applications;  // active applications, in log order
  HeldRooms held;
  std::map<std::string, int> tiers;            // applicant -> tier (0 first); absent = 0
  std::map<std::string, Facility> facilities;  // for style order and capacities
};

struct DrawWin {
  std::string application;
  RoomStyle style = RoomStyle::kStandard;
  bool operator==(const DrawWin&) const = default;
};

struct DrawOutcome {
  std::vector<std::string> order;  // applicants in the order they chose
  std::vector<DrawWin> wins;       // in the order they were allocated
};

// The commitment an operator publishes when opening a period: SHA-256(secret).
DrawSeed seed_commitment(const std::string& secret);

// The one-party seed (DrawRule::kOperatorOnly): SHA-256(secret ‖ chain hash
// of the log when the window closed).
DrawSeed draw_seed(const std::string& secret, const std::array<std::uint8_t, 32>& chain_hash);
// The two-party seed (DrawRule::kTwoParty): SHA-256(operator secret ‖ auditor
// secret ‖ chain hash of the log when the window closed).
DrawSeed draw_seed(const std::string& operator_secret, const std::string& auditor_secret,
                   const std::array<std::uint8_t, 32>& chain_hash);

// The deterministic random stream of the draw: block i is
// SHA-256(seed ‖ u64 big-endian i), read as four big-endian u64 words.
class DrawRandom {
 public:
  explicit DrawRandom(const DrawSeed& seed) : seed_(seed) {}
  std::uint64_t next();
  // Uniform in [0, n) by rejection of the top partial range.
  std::uint64_t uniform(std::uint64_t n);

 private:
  DrawSeed seed_;
  std::uint64_t counter_ = 0;
  std::array<std::uint64_t, 4> block_{};
  int used_ = 4;
};

DrawOutcome run_draw(const DrawInput& input);

// SHA-256 over the draw's inputs other than the seed, in the canonical form of
// docs/lottery.md, so that a record of the draw names exactly what it drew from.
DrawSeed inputs_digest(const DrawInput& input);

}  // namespace hoyo::domain
