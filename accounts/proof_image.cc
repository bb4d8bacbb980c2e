#include "accounts/proof_image.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>  // jpeglib.h needs FILE
// clang-format off
#include <jpeglib.h>
// clang-format on

#include <time.h>

#include <cstring>
#include <memory>
#include <vector>

namespace hoyo::accounts {
namespace {

using base::Error;
using base::ErrorCode;

// An upload refused as an image: the detail says what to attach, the proof
// field's message what was wrong with this one.
Error unsupported(base::MessageId detail, base::MessageId why, base::Args args = {}) {
  Error e{ErrorCode::kUnsupportedMediaType, detail, args};
  e.fields.push_back({"proof", "unsupported_media_type", why, std::move(args)});
  return e;
}

Error undecodable(const char* format, std::string cause) {
  return unsupported(base::MessageId::kImageUnreadable, base::MessageId::kImageFormatUnreadable,
                     {{"format", format}, {"cause", std::move(cause)}});
}

Error too_many_pixels() {
  return unsupported(base::MessageId::kImageTooManyPixelsAttach,
                     base::MessageId::kImageTooManyPixels);
}

bool dimensions_ok(long w, long h) {
  return w > 0 && h > 0 && w <= kMaxProofSide && h <= kMaxProofSide && w * h <= kMaxProofPixels;
}

// libjpeg reports errors through longjmp; every warning (e.g. premature end of
// data in a truncated file) is treated as an error too.
struct JpegError {
  jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_fail(j_common_ptr c) {
  auto* e = reinterpret_cast<JpegError*>(c->err);
  (*c->err->format_message)(c, e->message);
  longjmp(e->jump, 1);
}

void jpeg_warn(j_common_ptr c, int level) {
  if (level < 0) jpeg_fail(c);  // a corrupt-data warning: refuse the image
}

long thread_cpu_millis() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

// libjpeg calls this every few rows of every pass: past the scan limit or
// the CPU budget, the decode ends as an error.
struct JpegBudget {
  jpeg_progress_mgr mgr;
  long started_ms = 0;
};

void jpeg_check_budget(j_common_ptr c) {
  auto* budget = reinterpret_cast<JpegBudget*>(c->progress);
  auto* err = reinterpret_cast<JpegError*>(c->err);
  const char* why = nullptr;
  if (c->is_decompressor &&
      reinterpret_cast<j_decompress_ptr>(c)->input_scan_number > kMaxJpegScans) {
    why = "too many progressive scans";
  } else if (thread_cpu_millis() - budget->started_ms > kMaxDecodeCpuMillis) {
    why = "the image takes too long to decode";
  }
  if (!why) return;
  std::snprintf(err->message, sizeof err->message, "%s", why);
  longjmp(err->jump, 1);
}

base::Result<ProofImage> reencode_jpeg(std::string_view in) {
  ProofImage out;
  out.media_type = "image/jpeg";
  std::vector<unsigned char> pixels;
  int components = 0;
  {
    jpeg_decompress_struct d;
    JpegError err;
    d.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    err.mgr.emit_message = jpeg_warn;
    if (setjmp(err.jump)) {
      jpeg_destroy_decompress(&d);
      return undecodable("JPEG", err.message);
    }
    jpeg_create_decompress(&d);
    JpegBudget budget;
    budget.mgr.progress_monitor = jpeg_check_budget;
    budget.started_ms = thread_cpu_millis();
    d.progress = &budget.mgr;
    jpeg_mem_src(&d, reinterpret_cast<const unsigned char*>(in.data()),
                 static_cast<unsigned long>(in.size()));
    jpeg_read_header(&d, TRUE);
    if (!dimensions_ok(d.image_width, d.image_height)) {
      jpeg_destroy_decompress(&d);
      return too_many_pixels();
    }
    d.out_color_space = d.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&d);
    out.width = static_cast<int>(d.output_width);
    out.height = static_cast<int>(d.output_height);
    components = d.output_components;
    const std::size_t stride = static_cast<std::size_t>(out.width) * components;
    pixels.resize(stride * out.height);
    while (d.output_scanline < d.output_height) {
      JSAMPROW row = pixels.data() + stride * d.output_scanline;
      jpeg_read_scanlines(&d, &row, 1);
    }
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);
  }
  jpeg_compress_struct c;
  JpegError err;
  c.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = jpeg_fail;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(err.jump)) {
    jpeg_destroy_compress(&c);
    free(buffer);
    return Error{ErrorCode::kFailed, base::MessageId::kReencodeFailed, {{"cause", err.message}}};
  }
  jpeg_create_compress(&c);
  jpeg_mem_dest(&c, &buffer, &size);
  c.image_width = static_cast<JDIMENSION>(out.width);
  c.image_height = static_cast<JDIMENSION>(out.height);
  c.input_components = components;
  c.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, 90, TRUE);
  jpeg_start_compress(&c, TRUE);
  const std::size_t stride = static_cast<std::size_t>(out.width) * components;
  while (c.next_scanline < c.image_height) {
    JSAMPROW row = pixels.data() + stride * c.next_scanline;
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  out.bytes.assign(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&c);
  free(buffer);
  return out;
}

base::Result<ProofImage> reencode_png(std::string_view in) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, in.data(), in.size())) {
    return undecodable("PNG", image.message);
  }
  if (!dimensions_ok(image.width, image.height)) {
    png_image_free(&image);
    return too_many_pixels();
  }
  image.format = (image.format & PNG_FORMAT_FLAG_ALPHA) ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
    std::string why = image.message;
    png_image_free(&image);
    return undecodable("PNG", why);
  }
  ProofImage out;
  out.media_type = "image/png";
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  png_alloc_size_t size = 0;
  if (!png_image_write_get_memory_size(image, size, 0, pixels.data(), 0, nullptr)) {
    return Error{ErrorCode::kFailed, base::MessageId::kReencodeFailed, {{"cause", image.message}}};
  }
  out.bytes.resize(size);
  if (!png_image_write_to_memory(&image, out.bytes.data(), &size, 0, pixels.data(), 0, nullptr)) {
    return Error{ErrorCode::kFailed, base::MessageId::kReencodeFailed, {{"cause", image.message}}};
  }
  out.bytes.resize(size);
  return out;
}

}  // namespace

const char* sniff_image(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xff\xd8\xff") return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    return "image/png";
  }
  return "";
}

base::Result<ProofImage> accept_proof(std::string_view upload) {
  if (upload.size() > kMaxProofBytes) {
    Error e{ErrorCode::kPayloadTooLarge, base::MessageId::kProofTooLarge};
    e.fields.push_back({"proof", "payload_too_large", base::MessageId::kFileOver10MB, {}});
    return e;
  }
  const std::string_view type = sniff_image(upload);
  if (type == "image/jpeg") return reencode_jpeg(upload);
  if (type == "image/png") return reencode_png(upload);
  return unsupported(base::MessageId::kOnlyJpegOrPng, base::MessageId::kNotJpegOrPng);
}

}  // namespace hoyo::accounts
