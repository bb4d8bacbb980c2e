#include "domain/lottery_draw.h"

#include <openssl/evp.h>

#include <algorithm>
#include <optional>
#include <set>

namespace hoyo::domain {
namespace {

std::array<std::uint8_t, 32> sha256(const std::string& bytes) {
  std::array<std::uint8_t, 32> out;
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), out.data(), &n, EVP_sha256(), nullptr);
  return out;
}

// Rooms of `style` held on every night of the stay, the tightest night's count.
int held_on_all_nights(const HeldRooms& held, const DrawApplication& a, RoomStyle style) {
  int tightest = INT32_MAX;
  for (int i = 0; i < a.nights; ++i) {
    auto it = held.find({a.facility, a.check_in.plus_days(i).days, style});
    tightest = std::min(tightest, it == held.end() ? 0 : it->second);
  }
  return tightest;
}

// The style an application wins in, or none: its wished style if held on every
// night; for `any`, the style with the most rooms left on its tightest night,
// ties to the facility's first style. The room must hold the people.
std::optional<RoomStyle> fitting_style(const DrawInput& in, const HeldRooms& held,
                                       const DrawApplication& a) {
  auto f = in.facilities.find(a.facility);
  if (f == in.facilities.end()) return std::nullopt;
  std::optional<RoomStyle> best;
  int best_left = 0;
  for (const RoomType& t : f->second.room_types) {
    const bool wished =
        a.wish == StyleWish::kAny || static_cast<int>(t.style) == static_cast<int>(a.wish) - 1;
    if (!wished || t.capacity < a.people) continue;
    const int left = held_on_all_nights(held, a, t.style);
    if (left > best_left) {
      best = t.style;
      best_left = left;
    }
  }
  return best;
}

void take(HeldRooms& held, const DrawApplication& a, RoomStyle style) {
  for (int i = 0; i < a.nights; ++i) --held[{a.facility, a.check_in.plus_days(i).days, style}];
}

}  // namespace

DrawSeed draw_seed(const std::string& secret, const std::array<std::uint8_t, 32>& chain_hash) {
  return sha256(secret + std::string(chain_hash.begin(), chain_hash.end()));
}

std::uint64_t DrawRandom::next() {
  if (used_ == 4) {
    std::string input(seed_.begin(), seed_.end());
    for (int i = 7; i >= 0; --i) input.push_back(static_cast<char>(counter_ >> (8 * i)));
    ++counter_;
    const auto digest = sha256(input);
    for (int w = 0; w < 4; ++w) {
      std::uint64_t v = 0;
      for (int b = 0; b < 8; ++b) v = (v << 8) | digest[8 * w + b];
      block_[w] = v;
    }
    used_ = 0;
  }
  return block_[used_++];
}

std::uint64_t DrawRandom::uniform(std::uint64_t n) {
  // Accept x < limit, the largest multiple of n that fits in 2^64.
  const std::uint64_t limit = n * (UINT64_MAX / n);
  std::uint64_t x;
  do {
    x = next();
  } while (x >= limit);
  return x % n;
}

DrawOutcome run_draw(const DrawInput& in) {
  // Applicants in order of their first application in the log, grouped by tier.
  std::vector<std::string> applicants;
  std::map<std::string, std::vector<const DrawApplication*>> wishes;
  for (const DrawApplication& a : in.applications) {
    auto& list = wishes[a.applicant];
    if (list.empty()) applicants.push_back(a.applicant);
    list.push_back(&a);
  }
  for (auto& [applicant, list] : wishes) {
    std::stable_sort(list.begin(), list.end(),
                     [](const DrawApplication* x, const DrawApplication* y) {
                       return x->preference < y->preference;
                     });
  }
  auto tier_of = [&](const std::string& applicant) {
    auto it = in.tiers.find(applicant);
    return it == in.tiers.end() ? 0 : it->second;
  };
  std::stable_sort(
      applicants.begin(), applicants.end(),
      [&](const std::string& x, const std::string& y) { return tier_of(x) < tier_of(y); });

  // Fisher–Yates inside each tier, tiers in ascending order, one random stream.
  DrawRandom random(in.seed);
  for (std::size_t begin = 0; begin < applicants.size();) {
    std::size_t end = begin;
    while (end < applicants.size() && tier_of(applicants[end]) == tier_of(applicants[begin])) ++end;
    for (std::size_t i = end - begin; i-- > 1;) {
      const std::size_t j = random.uniform(i + 1);
      std::swap(applicants[begin + i], applicants[begin + j]);
    }
    begin = end;
  }

  DrawOutcome out;
  out.order = applicants;
  HeldRooms held = in.held;
  std::set<std::string> won;
  auto try_win = [&](const DrawApplication& a) {
    if (auto style = fitting_style(in, held, a)) {
      take(held, a, *style);
      out.wins.push_back({a.id, *style});
      won.insert(a.applicant);
      return true;
    }
    return false;
  };
  if (in.algorithm == DrawAlgorithm::kSerialDictatorship) {
    for (const std::string& applicant : applicants) {
      for (const DrawApplication* a : wishes[applicant]) {
        if (try_win(*a)) break;
      }
    }
  } else {
    int rounds = 0;
    for (const auto& [applicant, list] : wishes) {
      for (const DrawApplication* a : list) rounds = std::max(rounds, a->preference);
    }
    for (int round = 1; round <= rounds; ++round) {
      for (const std::string& applicant : applicants) {
        if (won.count(applicant)) continue;
        for (const DrawApplication* a : wishes[applicant]) {
          if (a->preference == round && try_win(*a)) break;
        }
      }
    }
  }
  return out;
}

}  // namespace hoyo::domain
