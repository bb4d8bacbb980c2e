#include "base/thread.h"

#include <pthread.h>
#include <unistd.h>

#include <cstdlib>

#include "base/log.h"

namespace hoyo::base {

std::string describe_current_exception() {
  const std::exception_ptr e = std::current_exception();
  if (!e) return "no exception";
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "an exception of unknown type";
  }
}

void die(std::string_view where, std::string_view what) {
  log_line("fatal", "thread failed", {{"thread", where}, {"error", what}});
  ::_exit(kThreadFailedExit);
}

std::thread start_thread(std::string name, std::function<void()> body) {
  return std::thread([name = std::move(name), body = std::move(body)] {
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
    try {
      body();
    } catch (...) {
      die(name, describe_current_exception());
    }
  });
}

void install_terminate_logger() {
  std::set_terminate([] {
    log_line("fatal", "terminated", {{"error", describe_current_exception()}});
    std::abort();
  });
}

}  // namespace hoyo::base
