#include "domain/lottery_draw.h"

#include <openssl/evp.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace hoyo::domain {
namespace {

std::array<std::uint8_t, 32> sha256(const std::string& bytes) {
  std::array<std::uint8_t, 32> out;
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), out.data(), &n, EVP_sha256(), nullptr);
  return out;
}

// The held rooms as a flat array indexed by facility, night and style, so the
// draw's inner loop does no string comparisons or tree walks.
class HeldTable {
 public:
  explicit HeldTable(const DrawInput& in) {
    std::int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (const auto& [key, n] : in.held) {
      lo = std::min(lo, std::get<1>(key));
      hi = std::max(hi, std::get<1>(key));
    }
    for (const auto& a : in.applications) {
      lo = std::min(lo, a.check_in.days);
      hi = std::max(hi, a.check_in.days + a.nights - 1);
    }
    first_day_ = lo;
    days_ = hi >= lo ? hi - lo + 1 : 0;
    for (const auto& [id, f] : in.facilities) facility_index_.emplace(id, facility_index_.size());
    rooms_.assign(facility_index_.size() * static_cast<std::size_t>(days_) * kStyleCount, 0);
    for (const auto& [key, n] : in.held) {
      auto f = facility_index_.find(std::get<0>(key));
      if (f != facility_index_.end()) at(f->second, std::get<1>(key), std::get<2>(key)) = n;
    }
  }

  // Index of a facility, or -1 when it is not in the catalogue.
  int facility(const std::string& id) const {
    auto it = facility_index_.find(id);
    return it == facility_index_.end() ? -1 : static_cast<int>(it->second);
  }
  int& at(std::size_t facility, std::int32_t day, RoomStyle style) {
    return rooms_[(facility * static_cast<std::size_t>(days_) +
                   static_cast<std::size_t>(day - first_day_)) *
                      kStyleCount +
                  static_cast<std::size_t>(style)];
  }

 private:
  std::map<std::string, std::size_t> facility_index_;
  std::int32_t first_day_ = 0;
  std::int32_t days_ = 0;
  std::vector<int> rooms_;
};

// The style an application wins in, or none: its wished style if held on every
// night; for `any`, the style with the most rooms left on its tightest night,
// ties to the facility's first style. The room must hold the people.
std::optional<RoomStyle> fitting_style(HeldTable& held, const Facility& f, int facility,
                                       const DrawApplication& a) {
  std::optional<RoomStyle> best;
  int best_left = 0;
  for (const RoomType& t : f.room_types) {
    const bool wished =
        a.wish == StyleWish::kAny || static_cast<int>(t.style) == static_cast<int>(a.wish) - 1;
    if (!wished || t.capacity < a.people) continue;
    int left = INT32_MAX;
    for (int i = 0; i < a.nights; ++i) {
      left =
          std::min(left, held.at(static_cast<std::size_t>(facility), a.check_in.days + i, t.style));
    }
    if (left > best_left) {
      best = t.style;
      best_left = left;
    }
  }
  return best;
}

}  // namespace

const char* algorithm_name(DrawAlgorithm a) {
  return a == DrawAlgorithm::kPreferenceRounds ? "preference_rounds" : "serial_dictatorship";
}

std::optional<DrawAlgorithm> parse_algorithm(std::string_view s) {
  if (s == "serial_dictatorship") return DrawAlgorithm::kSerialDictatorship;
  if (s == "preference_rounds") return DrawAlgorithm::kPreferenceRounds;
  return std::nullopt;
}

DrawSeed seed_commitment(const std::string& secret) { return sha256(secret); }

DrawSeed inputs_digest(const DrawInput& in) {
  std::string b;
  auto u32 = [&b](std::uint32_t v) {
    for (int i = 3; i >= 0; --i) b.push_back(static_cast<char>(v >> (8 * i)));
  };
  auto bytes = [&](const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    b += s;
  };
  b.push_back(static_cast<char>(in.algorithm));
  u32(static_cast<std::uint32_t>(in.applications.size()));
  for (const DrawApplication& a : in.applications) {
    bytes(a.id);
    bytes(a.applicant);
    u32(static_cast<std::uint32_t>(a.preference));
    bytes(a.facility);
    u32(static_cast<std::uint32_t>(a.check_in.days));
    u32(static_cast<std::uint32_t>(a.nights));
    u32(static_cast<std::uint32_t>(a.people));
    b.push_back(static_cast<char>(a.wish));
  }
  u32(static_cast<std::uint32_t>(in.held.size()));
  for (const auto& [key, rooms] : in.held) {  // ordered by facility, night, style
    bytes(std::get<0>(key));
    u32(static_cast<std::uint32_t>(std::get<1>(key)));
    b.push_back(static_cast<char>(std::get<2>(key)));
    u32(static_cast<std::uint32_t>(rooms));
  }
  u32(static_cast<std::uint32_t>(in.tiers.size()));
  for (const auto& [applicant, tier] : in.tiers) {  // ordered by applicant
    bytes(applicant);
    u32(static_cast<std::uint32_t>(tier));
  }
  return sha256(b);
}

