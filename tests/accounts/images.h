// Test images made with the same Debian libraries the server decodes with.
#pragma once

#include <string>

namespace hoyo::accounts::testing {

// A w x h RGB JPEG; with `comment`, a COM segment carrying it (metadata that
// re-encoding must drop).
std::string make_jpeg(int w, int h, const std::string& comment = {});
// A w x h RGB PNG; with `text`, a tEXt chunk carrying it.
std::string make_png(int w, int h, const std::string& text = {});

}  // namespace hoyo::accounts::testing
