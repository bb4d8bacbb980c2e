// A temporary directory for a test, removed with its contents afterwards.
#pragma once

#include <string>

namespace hoyo::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents on
// destruction, with the key file beside it (PATH.key) when a data directory
// made one.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace hoyo::testing
