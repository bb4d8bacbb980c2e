// RFC 6238 codes against the RFC's own test vectors (SHA-1), the ±1 step
// window, replay refusal, base32 (RFC 4648) and the stored second-factor
// record with its single-use recovery codes.
#include "accounts/totp.h"

#include <gtest/gtest.h>

#include "accounts/personal_data.h"
#include "accounts/second_factor.h"

namespace hoyo::accounts {
namespace {

constexpr const char* kRfcSecret = "12345678901234567890";

domain::Instant at_seconds(std::int64_t s) { return s * domain::kMicrosPerSecond; }

TEST(Totp, MatchesTheSha1TestVectorsOfRfc6238) {
  const std::pair<std::int64_t, const char*> vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [seconds, eight] : vectors) {
    SCOPED_TRACE(seconds);
    const std::int64_t step = totp_step(at_seconds(seconds));
    EXPECT_EQ(step, seconds / 30);
    EXPECT_EQ(totp_code(kRfcSecret, step, 8), eight);
    // Six digits are the last six of the eight (the same truncation, mod 10^6).
    EXPECT_EQ(totp_code(kRfcSecret, step), std::string(eight).substr(2));
  }
}

TEST(Totp, AcceptsOneStepEitherSideAndNoFurther) {
  const std::int64_t now = totp_step(at_seconds(1111111111));
  for (int offset : {-1, 0, 1}) {
    EXPECT_EQ(totp_accept(kRfcSecret, totp_code(kRfcSecret, now + offset), now, -1), now + offset)
        << offset;
  }
  for (int offset : {-3, -2, 2, 3}) {
    EXPECT_FALSE(totp_accept(kRfcSecret, totp_code(kRfcSecret, now + offset), now, -1)) << offset;
  }
  EXPECT_FALSE(totp_accept(kRfcSecret, "", now, -1));
  EXPECT_FALSE(totp_accept(kRfcSecret, "14050471", now, -1));  // eight digits are not six
  EXPECT_FALSE(totp_accept("another secret of 20", totp_code(kRfcSecret, now), now, -1));
}

TEST(Totp, ACodeOfAStepAlreadyAcceptedIsRefused) {
  const std::int64_t now = totp_step(at_seconds(2000000000));
  const std::string code = totp_code(kRfcSecret, now);
  const auto first = totp_accept(kRfcSecret, code, now, -1);
  ASSERT_EQ(first, now);
  EXPECT_FALSE(totp_accept(kRfcSecret, code, now, *first));  // the same code again
  EXPECT_FALSE(totp_accept(kRfcSecret, totp_code(kRfcSecret, now - 1), now, *first));
  EXPECT_EQ(totp_accept(kRfcSecret, totp_code(kRfcSecret, now + 1), now, *first), now + 1);
}

TEST(Totp, Base32AndTheOtpauthUri) {
  // RFC 4648 section 10, padding dropped.
  EXPECT_EQ(base32(""), "");
  EXPECT_EQ(base32("f"), "MY");
  EXPECT_EQ(base32("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(otpauth_uri("Hoyo", "demo-operator", kRfcSecret),
            "otpauth://totp/Hoyo:demo-operator?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Hoyo&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("Hoyo", "a b:c", kRfcSecret).substr(0, 28), "otpauth://totp/Hoyo:a%20b%3A");
}

TEST(RecoveryCodes, AreRandomWrittenInGroupsAndWorkOnceEachWhateverTheCase) {
  const std::string code = new_recovery_code();
  ASSERT_EQ(code.size(), 19u);
  EXPECT_EQ(code[4], '-');
  EXPECT_NE(new_recovery_code(), code);
  EXPECT_TRUE(looks_like_recovery_code(normal_code(code)));
  EXPECT_FALSE(looks_like_recovery_code("123456"));
  EXPECT_EQ(normal_code(" abcd-efgh ijkl-mnop "), "ABCDEFGHIJKLMNOP");

  SecondFactor f;
  f.secret = kRfcSecret;
  const std::string other = new_recovery_code();
  f.recovery_hashes = {recovery_hash(normal_code(code)), recovery_hash(normal_code(other))};
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(use_recovery_code(f, normal_code(lower)));
  EXPECT_FALSE(use_recovery_code(f, normal_code(code)));  // once only
  EXPECT_EQ(f.recovery_hashes.size(), 1u);
  EXPECT_FALSE(use_recovery_code(f, normal_code("AAAA-AAAA-AAAA-AAAA")));
  EXPECT_TRUE(use_recovery_code(f, normal_code(other)));
}

TEST(SecondFactorRecord, RoundTripsAndRefusesWhatItDidNotWrite) {
  SecondFactor f;
  f.active = true;
  f.secret = kRfcSecret;
  f.last_step = 37037037;
  f.recovery_hashes = {recovery_hash("AAAAAAAAAAAAAAAA"), recovery_hash("BBBBBBBBBBBBBBBB")};
  const auto back = decode_second_factor(encode_second_factor(f));
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->active);
  EXPECT_EQ(back->secret, f.secret);
  EXPECT_EQ(back->last_step, f.last_step);
  EXPECT_EQ(back->recovery_hashes, f.recovery_hashes);
  f.recovery_hashes.clear();
  f.active = false;
  EXPECT_TRUE(decode_second_factor(encode_second_factor(f))->recovery_hashes.empty());
  EXPECT_FALSE(decode_second_factor("totp1\n1\nabc\n1\n"));
  EXPECT_FALSE(decode_second_factor("garbage"));
  EXPECT_FALSE(decode_second_factor(""));
}

}  // namespace
}  // namespace hoyo::accounts
