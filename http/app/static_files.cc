#include "base/mutex.h"
#include "http/app/static_files.h"

#include <filesystem>
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

const char* type_of(const std::filesystem::path& p) {
  static const std::map<std::string, const char*> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"}};
  auto it = types.find(p.extension().string());
  return it == types.end() ? nullptr : it->second;
}

const std::map<std::string, Asset>& assets(const std::string& root) {
  static base::Mutex mu;
  static std::map<std::string, std::map<std::string, Asset>> by_root;
  base::MutexLock lk(mu);
  auto [it, fresh] = by_root.try_emplace(root);
  if (!fresh) return it->second;
  std::error_code ec;
  for (auto e = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && e != std::filesystem::recursive_directory_iterator(); e.increment(ec)) {
    if (!e->is_regular_file()) continue;
    const char* type = type_of(e->path());
    if (!type) continue;
    std::ifstream in(e->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string rel = "/" + std::filesystem::relative(e->path(), root).generic_string();
    it->second[rel] = {type, ss.str()};
  }
  return it->second;
}

}  // namespace

std::string default_web_root() { return HOYO_WEB_ROOT; }

std::optional<Response> static_file(const Request& req, std::string_view path,
                                    const std::string& web_root) {
  if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) return std::nullopt;
  const auto& files = assets(web_root);
  std::string name(path);
  auto it = files.find(name);
  const bool page = name.find('.', name.rfind('/')) == std::string::npos;
  if (it == files.end() && page) it = files.find("/index.html");
  if (it == files.end()) return std::nullopt;
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, it->second.type);
  res.body() = it->second.body;
  res.prepare_payload();
  return res;
}

}  // namespace hoyo::http
