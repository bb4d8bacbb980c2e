#include "hoyod_process.h"

#include <fcntl.h>
#include <signal.h>
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

std::vector<char*> argv_of(const std::vector<std::string>& args) {
  std::vector<char*> v;
  for (const auto& a : args) v.push_back(const_cast<char*>(a.c_str()));
  v.push_back(nullptr);
  return v;
}

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

// The number after `"key":` in `line`, or nullopt-ish -1.
long long number_after(const std::string& line, const std::string& key) {
  const auto at = line.find("\"" + key + "\":");
  if (at == std::string::npos) return -1;
  return std::atoll(line.c_str() + at + key.size() + 3);
}

}  // namespace

HoyodProcess::HoyodProcess(HoyodOptions options) : options_(std::move(options)) {
  std::vector<std::string> args = {options_.binary, "--data-dir", options_.data_dir, "--listen",
                                   "127.0.0.1:0"};
  if (!options_.config.empty()) {
    const std::string config = options_.log + ".json";
    std::ofstream(config) << options_.config;
    args.push_back("--config");
    args.push_back(config);
  }
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  log_offset_ = file_size(options_.log);
  const int log_fd = open(options_.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot open " + options_.log);
  auto argv = argv_of(args);
  pid_ = fork();
  if (pid_ == 0) {
    const int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execv(options_.binary.c_str(), argv.data());
    _exit(127);
  }
  close(log_fd);
  if (pid_ < 0) throw std::runtime_error("fork failed");
  // {"level":"info","msg":"listening","url":"http://127.0.0.1:PORT","position":N,...}
  const std::string url = "\"url\":\"http://127.0.0.1:";
  const auto deadline = std::chrono::steady_clock::now() + options_.listen_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = log_text();
    const auto at = text.find("\"msg\":\"listening\"");
    if (at != std::string::npos) {
      const auto begin = text.rfind('\n', at) + 1;  // npos + 1 == 0
      const auto end = text.find('\n', at);
      if (end != std::string::npos) {  // the whole line is there
        const std::string line = text.substr(begin, end - begin);
        const auto u = line.find(url);
        if (u != std::string::npos) {
          port_ = static_cast<std::uint16_t>(std::stoi(line.substr(u + url.size())));
          start_position_ = static_cast<std::uint64_t>(number_after(line, "position"));
          return;
        }
      }
    }
    if (!alive()) {
      throw std::runtime_error("hoyod " + exit_ + " before listening:\n" + stderr_tail());
    }
    std::this_thread::sleep_for(5ms);
  }
  kill9();
  throw std::runtime_error("hoyod did not listen within " +
                           std::to_string(options_.listen_timeout.count()) + " s:\n" +
                           stderr_tail());
}

HoyodProcess::~HoyodProcess() { stop(); }

void HoyodProcess::reap(int status) {
  pid_ = -1;
  if (WIFEXITED(status)) {
    exit_ = "exited " + std::to_string(WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    exit_ = "killed by signal " + std::to_string(WTERMSIG(status));
  } else {
    exit_ = "ended with status " + std::to_string(status);
  }
}

bool HoyodProcess::alive() {
  if (pid_ < 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) reap(status);
  return pid_ >= 0;
}

bool HoyodProcess::stop(std::chrono::milliseconds wait) {
  if (!alive()) return exit_ == "exited 0";
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (alive() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  if (alive()) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    reap(status);
    exit_ += " (SIGKILL after SIGTERM was ignored for " + std::to_string(wait.count()) + " ms)";
  }
  return exit_ == "exited 0";
}

bool HoyodProcess::kill9() {
  if (!alive()) return false;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  reap(status);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

std::string HoyodProcess::log_text() const { return read_from(options_.log, log_offset_); }

std::string HoyodProcess::stderr_tail(std::size_t max_bytes) const {
  const std::string text = log_text();
  return text.size() <= max_bytes ? text : "..." + text.substr(text.size() - max_bytes);
}

int run_program(const std::vector<std::string>& args, std::string* output,
                const std::string& input) {
  int pipefd[2];
  int infd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) return -1;
  if (pipe2(infd, O_CLOEXEC) != 0) return -1;
  auto argv = argv_of(args);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(infd[0], STDIN_FILENO);
    dup2(pipefd[1], STDOUT_FILENO);
    dup2(pipefd[1], STDERR_FILENO);
    execv(args[0].c_str(), argv.data());
    _exit(127);
  }
  close(infd[0]);
  // Small enough for the pipe's buffer: written whole before the output is read.
  if (!input.empty()) (void)!write(infd[1], input.data(), input.size());
  close(infd[1]);
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

}  // namespace hoyo::testing
