// A background thread that throws ends the process at once, loudly, with the
// status a supervisor restarts on; it never terminates silently or leaves the
// process half alive.
#include "base/thread.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hoyo::base {
namespace {

TEST(GuardedThreadDeathTest, AnExceptionEscapingAThreadExitsWithItsStatusAndIsLogged) {
  EXPECT_EXIT(
      {
        std::thread t = start_thread("hoyo-test", [] { throw std::runtime_error("disk on fire"); });
        t.join();
        std::exit(0);  // not reached: the failure ends the process first
      },
      ::testing::ExitedWithCode(kThreadFailedExit),
      R"(\{"level":"fatal","msg":"thread failed","thread":"hoyo-test","error":"disk on fire"\})");
}

TEST(GuardedThreadDeathTest, AnExceptionOfUnknownTypeIsReportedToo) {
  EXPECT_EXIT(
      {
        std::thread t = start_thread("hoyo-test", [] { throw 42; });
        t.join();
        std::exit(0);
      },
      ::testing::ExitedWithCode(kThreadFailedExit), "an exception of unknown type");
}

TEST(GuardedThread, AThreadThatEndsNormallyIsJoinedAsUsual) {
  int ran = 0;
  std::thread t = start_thread("hoyo-test", [&] { ran = 1; });
  t.join();
  EXPECT_EQ(ran, 1);
}

TEST(TerminateLoggerDeathTest, TerminateIsLoggedBeforeTheAbort) {
  EXPECT_DEATH(
      {
        install_terminate_logger();
        std::thread([] { throw std::logic_error("unguarded"); }).join();
      },
      R"("msg":"terminated","error":"unguarded")");
}

}  // namespace
}  // namespace hoyo::base
