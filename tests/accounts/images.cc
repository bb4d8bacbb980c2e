#include "images.h"

#include <png.h>
#include <stdio.h>
// clang-format off
#include <jpeglib.h>
// clang-format on

#include <cstdlib>
#include <cstring>
#include <functional>
#include <random>
#include <vector>

namespace hoyo::accounts::testing {

std::string make_jpeg(int w, int h, const std::string& comment) {
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &buffer, &size);
  c.image_width = w;
  c.image_height = h;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_start_compress(&c, TRUE);
  if (!comment.empty()) {
    jpeg_write_marker(&c, JPEG_COM, reinterpret_cast<const JOCTET*>(comment.data()),
                      static_cast<unsigned>(comment.size()));
  }
  std::vector<unsigned char> row(w * 3);
  while (c.next_scanline < c.image_height) {
    for (int x = 0; x < w; ++x) {
      row[3 * x] = static_cast<unsigned char>(x * 7);
      row[3 * x + 1] = static_cast<unsigned char>(c.next_scanline * 5);
      row[3 * x + 2] = 128;
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&c);
  free(buffer);
  return out;
}

namespace {

// Encodes a w x h gradient with `script` (empty: libjpeg's progressive default).
std::string progressive_jpeg(int w, int h, const std::vector<jpeg_scan_info>& script) {
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &buffer, &size);
  c.image_width = w;
  c.image_height = h;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_simple_progression(&c);
  if (!script.empty()) {
    c.scan_info = script.data();
    c.num_scans = static_cast<int>(script.size());
  }
  jpeg_start_compress(&c, TRUE);
  std::vector<unsigned char> row(w * 3);
  while (c.next_scanline < c.image_height) {
    for (int x = 0; x < w; ++x) {
      row[3 * x] = static_cast<unsigned char>(x * 7 + c.next_scanline);
      row[3 * x + 1] = static_cast<unsigned char>(c.next_scanline * 5);
      row[3 * x + 2] = static_cast<unsigned char>(x ^ c.next_scanline);
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  std::string out(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&c);
  free(buffer);
  return out;
}

}  // namespace

std::string make_scan_bomb_jpeg(int w, int h) {
  std::vector<jpeg_scan_info> script;
  jpeg_scan_info dc{};
  dc.comps_in_scan = 3;
  for (int i = 0; i < 3; ++i) dc.component_index[i] = i;
  script.push_back(dc);  // Ss = Se = Ah = Al = 0
  for (int comp = 0; comp < 3; ++comp) {
    for (int k = 1; k <= 63; ++k) {
      for (int al = 9; al >= 0; --al) {
        jpeg_scan_info s{};
        s.comps_in_scan = 1;
        s.component_index[0] = comp;
        s.Ss = k;
        s.Se = k;
        s.Ah = al == 9 ? 0 : al + 1;
        s.Al = al;
        script.push_back(s);
      }
    }
  }
  return progressive_jpeg(w, h, script);
}

std::string make_progressive_jpeg(int w, int h) { return progressive_jpeg(w, h, {}); }

namespace {
void append(png_structp png, png_bytep data, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), n);
}
void no_flush(png_structp) {}
}  // namespace

namespace {
// A w x h RGB PNG whose rows `fill` writes (3 bytes a pixel); with `text`, a
// tEXt chunk carrying it.
std::string write_png(int w, int h, const std::string& text,
                      const std::function<void(int y, std::vector<unsigned char>& row)>& fill) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &out, append, no_flush);
  png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_text t{};
  std::string key = "Comment";
  if (!text.empty()) {
    t.compression = PNG_TEXT_COMPRESSION_NONE;
    t.key = key.data();
    t.text = const_cast<char*>(text.c_str());
    png_set_text(png, info, &t, 1);
  }
  png_write_info(png, info);
  std::vector<unsigned char> row(w * 3);
  for (int y = 0; y < h; ++y) {
    fill(y, row);
    png_write_row(png, row.data());
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}
}  // namespace

std::string make_png(int w, int h, const std::string& text) {
  return write_png(w, h, text, [w](int y, std::vector<unsigned char>& row) {
    for (int x = 0; x < w; ++x) {
      row[3 * x] = static_cast<unsigned char>(x);
      row[3 * x + 1] = static_cast<unsigned char>(y);
      row[3 * x + 2] = 200;
    }
  });
}

std::string make_noise_png(int w, int h, unsigned seed) {
  std::mt19937 random(seed);
  return write_png(w, h, {}, [&random](int, std::vector<unsigned char>& row) {
    for (unsigned char& b : row) b = static_cast<unsigned char>(random());
  });
}

}  // namespace hoyo::accounts::testing
