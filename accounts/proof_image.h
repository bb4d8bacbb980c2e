// M9: the proof-of-employment upload. Judged by its content only (magic bytes
// and a full decode), never by its file name or declared type; an accepted
// image is re-encoded from its pixels, which drops every metadata segment
// (Exif, GPS, comments) and anything appended after the image.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace hoyo::accounts {

inline constexpr std::size_t kMaxProofBytes = 10 * 1024 * 1024;
inline constexpr int kMaxProofSide = 10000;                 // pixels, either side
inline constexpr long kMaxProofPixels = 40L * 1000 * 1000;  // bounds decoding memory
// A progressive JPEG is decoded once per scan: a file of thousands of tiny
// scans (a "scan bomb") costs thousands of passes over the image. Ordinary
// progressive files have about ten; past this many the image is refused.
inline constexpr int kMaxJpegScans = 100;
// The CPU time one decode may take (thread CPU time), whatever the file.
inline constexpr long kMaxDecodeCpuMillis = 3000;

struct ProofImage {
  std::string bytes;       // the re-encoded image
  std::string media_type;  // "image/jpeg" or "image/png"
  int width = 0;
  int height = 0;
};

// kPayloadTooLarge over 10 MiB; kUnsupportedMediaType when the bytes are not a
// complete, decodable JPEG or PNG within the pixel, scan and CPU limits.
base::Result<ProofImage> accept_proof(std::string_view upload);

// "image/jpeg" / "image/png" from magic bytes, or "" (no decode).
const char* sniff_image(std::string_view bytes);

}  // namespace hoyo::accounts
