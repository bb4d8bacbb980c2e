// hoyoctl export reservations|applications|events: the operators' CSV
// exports (O6) and the log (A2) for spreadsheets and scripts, as CSV (CRLF,
// cells neutralised against formulas, a UTF-8 BOM with --bom, which Excel in
// Japan needs to read UTF-8) or JSON lines. From a stopped data directory
// through the same functions as the console's routes, or from a running
// hoyod (--server) through those routes.
#pragma once

#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

int export_command(const Command& self, const Global& global, const std::vector<std::string>& args);

}  // namespace hoyo::tools
