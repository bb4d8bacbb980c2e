#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace hoyo::testing {

using namespace std::chrono_literals;

namespace {

std::uint64_t file_size(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

std::string read_from(const std::string& path, std::uint64_t offset) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  in.seekg(static_cast<std::streamoff>(offset));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, std::string log) : log_(std::move(log)) {
  log_offset_ = file_size(log_);
  const int log_fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot open " + log_);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ == 0) {
    // A test that crashes (or is killed by ctest's timeout) takes its servers
    // with it. The signal comes when the thread that forked ends: children
    // are started from the test's own thread.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent ended before prctl
    const int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  close(log_fd);
  if (pid_ < 0) throw std::runtime_error("fork failed");
}

ChildProcess::~ChildProcess() { stop(); }

void ChildProcess::reap(int status) {
  pid_ = -1;
  if (WIFEXITED(status)) {
    exit_ = "exited " + std::to_string(WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    exit_ = "killed by signal " + std::to_string(WTERMSIG(status));
  } else {
    exit_ = "ended with status " + std::to_string(status);
  }
}

pid_t ChildProcess::pid() const {
  std::lock_guard lk(mu_);
  return pid_;
}

std::string ChildProcess::exit_description() const {
  std::lock_guard lk(mu_);
  return exit_;
}

bool ChildProcess::alive() {
  std::lock_guard lk(mu_);
  return alive_locked();
}

bool ChildProcess::alive_locked() {
  if (pid_ < 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) reap(status);
  return pid_ >= 0;
}

bool ChildProcess::stop(std::chrono::milliseconds wait) {
  std::unique_lock lk(mu_);
  if (!alive_locked()) return exit_ == "exited 0";
  kill(pid_, SIGCONT);
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (alive_locked() && std::chrono::steady_clock::now() < deadline) {
    lk.unlock();  // others may ask alive() meanwhile
    std::this_thread::sleep_for(5ms);
    lk.lock();
  }
  if (alive_locked()) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    reap(status);
    exit_ += " (SIGKILL after SIGTERM was ignored for " + std::to_string(wait.count()) + " ms)";
  }
  return exit_ == "exited 0";
}

bool ChildProcess::kill9() {
  std::lock_guard lk(mu_);
  if (!alive_locked()) return false;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  reap(status);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

bool ChildProcess::pause() {
  std::lock_guard lk(mu_);
  return alive_locked() && kill(pid_, SIGSTOP) == 0;
}

bool ChildProcess::resume() {
  std::lock_guard lk(mu_);
  return alive_locked() && kill(pid_, SIGCONT) == 0;
}

std::string ChildProcess::log_text() const { return read_from(log_, log_offset_); }

std::string ChildProcess::log_tail(std::size_t max_bytes) const {
  const std::string text = log_text();
  return text.size() <= max_bytes ? text : "..." + text.substr(text.size() - max_bytes);
}

}  // namespace hoyo::testing