DrawSeed draw_seed(const std::string& secret, const std::array<std::uint8_t, 32>& chain_hash) {
  return sha256(secret + std::string(chain_hash.begin(), chain_hash.end()));
}

DrawSeed draw_seed(const std::string& operator_secret, const std::string& auditor_secret,
                   const std::array<std::uint8_t, 32>& chain_hash) {
  return sha256(operator_secret + auditor_secret +
                std::string(chain_hash.begin(), chain_hash.end()));
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
  // Applicants in order of their first application in the log, each with their
  // applications in preference order (ties: log order).
  std::vector<const std::string*> applicants;
  std::vector<std::vector<std::uint32_t>> wishes;
  {
    std::unordered_map<std::string_view, std::uint32_t> index;
    index.reserve(in.applications.size());
    for (std::uint32_t i = 0; i < in.applications.size(); ++i) {
      const DrawApplication& a = in.applications[i];
      auto [it, fresh] = index.emplace(a.applicant, static_cast<std::uint32_t>(applicants.size()));
      if (fresh) {
        applicants.push_back(&a.applicant);
        wishes.emplace_back();
      }
      wishes[it->second].push_back(i);
    }
  }
  for (auto& list : wishes) {
    std::stable_sort(list.begin(), list.end(), [&](std::uint32_t x, std::uint32_t y) {
      return in.applications[x].preference < in.applications[y].preference;
    });
  }
  std::vector<std::uint32_t> order(applicants.size());
  std::vector<int> tier(applicants.size(), 0);
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    auto t = in.tiers.find(*applicants[i]);
    if (t != in.tiers.end()) tier[i] = t->second;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return tier[x] < tier[y]; });

  // Fisher–Yates inside each tier, tiers in ascending order, one random stream.
  DrawRandom random(in.seed);
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && tier[order[end]] == tier[order[begin]]) ++end;
    for (std::size_t i = end - begin; i-- > 1;) {
      const std::size_t j = random.uniform(i + 1);
      std::swap(order[begin + i], order[begin + j]);
    }
    begin = end;
  }

  DrawOutcome out;
  out.order.reserve(order.size());
  for (std::uint32_t i : order) out.order.push_back(*applicants[i]);
  HeldTable held(in);
  std::vector<char> won(applicants.size(), 0);
  auto try_win = [&](std::uint32_t applicant, const DrawApplication& a) {
    const int f = held.facility(a.facility);
    if (f < 0) return false;
    const Facility& facility = in.facilities.at(a.facility);
    const std::optional<RoomStyle> style = fitting_style(held, facility, f, a);
    if (!style) return false;
    for (int i = 0; i < a.nights; ++i)
      --held.at(static_cast<std::size_t>(f), a.check_in.days + i, *style);
    out.wins.push_back({a.id, *style});
    won[applicant] = 1;
    return true;
  };
  if (in.algorithm == DrawAlgorithm::kSerialDictatorship) {
    for (std::uint32_t applicant : order) {
      for (std::uint32_t i : wishes[applicant]) {
        if (try_win(applicant, in.applications[i])) break;
      }
    }
  } else {
    int rounds = 0;
    for (const auto& a : in.applications) rounds = std::max(rounds, a.preference);
    for (int round = 1; round <= rounds; ++round) {
      for (std::uint32_t applicant : order) {
        if (won[applicant]) continue;
        for (std::uint32_t i : wishes[applicant]) {
          const DrawApplication& a = in.applications[i];
          if (a.preference == round && try_win(applicant, a)) break;
        }
      }
    }
  }
  return out;
}

}  // namespace hoyo::domain
