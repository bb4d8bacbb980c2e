#include "hoyod_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hoyo::hostile {

using namespace std::chrono_literals;

std::string default_config_json() {
  return R"({
  "server": {
    "threads": 2,
    "work_threads": 2,
    "read_timeout_seconds": 2,
    "idle_timeout_seconds": 2,
    "write_timeout_seconds": 3
  },
  "websocket": {"idle_timeout_seconds": 20},
  "metrics": {"token": "hostile-metrics"}
})";
}

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

HoyodProcess::HoyodProcess(const std::string& config_json) {
  const std::string config = dir_.sub("hoyod.json");
  const std::string log = dir_.sub("stderr.log");
  std::ofstream(config) << config_json;
  const std::vector<std::string> args = {HOYOD_BIN,     "--data-dir",  dir_.sub("data"),
                                         "--config",    config,        "--listen",
                                         "127.0.0.1:0", "--demo-data", "--test-clock"};
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    FILE* err = std::fopen(log.c_str(), "w");
    if (err) dup2(fileno(err), STDERR_FILENO);
    execv(HOYOD_BIN, argv.data());
    _exit(127);
  }
  // The "listening" line carries the URL with the port bound.
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!alive()) {
      throw std::runtime_error("hoyod " + exit_ + " before listening:\n" + stderr_tail());
    }
    const std::string text = read_file(log);
    const auto at = text.find("\"msg\":\"listening\"");
    if (at != std::string::npos) {
      const auto url = text.find("\"url\":\"http://127.0.0.1:", text.rfind('\n', at) + 1);
      if (url != std::string::npos) {
        port_ = static_cast<std::uint16_t>(
            std::stoi(text.substr(url + std::string("\"url\":\"http://127.0.0.1:").size())));
        return;
      }
    }
    std::this_thread::sleep_for(20ms);
  }
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  throw std::runtime_error("hoyod did not listen within 30 s:\n" + stderr_tail());
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

bool HoyodProcess::stop() {
  if (!alive()) return exit_ == "exited 0";
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (alive() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  if (alive()) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    reap(status);
    exit_ += " (SIGKILL after SIGTERM was ignored for 10 s)";
  }
  return exit_ == "exited 0";
}

std::string HoyodProcess::stderr_tail(std::size_t max_bytes) const {
  const std::string text = read_file(dir_.sub("stderr.log"));
  return text.size() <= max_bytes ? text : "..." + text.substr(text.size() - max_bytes);
}

}  // namespace hoyo::hostile
