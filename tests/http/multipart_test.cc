// multipart/form-data: fields and a binary file come back as sent; anything
// malformed is refused whole.
#include "http/codec/multipart.h"

#include <gtest/gtest.h>

namespace hoyo::http {
namespace {

const std::string kBoundary = "----hoyo7MA4YWxkTrZu0gW";

std::string part(const std::string& name, const std::string& data,
                 const std::string& filename = {}) {
  std::string out = "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
  if (!filename.empty()) out += "; filename=\"" + filename + "\"\r\nContent-Type: image/png";
  return out + "\r\n\r\n" + data + "\r\n";
}

TEST(Multipart, BoundaryComesFromTheContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("application/json"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST(Multipart, FieldsAndABinaryFileComeBackAsSent) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\r\n--not-the-boundary", 29);
  const std::string body = "preamble\r\n" + part("nameKanji", "港 花子") +
                           part("proof", png, "shoumei.png") + part("empty", "") + "--" +
                           kBoundary + "--\r\n";
  auto parts = parse_multipart(body, kBoundary);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "nameKanji");
  EXPECT_EQ((*parts)[0].data, "港 花子");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[1].name, "proof");
  EXPECT_EQ((*parts)[1].filename, "shoumei.png");
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[1].data, png);
  EXPECT_EQ((*parts)[2].data, "");
}

TEST(Multipart, MalformedBodiesAreRefusedWhole) {
  const std::string ok = part("a", "1") + "--" + kBoundary + "--";
  EXPECT_TRUE(parse_multipart(ok, kBoundary));
  // No closing delimiter; no Content-Disposition; a part without a name; no
  // blank line after the headers; a header line without a colon.
  EXPECT_FALSE(parse_multipart(part("a", "1"), kBoundary));
  EXPECT_FALSE(
      parse_multipart("--" + kBoundary + "\r\nX: y\r\n\r\n1\r\n--" + kBoundary + "--", kBoundary));
  EXPECT_FALSE(parse_multipart(
      "--" + kBoundary + "\r\nContent-Disposition: form-data\r\n\r\n1\r\n--" + kBoundary + "--",
      kBoundary));
  EXPECT_FALSE(
      parse_multipart("--" + kBoundary + "\r\nContent-Disposition: form-data; name=a", kBoundary));
  EXPECT_FALSE(parse_multipart("--" + kBoundary + "\r\nbroken\r\n\r\n1\r\n--" + kBoundary + "--",
                               kBoundary));
  EXPECT_FALSE(parse_multipart("no delimiter at all", kBoundary));
  // More parts than allowed.
  std::string many;
  for (int i = 0; i < 40; ++i) many += part("f" + std::to_string(i), "x");
  EXPECT_FALSE(parse_multipart(many + "--" + kBoundary + "--", kBoundary));
}

}  // namespace
}  // namespace hoyo::http
