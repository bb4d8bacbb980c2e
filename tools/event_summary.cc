#include "tools/event_summary.h"

namespace hoyo::tools {
namespace {

namespace json = boost::json;

void flatten(const json::object& o, std::string& out) {
  for (const auto& [key, value] : o) {
    if (value.is_object()) {
      flatten(value.as_object(), out);
      continue;
    }
    std::string text;
    if (value.is_array()) {
      for (const json::value& e : value.as_array()) {
        if (!text.empty()) text += ",";
        text += e.is_structured() ? json::serialize(e) : scalar_text(e);
      }
      if (text.empty()) continue;  // an empty list says nothing
    } else {
      text = scalar_text(value);
    }
    out += " ";
    out.append(key.data(), key.size());
    out += "=" + text;
  }
}

}  // namespace

std::string scalar_text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "-";
  return json::serialize(v);
}

std::string event_summary(const json::object& line) {
  std::string out;
  if (auto* t = line.if_contains("type")) out = scalar_text(*t);
  out += ":";
  if (auto* d = line.if_contains("data"); d && d->is_object()) flatten(d->as_object(), out);
  return out;
}

}  // namespace hoyo::tools
