// Background threads that fail loudly. A thread that owns part of the server
// (the writer, the syncer, a projection's fold, the mail worker) cannot be
// replaced once it dies: carrying on without it would leave the process half
// alive, answering reads while no write ever completes. So an exception that
// escapes such a thread is logged as one JSON line and ends the process with
// kThreadFailedExit at once, for a supervisor (systemd's Restart=on-failure)
// to start it afresh from the log.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

namespace hoyo::base {

// The exit status of a process whose background thread failed (EX_SOFTWARE).
inline constexpr int kThreadFailedExit = 70;

// Starts a thread named `name` (the OS keeps 15 characters) running `body`.
// An exception escaping `body` is fatal: logged {"level":"fatal",
// "msg":"thread failed","thread":NAME,"error":WHAT}, then _exit(70).
std::thread start_thread(std::string name, std::function<void()> body);

// Logs the failure of `where` and ends the process with kThreadFailedExit,
// without running destructors or atexit handlers (other threads may hold
// locks they would need).
[[noreturn]] void die(std::string_view where, std::string_view what);

// The text of the exception in flight (for catch (...) blocks).
std::string describe_current_exception();

// Installs a std::terminate handler that logs what terminated the process
// before aborting, so no failure is ever silent (hoyod calls it first thing).
void install_terminate_logger();

}  // namespace hoyo::base
