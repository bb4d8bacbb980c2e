// The one hex codec: lower-case digits out, either case in, and nothing but
// whole pairs of hex digits accepted.
#include "base/hex.h"

#include <gtest/gtest.h>

namespace hoyo::base {
namespace {

TEST(Hex, EncodesEveryByteAsTwoLowerCaseDigits) {
  EXPECT_EQ(to_hex(std::string_view("")), "");
  EXPECT_EQ(to_hex(std::string("\x00\x01\x7f\x80\xff", 5)), "00017f80ff");
  EXPECT_EQ(to_hex(std::array<std::uint8_t, 3>{0xde, 0xad, 0x0b}), "dead0b");
}

TEST(Hex, DecodesEitherCaseAndRoundTrips) {
  EXPECT_EQ(from_hex(""), std::string());
  EXPECT_EQ(from_hex("00017f80ff"), std::string("\x00\x01\x7f\x80\xff", 5));
  EXPECT_EQ(from_hex("DEADbeef"), std::string("\xde\xad\xbe\xef"));
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(from_hex(to_hex(all)), all);
}

TEST(Hex, RefusesAnOddLengthOrAnyOtherCharacter) {
  EXPECT_EQ(from_hex("abc"), std::nullopt);
  EXPECT_EQ(from_hex("0g"), std::nullopt);
  EXPECT_EQ(from_hex("g0"), std::nullopt);
  EXPECT_EQ(from_hex(" 0"), std::nullopt);
  EXPECT_EQ(from_hex("+f"), std::nullopt);
  EXPECT_EQ(from_hex("0x"), std::nullopt);
  EXPECT_EQ(from_hex(std::string_view("0\0", 2)), std::nullopt);
}

TEST(Hex, AFixedSizeNeedsExactlyItsDigits) {
  EXPECT_EQ(from_hex_array<2>("beef"), (std::array<std::uint8_t, 2>{0xbe, 0xef}));
  EXPECT_EQ(from_hex_array<2>("bee"), std::nullopt);
  EXPECT_EQ(from_hex_array<2>("beef00"), std::nullopt);
  EXPECT_EQ(from_hex_array<2>("bexf"), std::nullopt);
}

}  // namespace
}  // namespace hoyo::base
