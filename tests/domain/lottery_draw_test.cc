#include "domain/lottery_draw.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace hoyo::domain {
namespace {

// The scenario of lottery_reference.py; its printed answers are pinned below.
DrawInput reference_scenario(DrawAlgorithm algorithm) {
  DrawInput in;
  std::array<std::uint8_t, 32> chain;
  chain.fill(0x11);
  in.seed = draw_seed("secret-0123", chain);
  in.algorithm = algorithm;
  Facility mixed;
  mixed.id = "minato-so";
  mixed.room_types = {{RoomStyle::kJapanese, 2, 5}, {RoomStyle::kWestern, 1, 2}};
  mixed.style_wish = true;
  Facility seaside;
  seaside.id = "seaside";
  seaside.room_types = {{RoomStyle::kStandard, 1, 4}};
  in.facilities = {{"minato-so", mixed}, {"seaside", seaside}};
  const Date d5 = Date::from_ymd(2027, 3, 5), d6 = d5.plus_days(1);
  in.held = {{{"minato-so", d5.days, RoomStyle::kJapanese}, 2},
             {{"minato-so", d5.days, RoomStyle::kWestern}, 1},
             {{"minato-so", d6.days, RoomStyle::kJapanese}, 1},
             {{"minato-so", d6.days, RoomStyle::kWestern}, 1},
             {{"seaside", d5.days, RoomStyle::kStandard}, 1}};
  auto app = [&](std::string id, std::string who, int pref, std::string fac, Date d, int nights,
                 int people, StyleWish wish) {
    in.applications.push_back({id, who, pref, fac, d, nights, people, wish});
  };
  const StyleWish any = StyleWish::kAny;
  app("a1", "A", 1, "minato-so", d5, 2, 2, any);
  app("a2", "A", 2, "seaside", d5, 1, 2, any);
  app("b1", "B", 1, "minato-so", d5, 1, 2, StyleWish::kWestern);
  app("c1", "C", 1, "seaside", d5, 1, 2, any);
  app("c2", "C", 2, "minato-so", d6, 1, 2, any);
  app("d2", "D", 2, "minato-so", d5, 1, 2, any);
  app("d1", "D", 1, "seaside", d5, 1, 2, any);
  app("e1", "E", 1, "minato-so", d5, 1, 4, any);
  app("f1", "F", 1, "minato-so", d6, 1, 2, StyleWish::kJapanese);
  app("g1", "G", 1, "minato-so", d5, 2, 3, any);
  app("h1", "H", 1, "seaside", d5, 1, 2, any);
  in.tiers = {{"H", 1}, {"G", 1}};
  return in;
}

TEST(LotteryDraw, RandomStreamMatchesTheSpecification) {
  const DrawInput in = reference_scenario(DrawAlgorithm::kSerialDictatorship);
  EXPECT_EQ(in.seed[0], 0xa4);
  EXPECT_EQ(in.seed[31], 0xbb);
  DrawRandom r(in.seed);
  const std::uint64_t words[] = {0xdde91b63900a5ea2ull, 0x4fb19a5e3c8e32efull,
                                 0x5e17642f941e91a8ull, 0xeca8a147713c6f49ull,
                                 0x090af9168d09facaull};
  for (std::uint64_t w : words) EXPECT_EQ(r.next(), w);
  DrawRandom u(in.seed);
  const std::uint64_t uniform10[] = {0, 5, 0, 3, 2, 9, 5, 3, 7, 6, 6, 4};
  for (std::uint64_t v : uniform10) EXPECT_EQ(u.uniform(10), v);
}

TEST(LotteryDraw, SerialDictatorshipMatchesTheIndependentImplementation) {
  const DrawOutcome out = run_draw(reference_scenario(DrawAlgorithm::kSerialDictatorship));
  EXPECT_EQ(out.order, (std::vector<std::string>{"B", "C", "D", "E", "F", "A", "G", "H"}));
  EXPECT_EQ(out.wins, (std::vector<DrawWin>{{"b1", RoomStyle::kWestern},
                                            {"c1", RoomStyle::kStandard},
                                            {"d2", RoomStyle::kJapanese},
                                            {"e1", RoomStyle::kJapanese},
                                            {"f1", RoomStyle::kJapanese}}));
}

TEST(LotteryDraw, PreferenceRoundsMatchesTheIndependentImplementation) {
  const DrawOutcome out = run_draw(reference_scenario(DrawAlgorithm::kPreferenceRounds));
  EXPECT_EQ(out.wins, (std::vector<DrawWin>{{"b1", RoomStyle::kWestern},
                                            {"c1", RoomStyle::kStandard},
                                            {"e1", RoomStyle::kJapanese},
                                            {"f1", RoomStyle::kJapanese},
                                            {"d2", RoomStyle::kJapanese}}));
}

// A random small period: one facility with two styles over four nights.
DrawInput random_input(std::mt19937_64& rng, int applicants) {
  DrawInput in;
  for (auto& b : in.seed) b = static_cast<std::uint8_t>(rng());
  Facility f;
  f.id = "f";
  f.room_types = {{RoomStyle::kJapanese, 3, 5}, {RoomStyle::kWestern, 3, 2}};
  in.facilities = {{"f", f}};
  const Date d0 = Date::from_ymd(2027, 3, 1);
  for (int n = 0; n < 4; ++n) {
    in.held[{"f", d0.plus_days(n).days, RoomStyle::kJapanese}] = static_cast<int>(rng() % 3);
    in.held[{"f", d0.plus_days(n).days, RoomStyle::kWestern}] = static_cast<int>(rng() % 3);
  }
  for (int a = 0; a < applicants; ++a) {
    const int prefs = 1 + static_cast<int>(rng() % 3);
    for (int p = 1; p <= prefs; ++p) {
      in.applications.push_back(
          {"app" + std::to_string(a) + "-" + std::to_string(p), "u" + std::to_string(a), p, "f",
           d0.plus_days(static_cast<int>(rng() % 3)), 1 + static_cast<int>(rng() % 2),
           1 + static_cast<int>(rng() % 4), static_cast<StyleWish>(rng() % 3)});
    }
    if (rng() % 4 == 0) in.tiers["u" + std::to_string(a)] = 1;
  }
  std::shuffle(in.applications.begin(), in.applications.end(), rng);  // log order
  return in;
}

TEST(LotteryDraw, SerialDictatorshipGivesEachApplicantTheBestWishStillFreeAtTheirTurn) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 500; ++trial) {
    const DrawInput in = random_input(rng, 2 + static_cast<int>(rng() % 8));
    const DrawOutcome out = run_draw(in);
    ASSERT_EQ(run_draw(in).wins, out.wins) << "not deterministic";
    // Brute force: walk the order; at each turn try every wish in preference
    // order against the rooms still held, by direct counting.
    HeldRooms held = in.held;
    std::map<std::string, DrawWin> expected;
    for (const std::string& who : out.order) {
      std::vector<const DrawApplication*> mine;
      for (const auto& a : in.applications) {
        if (a.applicant == who) mine.push_back(&a);
      }
      std::stable_sort(mine.begin(), mine.end(),
                       [](auto* x, auto* y) { return x->preference < y->preference; });
      for (const DrawApplication* a : mine) {
        std::optional<RoomStyle> best;
        int best_left = 0;
        for (const RoomType& t : in.facilities.at("f").room_types) {
          if (t.capacity < a->people) continue;
          if (a->wish != StyleWish::kAny &&
              static_cast<int>(a->wish) - 1 != static_cast<int>(t.style))
            continue;
          int left = 1 << 30;
          for (int n = 0; n < a->nights; ++n)
            left = std::min(left, held[{"f", a->check_in.plus_days(n).days, t.style}]);
          if (left > best_left) {
            best = t.style;
            best_left = left;
          }
        }
        if (best) {
          for (int n = 0; n < a->nights; ++n) --held[{"f", a->check_in.plus_days(n).days, *best}];
          expected[who] = {a->id, *best};
          break;
        }
      }
    }
    std::set<std::string> winners;
    for (const DrawWin& w : out.wins) {
      const std::string who = w.application.substr(3, w.application.find('-') - 3);
      EXPECT_TRUE(winners.insert(who).second) << "two wins for u" << who;
      ASSERT_TRUE(expected.count("u" + who)) << w.application;
      EXPECT_EQ(expected["u" + who], w);
    }
    EXPECT_EQ(winners.size(), expected.size());
    for (const auto& [key, n] : held) ASSERT_GE(n, 0) << "over the holds";
  }
}

