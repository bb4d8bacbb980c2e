// Test images made with the same Debian libraries the server decodes with.
#pragma once

#include <string>

namespace hoyo::accounts::testing {

// A w x h RGB JPEG; with `comment`, a COM segment carrying it (metadata that
// re-encoding must drop).
std::string make_jpeg(int w, int h, const std::string& comment = {});
// A w x h progressive RGB JPEG of many valid scans (a "scan bomb"): the DC
// scan, then for each component each AC coefficient alone at successive
// approximation bit 9, refined one bit at a time down to 0 (about 1,900
// scans), each of which a decoder runs over the whole image.
std::string make_scan_bomb_jpeg(int w, int h);
// A w x h progressive RGB JPEG with libjpeg's ordinary scan script (10 scans).
std::string make_progressive_jpeg(int w, int h);
// A w x h RGB PNG; with `text`, a tEXt chunk carrying it.
std::string make_png(int w, int h, const std::string& text = {});
// A w x h RGB PNG of pseudo-random pixels (from `seed`): it does not
// compress, so it is about 3·w·h bytes, and so is its re-encoding.
std::string make_noise_png(int w, int h, unsigned seed);

}  // namespace hoyo::accounts::testing
