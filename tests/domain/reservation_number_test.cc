#include "domain/reservation_number.h"

#include <gtest/gtest.h>

#include <random>

namespace hoyo::domain {
namespace {

TEST(ReservationNumber, MadeNumbersCheckAndHaveNoLeadingZero) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 1000; ++i) {
    const std::string n = make_number(rng(), 9);
    ASSERT_EQ(n.size(), 10u);
    EXPECT_NE(n[0], '0');
    EXPECT_TRUE(valid_check_digit(n)) << n;
  }
  EXPECT_FALSE(valid_check_digit(""));
  EXPECT_FALSE(valid_check_digit("12a4"));
}

TEST(ReservationNumber, EverySingleDigitErrorAndAdjacentSwapIsCaught) {
  std::mt19937_64 rng(4);
  for (int trial = 0; trial < 300; ++trial) {
    const std::string n = make_number(rng(), 9);
    for (std::size_t i = 0; i < n.size(); ++i) {
      for (char c = '0'; c <= '9'; ++c) {
        if (c == n[i]) continue;
        std::string wrong = n;
        wrong[i] = c;
        EXPECT_FALSE(valid_check_digit(wrong)) << n << " -> " << wrong;
      }
      if (i + 1 < n.size() && n[i] != n[i + 1]) {
        std::string swapped = n;
        std::swap(swapped[i], swapped[i + 1]);
        EXPECT_FALSE(valid_check_digit(swapped)) << n << " -> " << swapped;
      }
    }
  }
}

}  // namespace
}  // namespace hoyo::domain
