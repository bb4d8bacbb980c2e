#include "http/static_files.h"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

struct Asset {
  std::string type;
  std::string body;
};

const std::map<std::string, Asset>& assets(const std::string& root) {
  static std::once_flag once;
  static std::map<std::string, Asset> files;
  std::call_once(once, [&] {
    const std::pair<const char*, const char*> names[] = {
        {"index.html", "text/html; charset=utf-8"},
        {"app.js", "text/javascript; charset=utf-8"},
        {"app.css", "text/css; charset=utf-8"}};
    for (const auto& [name, type] : names) {
      std::ifstream in(root + "/" + name, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (in) files[std::string("/") + name] = {type, ss.str()};
    }
  });
  return files;
}

}  // namespace

std::string default_web_root() { return HOYO_WEB_ROOT; }

std::optional<Response> static_file(const Request& req, std::string_view path,
                                    const std::string& web_root) {
  const std::string name = path == "/" ? "/index.html" : std::string(path);
  const auto& files = assets(web_root);
  auto it = files.find(name);
  if (it == files.end()) return std::nullopt;
  if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) return std::nullopt;
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, it->second.type);
  res.body() = it->second.body;
  res.prepare_payload();
  return res;
}

}  // namespace hoyo::http
