// hoyoctl's command line: the options every command shares, the exit codes,
// one parser for each command's own options (Boost.Program_options, with
// --help), and the two output forms of data (a table, JSON).
#pragma once

#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hoyo::tools {

namespace po = boost::program_options;

// The parsers' style: no guessing of abbreviations (--to is not --totp).
inline constexpr int kStyle =
    po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

// Exit codes: done; a check found a fault (or the work failed); bad usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFault = 1;
inline constexpr int kExitUsage = 2;

// The options given before or after the command's name.
struct Global {
  std::string data_dir;  // --data-dir: a stopped data directory
  std::string server;    // --server URL: a running hoyod, with a staff login
  std::string staff;     // --staff LOGIN (the password is read from stdin)
  std::string totp;      // --totp CODE, for an account with a second factor
  std::string format;    // --format; "" when not given
};

// A command: its name, its synopsis and summary for the usage texts, and what runs it.
struct Command {
  const char* name;
  const char* synopsis;  // "history (user N | reservation N | facility ID | lottery ID)"
  const char* summary;   // one line
  int (*run)(const Command& self, const Global& global, const std::vector<std::string>& args);
};

// Parses a command's `args` against its `options` (--help is added) and
// `positional`. Returns an exit code to end with: 0 after printing the help
// (to stdout), 2 after printing what was wrong (to stderr); nullopt when
// `vm` holds the options and the command should run.
std::optional<int> parse_command(const Command& command, po::options_description options,
                                 const po::positional_options_description& positional,
                                 const std::vector<std::string>& args, po::variables_map& vm);

// Prints "hoyoctl: MESSAGE" and the hint to run --help; returns 2.
int usage_error(const Command& command, const std::string& message);

// The output form of data: `global.format` if it is one of `allowed`, the
// first of them when not given; nullopt (after a usage message) otherwise.
std::optional<std::string> format_of(const Command& command, const Global& global,
                                     const std::vector<std::string>& allowed);

// Exactly one of --data-dir and --server (`server_too`), or --data-dir
// alone: true, or false after a usage message.
bool check_source(const Command& command, const Global& global, bool server_too);

// Rows of cells printed with their columns aligned (the last one unpadded);
// a cell's width counts East Asian wide characters as two.
class Table {
 public:
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string str() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

// `v` as JSON with a newline; an array puts one element a line.
std::string json_text(const boost::json::value& v);

}  // namespace hoyo::tools
