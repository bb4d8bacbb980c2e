// hoyoctl: operator and auditor tools, on a stopped data directory
// (--data-dir) or, for every command that has a route, a running hoyod
// (--server with a staff login). `hoyoctl --help` lists the commands and
// `hoyoctl COMMAND --help` explains one; docs/operations.md has a section on
// each. Exit codes: 0 done, 1 a check found a fault (or the work failed),
// 2 bad usage.
#include <iostream>
#include <string>
#include <vector>

#include "base/log.h"
#include "tools/hoyoctl_backup.h"
#include "tools/hoyoctl_cli.h"
#include "tools/hoyoctl_errors.h"
#include "tools/hoyoctl_export.h"
#include "tools/hoyoctl_history.h"
#include "tools/hoyoctl_log.h"
#include "tools/hoyoctl_operator.h"
#include "tools/hoyoctl_rebuild.h"

namespace {

using namespace hoyo::tools;

// Every command.
const Command kCommands[] = {
    {"verify", "verify [--from POSITION]",
     "Checks the log's positions, stream versions and hash chain: exit 0 intact, 1 a fault "
     "(printed with its position). From a position, trusts what lies before it.",
     verify_command},
    {"head", "head", "Prints the last position and its chain hash.", head_command},
    {"history", "history (user N | reservation N | facility ID | lottery ID)",
     "Every event about a subject, in log order, with its position, time, actor and a summary "
     "(the auditors' console's history; --server needs an auditor's login). Also registration ID "
     "and operator LOGIN.",
     history_command},
    {"replay", "replay --at POSITION|TIME (user N | reservation N | vacancy FACILITY YYYY-MM)",
     "The state as it was at a position of the log, or at a time (the last position recorded by "
     "then): a user's reservations and applications, a reservation, or a facility's vacancy for "
     "a month (the auditors' console's replay; --server needs an auditor's login).",
     replay_command},
    {"export", "export reservations|applications|events [--from X] [--to Y] [--bom] [-o FILE]",
     "Writes CSV (--format csv, the default: CRLF rows, cells neutralised against formulas, a "
     "UTF-8 BOM with --bom for Excel) or JSON lines (--format jsonl). Reservations and "
     "applications are the operators' console's exports (--server needs an operator's login); "
     "events is the log (an auditor's).",
     export_command},
    {"redraw", "redraw LOTTERY_ID",
     "Re-runs a lottery's draw from the log alone: exit 0 identical, 1 the first difference, "
     "2 never drawn.",
     redraw_command},
    {"rebuild", "rebuild NAME|all",
     "Rebuilds projections from the log and stores their checkpoints (hoyod stopped), or has "
     "the running hoyod rebuild them while it serves (--server, an operator's login).",
     rebuild_command},
    {"operator", "operator add|list|disable|reset-totp [--login L] [--role operator|auditor|admin]",
     "Staff accounts: add (the password is read twice from stdin), list, disable (ends its "
     "sessions; never the last enabled admin), reset-totp (removes a lost second factor). With "
     "--server, an administrator's login: stdin holds the administrator's password first, then "
     "the new account's twice.",
     operator_command},
    {"demo-data", "demo-data",
     "Fills an EMPTY data directory with the demo facilities, lottery, operators and users "
     "(README lists the logins).",
     demo_data_command},
    {"backup", "backup DEST",
     "Copies the data directory into DEST (new): with --server, the running hoyod makes the "
     "backup (an operator's login) and hoyoctl downloads it; with --data-dir (hoyod stopped), "
     "hoyoctl makes it. The security key file is never in a backup: keep it apart.",
     backup_command},
    {"restore", "restore SRC DIR [--key-file K]",
     "Restores the backup SRC into DIR (missing or empty) and checks it: the chain verifies, the "
     "log ends at the backup's position and hash, and the key file (K, else "
     "HOYO_SECURITY_KEY_FILE, else DIR.key) opens its sealed data. A failure removes the copy.",
     restore_command},
    {"leave-cluster", "leave-cluster DIR",
     "Makes a stopped cluster node's directory (or its restored backup) a single node's: clears "
     "its cluster mark, so that hoyod runs it without cluster mode and the commands that write "
     "work on it. It never follows its stream again.",
     leave_cluster_command},
};

void print_usage(std::ostream& out, const po::options_description& global) {
  out << "usage: hoyoctl (--data-dir DIR | --server URL --staff LOGIN) [OPTIONS] COMMAND ...\n\n"
         "commands:\n";
  Table t;
  for (const Command& c : kCommands) t.add({"  " + std::string(c.synopsis)});
  out << t.str() << "\n"
      << global
      << "\n'hoyoctl COMMAND --help' explains a command. Exit codes: 0 done, 1 a check found a "
         "fault (or the work failed), 2 bad usage.\n";
}

}  // namespace

int main(int argc, char** argv) {
  // The command's output is its answer; the libraries' info lines (a
  // restore's timings, say) would only be noise in it. Warnings still show.
  hoyo::base::set_info_lines(false);
  Global g;
  std::string lang = "en";
  po::options_description global("options (before or after the command)");
  global.add_options()("data-dir", po::value(&g.data_dir), "a stopped data directory")(
      "server", po::value(&g.server),
      "a running hoyod, as http://HOST:PORT or https://HOST (every command but restore and "
      "demo-data)")("staff", po::value(&g.staff),
                    "--server: the staff login; its password is read from stdin")(
      "totp", po::value(&g.totp), "--server: the authenticator's code, where the login has one")(
      "format", po::value(&g.format), "table or json (export: csv or jsonl)")(
      "lang", po::value(&lang), "the language of error messages: en (default) or ja");
  po::positional_options_description rest;
  rest.add("command", -1);
  po::options_description all;
  all.add(global).add_options()("command", po::value<std::vector<std::string>>());
  std::vector<std::string> args;
  try {
    po::parsed_options parsed = po::command_line_parser(argc, argv)
                                    .options(all)
                                    .positional(rest)
                                    .style(kStyle)
                                    .allow_unregistered()
                                    .run();
    po::variables_map vm;
    po::store(parsed, vm);
    po::notify(vm);
    args = po::collect_unrecognized(parsed.options, po::include_positional);
  } catch (const po::error& e) {
    std::cerr << "hoyoctl: " << e.what() << "\n";
    print_usage(std::cerr, global);
    return kExitUsage;
  }
  if (lang != "en" && lang != "ja") {
    std::cerr << "hoyoctl: --lang must be en or ja\n";
    return kExitUsage;
  }
  set_japanese(lang == "ja");
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(args.empty() ? std::cerr : std::cout, global);
    return args.empty() ? kExitUsage : kExitOk;
  }
  for (const Command& c : kCommands) {
    if (args[0] != c.name) continue;
    try {
      return c.run(c, g, std::vector<std::string>(args.begin() + 1, args.end()));
    } catch (const std::exception& e) {
      // A server's answer without a member the command reads (another
      // version's), or the like: the work failed, nothing to crash on.
      std::cerr << "hoyoctl " << c.name << ": " << e.what() << "\n";
      return kExitFault;
    }
  }
  std::cerr << "hoyoctl: no command " << args[0] << "\n";
  print_usage(std::cerr, global);
  return kExitUsage;
}
