#include "files_containing.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace hoyo::testing {

std::vector<std::string> files_containing(const std::string& dir, std::string_view needle) {
  std::vector<std::string> found;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) found.push_back(it->path().string());
  }
  return found;
}

}  // namespace hoyo::testing
