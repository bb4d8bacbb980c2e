// multipart/form-data (RFC 7578) for the registration upload: splits a
// buffered body into its parts. Strict: a malformed body is refused whole.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoyo::http {

struct FormPart {
  std::string name;
  std::optional<std::string> filename;  // set for a file part
  std::string content_type;             // as declared; never trusted for files
  std::string_view data;                // points into the body
};

struct MultipartLimits {
  std::size_t max_parts = 32;
  std::size_t max_header_bytes = 1024;  // per part
};

// The boundary of a multipart/form-data Content-Type, or nullopt when the
// type is another or has no usable boundary.
std::optional<std::string> multipart_boundary(std::string_view content_type);
// The parts of `body`, or nullopt when it is not well-formed multipart.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body,
                                                     std::string_view boundary,
                                                     MultipartLimits limits = {});

}  // namespace hoyo::http
