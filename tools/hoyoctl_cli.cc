#include "tools/hoyoctl_cli.h"

#include <algorithm>
#include <iostream>
#include <sstream>

namespace hoyo::tools {

std::optional<int> parse_command(const Command& command, po::options_description options,
                                 const po::positional_options_description& positional,
                                 const std::vector<std::string>& args, po::variables_map& vm) {
  options.add_options()("help,h", "this help");
  try {
    po::store(
        po::command_line_parser(args).options(options).positional(positional).style(kStyle).run(),
        vm);
    if (vm.count("help")) {
      std::cout << "usage: hoyoctl (--data-dir DIR | --server URL --staff LOGIN) [--format F] "
                   "[--lang en|ja]\n               "
                << command.synopsis << "\n\n"
                << command.summary << "\n\n"
                << options;
      return kExitOk;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    return usage_error(command, e.what());
  }
  return std::nullopt;
}

int usage_error(const Command& command, const std::string& message) {
  std::cerr << "hoyoctl " << command.name << ": " << message << "\n"
            << "usage: hoyoctl [OPTIONS] " << command.synopsis << "\n"
            << "(hoyoctl " << command.name << " --help says more)\n";
  return kExitUsage;
}

std::optional<std::string> format_of(const Command& command, const Global& global,
                                     const std::vector<std::string>& allowed) {
  if (global.format.empty()) return allowed.front();
  if (std::find(allowed.begin(), allowed.end(), global.format) != allowed.end()) {
    return global.format;
  }
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : "|") + a;
  usage_error(command, "--format must be " + list);
  return std::nullopt;
}

bool check_source(const Command& command, const Global& global, bool server_too) {
  if (!server_too && !global.server.empty()) {
    usage_error(command, "works on a stopped data directory only: give --data-dir, not --server");
    return false;
  }
  if (global.data_dir.empty() == global.server.empty()) {
    usage_error(command, server_too ? "give --data-dir DIR or --server URL (one of them)"
                                    : "give --data-dir DIR");
    return false;
  }
  if (!global.server.empty() && global.staff.empty()) {
    usage_error(command, "--server needs --staff LOGIN (the password is read from stdin)");
    return false;
  }
  return true;
}

namespace {

// Display columns of UTF-8 text: East Asian wide characters count two.
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    // Three- and four-byte sequences from U+1100 up are the CJK ranges here.
    w += len >= 3 ? 2 : 1;
    i += len;
  }
  return w;
}

}  // namespace

std::string Table::str() const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - width(row[i]) + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string json_text(const boost::json::value& v) {
  if (!v.is_array() || v.as_array().empty()) return boost::json::serialize(v) + "\n";
  std::string out = "[\n";
  const auto& a = v.as_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    out += boost::json::serialize(a[i]);
    out += i + 1 < a.size() ? ",\n" : "\n";
  }
  return out + "]\n";
}

}  // namespace hoyo::tools
