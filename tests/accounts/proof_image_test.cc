// M9: proof uploads are judged by their content, never by name or declared type.
#include "accounts/proof_image.h"

#include <gtest/gtest.h>

#include "images.h"

namespace hoyo::accounts {
namespace {

using testing::make_jpeg;
using testing::make_png;

TEST(ProofImage, AJpegIsAcceptedAndReencodedWithoutItsMetadata) {
  const std::string upload = make_jpeg(64, 48, "GPS 35.6581N 139.7414E secret");
  ASSERT_NE(upload.find("GPS 35.6581N"), std::string::npos);
  auto r = accept_proof(upload);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->media_type, "image/jpeg");
  EXPECT_EQ(r->width, 64);
  EXPECT_EQ(r->height, 48);
  EXPECT_EQ(r->bytes.find("GPS 35.6581N"), std::string::npos);
  EXPECT_TRUE(accept_proof(r->bytes).ok());  // what we store decodes again
}

TEST(ProofImage, APngIsAcceptedAndReencodedWithoutItsTextChunks) {
  const std::string upload = make_png(40, 30, "Author: somebody's home address");
  auto r = accept_proof(upload);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->media_type, "image/png");
  EXPECT_EQ(r->width, 40);
  EXPECT_EQ(r->bytes.find("home address"), std::string::npos);
}

TEST(ProofImage, AFileCalledPngThatHoldsAJpegIsJudgedAsTheJpegItIs) {
  // The name and declared type never reach the check: only the bytes do.
  auto r = accept_proof(make_jpeg(16, 16));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->media_type, "image/jpeg");
}

TEST(ProofImage, APdfRenamedJpgIsRefused) {
  const std::string pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";
  auto r = accept_proof(pdf);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnsupportedMediaType);
}

TEST(ProofImage, ATruncatedPngIsRefused) {
  const std::string png = make_png(64, 64);
  auto r = accept_proof(png.substr(0, png.size() / 2));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnsupportedMediaType);
}

TEST(ProofImage, ATruncatedJpegIsRefused) {
  const std::string jpeg = make_jpeg(64, 64);
  auto r = accept_proof(jpeg.substr(0, jpeg.size() / 2));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnsupportedMediaType);
}

TEST(ProofImage, MagicBytesAloneAreNotEnough) {
  auto jpeg = accept_proof(std::string("\xff\xd8\xff\xe0") + std::string(100, 'x'));
  EXPECT_EQ(jpeg.error().code, base::ErrorCode::kUnsupportedMediaType);
  auto png = accept_proof(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'));
  EXPECT_EQ(png.error().code, base::ErrorCode::kUnsupportedMediaType);
}

TEST(ProofImage, TenMebibytesIsTheLimitByTheByte) {
  // Exactly 10 MiB is judged by content (and fails as a non-image); one byte
  // more is refused for its size before any decoding.
  std::string at_limit(kMaxProofBytes, 'x');
  EXPECT_EQ(accept_proof(at_limit).error().code, base::ErrorCode::kUnsupportedMediaType);
  std::string over = make_jpeg(8, 8);
  over.resize(kMaxProofBytes + 1, '\0');
  EXPECT_EQ(accept_proof(over).error().code, base::ErrorCode::kPayloadTooLarge);
}

TEST(ProofImage, AnImageOfAbsurdDimensionsIsRefusedBeforeDecoding) {
  // A valid PNG header claiming 20000 x 20000 pixels.
  std::string png = make_png(1, 1);
  auto put_be32 = [&](std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) png[at + i] = static_cast<char>(v >> (24 - 8 * i));
  };
  put_be32(16, 20000);
  put_be32(20, 20000);
  auto r = accept_proof(png);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnsupportedMediaType);
}

// A progressive JPEG of ~1,900 valid scans decodes in ~1,900 passes: it is
// refused at the scan limit instead of holding a thread for seconds.
TEST(ProofImage, AProgressiveScanBombIsRefusedAtTheScanLimit) {
  const std::string bomb = testing::make_scan_bomb_jpeg(256, 256);
  ASSERT_EQ(sniff_image(bomb), std::string("image/jpeg"));
  auto r = accept_proof(bomb);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnsupportedMediaType);
  EXPECT_EQ(base::arg_text(r.error().args, "cause"), "too many progressive scans") << r.error();
}

// An ordinary progressive JPEG (libjpeg's ten-scan script) is still accepted.
TEST(ProofImage, AnOrdinaryProgressiveJpegIsAccepted) {
  auto r = accept_proof(testing::make_progressive_jpeg(320, 240));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->width, 320);
  EXPECT_EQ(r->height, 240);
}

}  // namespace
}  // namespace hoyo::accounts
