// A scratch directory for one benchmark run, removed afterwards unless --keep.
#pragma once

#include <string>

namespace hoyo::bench {

class BenchDir {
 public:
  // Creates a fresh directory under `parent` (default $TMPDIR or /var/tmp).
  explicit BenchDir(const std::string& parent = "", bool keep = false);
  ~BenchDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool keep_;
};

}  // namespace hoyo::bench
