// A stopped data directory with known events, on a settable clock, for the
// hoyoctl suites: the seaside facility (2 rooms), a March 2027 lottery under
// the two-party rule, two bookings for February 2027 (one by a user whose
// number a spreadsheet would take for a formula), one of them cancelled, and
// two lottery applications. Positions:
//   1 FacilityRegistered   2 LotteryOpened   3 OperatorAdded (the auditor)
//   4 LotteryAuditorCommitted   5 book kBookedA (10000012)   6 book kBookedB (=1+2)
//   7 apply 10000012   8 apply =1+2   9 cancel kBookedA (at 09:30)
#pragma once

#include <string>
#include <vector>

#include "hoyod_process.h"
#include "processor_fixture.h"
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

  // `text` with what differs from run to run named: a chain hash (it covers
  // random event ids) as HASH, the reservation numbers as <A> and <B>, the
  // application ids as <APPLIED-1> and <APPLIED-2>.
  std::string golden(std::string text) const;

  ::hoyo::testing::TempDir tmp_;
  std::string dir_;
  std::string booked_a_, booked_b_;   // the reservations of kUser and kFormulaUser
  std::vector<std::string> applied_;  // their lottery applications
};

}  // namespace hoyo::tools::testing
