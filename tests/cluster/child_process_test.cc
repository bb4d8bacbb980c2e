// tests/support's ChildProcess, which the cluster suites rely on to leave no
// nats-server behind: a process a test started dies with the test, even when
// the test crashes before any destructor could stop it.
#include "child_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "eventually.h"

namespace hoyo::testing {
namespace {

// Gone, or a zombie nobody reaped yet (a container's first process may not).
bool dead(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z';
}

TEST(ChildProcess, AProcessStartedByATestThatCrashesDiesWithIt) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t test = fork();
  ASSERT_GE(test, 0);
  if (test == 0) {  // the "test": starts a server, then crashes
    close(fds[0]);
    auto* server = new ChildProcess({"/bin/sleep", "600"}, "/dev/null");  // never stopped
    const pid_t pid = server->pid();
    if (write(fds[1], &pid, sizeof pid) != sizeof pid) _exit(2);
    _exit(3);
  }
  close(fds[1]);
  pid_t server = 0;
  ASSERT_EQ(read(fds[0], &server, sizeof server), static_cast<ssize_t>(sizeof server));
  close(fds[0]);
  waitpid(test, nullptr, 0);
  EXPECT_TRUE(eventually([&] { return dead(server); })) << "the server outlived its test";
  if (!dead(server)) kill(server, SIGKILL);
}

}  // namespace
}  // namespace hoyo::testing
