#include "bench/bench_dir.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace hoyo::bench {

BenchDir::BenchDir(const std::string& parent, bool keep) : keep_(keep) {
  std::string base = parent;
  if (base.empty()) {
    const char* t = std::getenv("TMPDIR");
    base = t && *t ? t : "/var/tmp";
  }
  std::string pattern = base + "/hoyo-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed in " + base);
  path_ = pattern;
}

BenchDir::~BenchDir() {
  if (keep_) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace hoyo::bench
