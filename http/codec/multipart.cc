#include "http/codec/multipart.h"

#include <algorithm>
#include <cctype>

namespace hoyo::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of `param` in a header like `form-data; name="x"; filename="y"`.
std::optional<std::string> header_param(std::string_view header, std::string_view param) {
  std::size_t at = header.find(';');
  while (at != std::string_view::npos) {
    std::string_view rest = trim(header.substr(at + 1));
    const std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string key = lower(trim(rest.substr(0, eq)));
    std::string_view value = rest.substr(eq + 1);
    std::string out;
    std::size_t used = 0;
    if (!value.empty() && value.front() == '"') {
      std::size_t i = 1;
      for (; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        out += value[i];
      }
      if (i >= value.size()) return std::nullopt;  // unterminated quote
      used = i + 1;
    } else {
      used = std::min(value.find(';'), value.size());
      out = std::string(trim(value.substr(0, used)));
    }
    if (key == param) return out;
    const std::size_t next = value.find(';', used);
    if (next == std::string_view::npos) return std::nullopt;
    at = static_cast<std::size_t>(value.data() + next - header.data());
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const std::string type = lower(trim(content_type.substr(0, content_type.find(';'))));
  if (type != "multipart/form-data") return std::nullopt;
  auto b = header_param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  return b;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body,
                                                     std::string_view boundary,
                                                     MultipartLimits limits) {
  const std::string delimiter = "--" + std::string(boundary);
  // The body starts with the first delimiter (a preamble is allowed before it).
  std::size_t at = body.find(delimiter);
  if (at == std::string_view::npos) return std::nullopt;
  std::vector<FormPart> parts;
  const std::string next_delimiter = "\r\n" + delimiter;
  for (;;) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the close delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    if (parts.size() == limits.max_parts) return std::nullopt;
    const std::size_t head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos || head_end - at > limits.max_header_bytes) {
      return std::nullopt;
    }
    FormPart part;
    bool disposition = false;
    std::string_view headers = body.substr(at, head_end - at);
    while (!headers.empty()) {
      const std::size_t eol = std::min(headers.find("\r\n"), headers.size());
      const std::string_view line = headers.substr(0, eol);
      headers.remove_prefix(std::min(eol + 2, headers.size()));
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      const std::string name = lower(trim(line.substr(0, colon)));
      const std::string_view value = trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        if (lower(trim(value.substr(0, value.find(';')))) != "form-data") return std::nullopt;
        auto n = header_param(value, "name");
        if (!n || n->empty()) return std::nullopt;
        part.name = *n;
        part.filename = header_param(value, "filename");
        disposition = true;
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!disposition) return std::nullopt;
    const std::size_t data_start = head_end + 4;
    const std::size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) return std::nullopt;
    part.data = body.substr(data_start, data_end - data_start);
    parts.push_back(std::move(part));
    at = data_end + 2;
  }
}

}  // namespace hoyo::http
