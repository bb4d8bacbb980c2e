#include "hoyod_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

namespace hoyo::load {
namespace {

std::vector<char*> argv_of(const std::vector<std::string>& args) {
  std::vector<char*> v;
  for (const auto& a : args) v.push_back(const_cast<char*>(a.c_str()));
  v.push_back(nullptr);
  return v;
}

std::uint64_t file_size(const std::string& path) {
  struct stat st{};
  return stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

std::string read_from(const std::string& path, std::uint64_t offset) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::unique_ptr<Hoyod> Hoyod::start(const HoyodOptions& o, std::string* error) {
  std::vector<std::string> args = {o.binary,    "--data-dir", o.data_dir, "--listen",
                                   "127.0.0.1:0", "--threads",  std::to_string(o.threads),
                                   "--test-clock"};
  if (!o.config.empty()) {
    args.push_back("--config");
    args.push_back(o.config);
  }
  if (o.demo_data) args.push_back("--demo-data");
  const std::uint64_t offset = file_size(o.log);
  const int log_fd = open(o.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    *error = "cannot open " + o.log;
    return nullptr;
  }
  auto argv = argv_of(args);
  const pid_t pid = fork();
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execv(o.binary.c_str(), argv.data());
    _exit(127);
  }
  close(log_fd);
  if (pid < 0) {
    *error = "fork failed";
    return nullptr;
  }
  std::unique_ptr<Hoyod> h(new Hoyod());
  h->pid_ = pid;
  static const std::regex listening(
      R"re("msg":"listening","url":"http://127\.0\.0\.1:([0-9]+)","position":([0-9]+))re");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string log = read_from(o.log, offset);
    std::smatch m;
    if (std::regex_search(log, m, listening)) {
      h->port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
      h->start_position_ = std::stoull(m[2]);
      return h;
    }
    if (!h->running()) {
      *error = "hoyod ended before listening (" + h->end_status() + "): " + log;
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  *error = "hoyod did not listen within 60 s; see " + o.log;
  return nullptr;
}

Hoyod::~Hoyod() {
  if (!reaped_) kill9();
}

bool Hoyod::reap(int options) {
  if (reaped_) return true;
  const pid_t r = waitpid(pid_, &status_, options);
  if (r == pid_) reaped_ = true;
  return reaped_;
}

bool Hoyod::running() { return !reap(WNOHANG); }

bool Hoyod::kill9() {
  if (reaped_) return false;
  ::kill(pid_, SIGKILL);
  reap(0);
  return WIFSIGNALED(status_) && WTERMSIG(status_) == SIGKILL;
}

bool Hoyod::terminate() {
  if (reaped_) return false;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!reap(WNOHANG)) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      reap(0);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return WIFEXITED(status_) && WEXITSTATUS(status_) == 0;
}

std::string Hoyod::end_status() const {
  if (!reaped_) return "running";
  if (WIFEXITED(status_)) return "exit " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) return "signal " + std::to_string(WTERMSIG(status_));
  return "status " + std::to_string(status_);
}

int run_program(const std::vector<std::string>& args, std::string* output) {
  int pipefd[2];
  if (pipe(pipefd) != 0) return -1;
  auto argv = argv_of(args);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], STDOUT_FILENO);
    dup2(pipefd[1], STDERR_FILENO);
    close(pipefd[0]);
    close(pipefd[1]);
    execv(args[0].c_str(), argv.data());
    _exit(127);
  }
  close(pipefd[1]);
  output->clear();
  char chunk[4096];
  for (;;) {
    const ssize_t n = read(pipefd[0], chunk, sizeof chunk);
    if (n <= 0) break;
    output->append(chunk, static_cast<std::size_t>(n));
  }
  close(pipefd[0]);
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace hoyo::load
