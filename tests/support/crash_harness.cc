#include "crash_harness.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace hoyo::testing {

std::vector<std::string> run_and_kill(const std::string& program,
                                      const std::vector<std::string>& args, std::size_t record_size,
                                      std::mt19937& rng, int max_run_micros) {
  int pipefd[2];
  EXPECT_EQ(pipe(pipefd), 0);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], STDOUT_FILENO);
    close(pipefd[0]);
    close(pipefd[1]);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  close(pipefd[1]);
  std::vector<std::string> records;
  std::string buffer;
  auto read_some = [&] {
    // A child that reports nothing for 30 s is stuck: fail rather than hang.
    pollfd pfd{pipefd[0], POLLIN, 0};
    if (poll(&pfd, 1, 30000) <= 0) {
      ADD_FAILURE() << program << " reported nothing for 30 s";
      kill(pid, SIGKILL);
      return false;
    }
    char chunk[4096];
    const ssize_t n = read(pipefd[0], chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::size_t off = 0;
    for (; off + record_size <= buffer.size(); off += record_size) {
      records.push_back(buffer.substr(off, record_size));
    }
    buffer.erase(0, off);
    return true;
  };
  while (records.empty() && read_some()) {
  }
  const auto run_for = std::chrono::microseconds(rng() % static_cast<unsigned>(max_run_micros));
  std::thread killer([pid, run_for] {
    std::this_thread::sleep_for(run_for);
    kill(pid, SIGKILL);
  });
  while (read_some()) {
  }
  killer.join();
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << program << " ended on its own: status " << status;
  return records;
}

int crash_cycles(int fallback) {
  const char* env = std::getenv("HOYO_CRASH_CYCLES");
  return env ? std::atoi(env) : fallback;
}

}  // namespace hoyo::testing