TEST(LotteryDraw, BothAlgorithmsStayWithinTheHoldsAndHonourTiers) {
  std::mt19937_64 rng(12);
  for (int trial = 0; trial < 300; ++trial) {
    for (auto algorithm : {DrawAlgorithm::kSerialDictatorship, DrawAlgorithm::kPreferenceRounds}) {
      DrawInput in = random_input(rng, 3 + static_cast<int>(rng() % 10));
      in.algorithm = algorithm;
      const DrawOutcome out = run_draw(in);
      // Tier 0 applicants all come before tier 1 ones.
      bool seen_tier1 = false;
      for (const std::string& who : out.order) {
        const bool tier1 = in.tiers.count(who) > 0;
        ASSERT_FALSE(seen_tier1 && !tier1) << "tier order broken";
        seen_tier1 = seen_tier1 || tier1;
      }
      HeldRooms held = in.held;
      std::set<std::string> winners;
      for (const DrawWin& w : out.wins) {
        const auto& a = *std::find_if(in.applications.begin(), in.applications.end(),
                                      [&](const auto& x) { return x.id == w.application; });
        ASSERT_TRUE(winners.insert(a.applicant).second);
        for (int n = 0; n < a.nights; ++n) {
          const int left = --held[{"f", a.check_in.plus_days(n).days, w.style}];
          ASSERT_GE(left, 0);
        }
      }
    }
  }
}

