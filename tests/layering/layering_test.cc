// The dependency rule, checked on every source file's #include lines: each
// folder includes only the folders beneath it (README's layout), nothing
// below http/ includes Beast, nothing outside eventstore/ includes RocksDB
// (the benchmark's raw baselines aside), and http/server/ knows nothing of
// the application above it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Who may include whom, by the first one or two path segments.
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"base", {"base"}},
    {"domain", {"base", "domain"}},
    {"eventstore", {"base", "eventstore"}},
    {"backup", {"base", "eventstore", "backup"}},
    {"cluster", {"base", "eventstore", "cluster"}},
    {"processor", {"base", "domain", "eventstore", "processor"}},
    {"accounts", {"base", "domain", "eventstore", "processor", "accounts"}},
    {"projections", {"base", "domain", "eventstore", "projections"}},
    {"http/server", {"base", "http/server"}},
    {"http",
     {"base", "domain", "eventstore", "backup", "processor", "accounts", "projections",
      "http/server", "http"}},
    {"daemon",
     {"base", "domain", "eventstore", "backup", "cluster", "processor", "accounts", "projections",
      "http/server", "http", "daemon"}},
};

// "http/server" for http/server/..., "http" for the rest of http/, else the
// first segment.
std::string area(const std::string& path) {
  if (path.rfind("http/server/", 0) == 0) return "http/server";
  return path.substr(0, path.find('/'));
}

struct Include {
  std::string file;
  std::string target;
};

std::vector<Include> includes_under(const std::string& folder) {
  std::vector<Include> out;
  const fs::path root = fs::path(HOYO_SOURCE_DIR) / folder;
  static const std::regex line(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const std::string ext = e.path().extension().string();
    if (ext != ".h" && ext != ".cc") continue;
    std::ifstream in(e.path());
    std::string text;
    const std::string rel = fs::relative(e.path(), HOYO_SOURCE_DIR).string();
    while (std::getline(in, text)) {
      std::smatch m;
      if (std::regex_search(text, m, line)) out.push_back({rel, m[1].str()});
    }
  }
  return out;
}

TEST(Layering, EachFolderIncludesOnlyWhatIsBeneathIt) {
  std::vector<std::string> breaches;
  for (const char* folder : {"base", "domain", "eventstore", "backup", "cluster", "processor",
                             "accounts", "projections", "http", "daemon"}) {
    for (const Include& i : includes_under(folder)) {
      const std::string from = area(i.file);
      const std::string to = area(i.target);
      if (!kAllowed.count(to) && to != "http/server") continue;  // a system or library header
      const auto& allowed = kAllowed.at(from);
      if (!allowed.count(to)) breaches.push_back(i.file + " includes " + i.target);
    }
  }
  EXPECT_TRUE(breaches.empty()) << [&] {
    std::string s;
    for (const auto& b : breaches) s += b + "\n";
    return s;
  }();
}

TEST(Layering, BeastStaysInHttpAndRocksDbInTheEventStore) {
  std::vector<std::string> breaches;
  for (const char* folder : {"base", "domain", "eventstore", "backup", "cluster", "processor",
                             "accounts", "projections"}) {
    for (const Include& i : includes_under(folder)) {
      if (i.target.rfind("boost/beast", 0) == 0 || i.target.rfind("boost/asio", 0) == 0) {
        breaches.push_back(i.file + " includes " + i.target);
      }
    }
  }
  for (const char* folder : {"base", "domain", "backup", "cluster", "processor", "accounts",
                             "projections", "http", "daemon", "tools/hoyoctl_main.cc"}) {
    if (!fs::exists(fs::path(HOYO_SOURCE_DIR) / folder) ||
        !fs::is_directory(fs::path(HOYO_SOURCE_DIR) / folder)) {
      continue;
    }
    for (const Include& i : includes_under(folder)) {
      if (i.target.rfind("rocksdb/", 0) == 0) breaches.push_back(i.file + " includes " + i.target);
    }
  }
  EXPECT_TRUE(breaches.empty()) << [&] {
    std::string s;
    for (const auto& b : breaches) s += b + "\n";
    return s;
  }();
}

}  // namespace
