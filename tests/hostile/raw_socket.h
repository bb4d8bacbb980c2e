// Plain POSIX TCP sockets for attacking a server byte by byte: connect from a
// chosen loopback source address, send and read under deadlines, see how the
// peer ended the connection. Every call returns instead of blocking past its
// deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace hoyo::hostile {

using Clock = std::chrono::steady_clock;

// The attackers' source address and the well-behaved client's: per-source
// limits that hit an attacker must not hit the normal client.
inline constexpr const char* kAttacker = "127.0.0.1";
inline constexpr const char* kNormalClient = "127.0.0.2";

// How a read ended.
enum class End {
  kOpen,    // the deadline passed (or the wanted bytes came) with the connection open
  kClosed,  // the peer closed (FIN)
  kReset,   // the peer reset the connection, or another socket error
};

class Socket {
 public:
  Socket() = default;
  // Connects from `source` (bound before connecting; port chosen by the
  // kernel) to 127.0.0.1:`port`; blocking connect. Check ok().
  Socket(const std::string& source, std::uint16_t port);
  ~Socket();
  Socket(Socket&& o) noexcept;
  Socket& operator=(Socket&& o) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  // Why the connection could not be made ("" when ok()).
  const std::string& error() const { return error_; }

  // Sends all of `bytes` unless the deadline passes or the peer goes away;
  // false then.
  bool send_all(std::string_view bytes, Clock::time_point deadline);
  // One non-blocking send; the bytes taken (0 when the buffer is full), or -1
  // when the connection is gone.
  long send_some(std::string_view bytes);
  // Appends what arrives to `out` until `done(out)` holds, the peer ends the
  // connection, or the deadline passes.
  template <class Done>
  End read_until(std::string& out, Clock::time_point deadline, Done done);
  // Appends whatever is readable now, waiting at most `wait`; how it ended.
  End read_available(std::string& out, std::chrono::milliseconds wait);
  // Half-closes: no more bytes from us.
  void shutdown_send();
  void close();

 private:
  int fd_ = -1;
  std::string error_;
};

template <class Done>
End Socket::read_until(std::string& out, Clock::time_point deadline, Done done) {
  while (!done(out)) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return End::kOpen;
    const End e = read_available(out, std::min(left, std::chrono::milliseconds(100)));
    if (e != End::kOpen) return e;
  }
  return End::kOpen;
}

// The highest open-file limit this process can have: raises the soft limit
// to the hard one and returns it.
std::uint64_t raise_open_file_limit();

}  // namespace hoyo::hostile
