// A stopped data directory with known events, on a settable clock, for the
// hoyoctl suites: the seaside facility (2 rooms), a March 2027 lottery, two
// bookings for February 2027 (one by a user whose number starts a formula),
// one cancelled, and two lottery applications. Positions:
//   1 RegisterFacility  2 OpenLottery  3 book A (10000012)  4 book B (=1+2)
//   5 apply 10000012     6 apply =1+2    7 cancel A
#pragma once

#include <string>
#include <vector>

#include "processor_fixture.h"
#include "hoyod_process.h"
#include "temp_dir.h"

namespace hoyo::tools::testing {

inline const std::string kUser = "10000012";
inline const std::string kFormulaUser = "=1+2";  // a CSV cell a spreadsheet would run

class HoyoctlTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // hoyoctl --data-dir DIR ARGS...: its exit status, stdout and stderr.
  ::hoyo::testing::ProgramRun run(std::vector<std::string> args, const std::string& input = "");
  // hoyoctl ARGS... with no --data-dir.
  ::hoyo::testing::ProgramRun bare(std::vector<std::string> args, const std::string& input = "");

  ::hoyo::testing::TempDir tmp_;
  std::string dir_;
  std::string booked_a_, booked_b_;  // reservation numbers
};

}  // namespace hoyo::tools::testing
