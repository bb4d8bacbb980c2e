#include "hoyod_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
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
  process_ = std::make_unique<ChildProcess>(std::move(args), options_.log);
  // {"level":"info","msg":"listening","url":"http://127.0.0.1:PORT","position":N,...}
  // (https:// under --tls-cert)
  const auto deadline = std::chrono::steady_clock::now() + options_.listen_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string text = log_text();
    const auto at = text.find("\"msg\":\"listening\"");
    if (at != std::string::npos) {
      const auto begin = text.rfind('\n', at) + 1;  // npos + 1 == 0
      const auto end = text.find('\n', at);
      if (end != std::string::npos) {  // the whole line is there
        const std::string line = text.substr(begin, end - begin);
        std::size_t u = std::string::npos;
        for (const std::string url :
             {"\"url\":\"http://127.0.0.1:", "\"url\":\"https://127.0.0.1:"}) {
          if (const auto at_url = line.find(url); at_url != std::string::npos) {
            u = at_url + url.size();
          }
        }
        if (u != std::string::npos) {
          port_ = static_cast<std::uint16_t>(std::stoi(line.substr(u)));
          start_position_ = static_cast<std::uint64_t>(number_after(line, "position"));
          return;
        }
      }
    }
    if (!alive()) {
      throw std::runtime_error("hoyod " + exit_description() + " before listening:\n" +
                               stderr_tail());
    }
    std::this_thread::sleep_for(5ms);
  }
  kill9();
  throw std::runtime_error("hoyod did not listen within " +
                           std::to_string(options_.listen_timeout.count()) + " s:\n" +
                           stderr_tail());
}

HoyodProcess::~HoyodProcess() { stop(); }

namespace {

// Runs `args` to its end with `input` on its stdin: its stdout into run.out
// and its stderr into run.err, or both into run.out in the order written
// (`merged`).
ProgramRun run_child(const std::vector<std::string>& args, const std::string& input, bool merged) {
  ProgramRun run;
  int in[2], out[2], err[2] = {-1, -1};
  if (pipe2(in, O_CLOEXEC) != 0) return run;
  if (pipe2(out, O_CLOEXEC) != 0 || (!merged && pipe2(err, O_CLOEXEC) != 0)) return run;
  auto argv = argv_of(args);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(merged ? out[1] : err[1], STDERR_FILENO);
    execv(args[0].c_str(), argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  if (!merged) close(err[1]);
  // The input is small (a password or two): it fits the pipe's buffer. A
  // program that ends without reading it must not end the test with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  if (!input.empty() && write(in[1], input.data(), input.size()) < 0) {
    // the program ended before reading it; its status says why
  }
  close(in[1]);
  pollfd fds[2] = {{out[0], POLLIN, 0}, {merged ? -1 : err[0], POLLIN, 0}};
  std::string* sinks[2] = {&run.out, &run.err};
  int open_fds = merged ? 1 : 2;
  char chunk[4096];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        sinks[i]->append(chunk, static_cast<std::size_t>(n));
      }
    }
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return run;
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace

int run_program(const std::vector<std::string>& args, std::string* output,
                const std::string& input) {
  ProgramRun run = run_child(args, input, true);
  *output = std::move(run.out);
  return run.status;
}

ProgramRun run_program_with_input(const std::vector<std::string>& args, const std::string& input) {
  return run_child(args, input, false);
}

}  // namespace hoyo::testing