TEST(LotteryDraw, EveryApplicantIsEquallyLikelyToWinInASymmetricPeriod) {
  // Ten applicants, one room, one wish each: over 20,000 seeds each should win
  // about 2,000 times; the standard deviation is sqrt(20000 * 0.1 * 0.9) = 42.4,
  // so 5 sigma (212) bounds a fair draw with overwhelming probability.
  DrawInput in;
  Facility f;
  f.id = "f";
  f.room_types = {{RoomStyle::kStandard, 1, 4}};
  in.facilities = {{"f", f}};
  const Date d = Date::from_ymd(2027, 3, 1);
  in.held[{"f", d.days, RoomStyle::kStandard}] = 1;
  for (int a = 0; a < 10; ++a) {
    in.applications.push_back(
        {"a" + std::to_string(a), std::to_string(a), 1, "f", d, 1, 2, StyleWish::kAny});
  }
  std::map<std::string, int> wins;
  std::array<std::uint8_t, 32> chain{};
  for (int s = 0; s < 20000; ++s) {
    in.seed = draw_seed("secret-" + std::to_string(s), chain);
    const DrawOutcome out = run_draw(in);
    ASSERT_EQ(out.wins.size(), 1u);
    ++wins[out.wins[0].application];
  }
  for (const auto& [app, n] : wins) EXPECT_NEAR(n, 2000, 212) << app;
  EXPECT_EQ(wins.size(), 10u);
}

}  // namespace
}  // namespace hoyo::domain

namespace hoyo::domain {
namespace {

TEST(LotteryDraw, TheInputsDigestNamesExactlyWhatWasDrawn) {
  const DrawInput in = reference_scenario(DrawAlgorithm::kSerialDictatorship);
  EXPECT_EQ(inputs_digest(in),
            inputs_digest(reference_scenario(DrawAlgorithm::kSerialDictatorship)));
  DrawInput more_rooms = in;
  more_rooms.held.begin()->second += 1;
  DrawInput reordered = in;
  std::swap(reordered.applications[0], reordered.applications[1]);
  DrawInput other_tiers = in;
  other_tiers.tiers["A"] = 1;
  for (const DrawInput& changed :
       {more_rooms, reordered, other_tiers, reference_scenario(DrawAlgorithm::kPreferenceRounds)}) {
    EXPECT_NE(inputs_digest(changed), inputs_digest(in));
  }
  DrawInput other_seed = in;
  other_seed.seed[0] ^= 1;
  EXPECT_EQ(inputs_digest(other_seed), inputs_digest(in)) << "the seed is recorded on its own";
}

}  // namespace
}  // namespace hoyo::domain
