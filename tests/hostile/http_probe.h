// HTTP/1.1 over a raw Socket, as a client that may misbehave: requests are
// bytes the test writes, answers are parsed only as far as the test needs
// (status, headers, a Content-Length body, a problem's code).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "raw_socket.h"

namespace hoyo::hostile {

// One answer as the client saw it.
struct HttpAnswer {
  int status = 0;    // 0: no whole answer came
  std::string head;  // the status line and the headers
  std::string body;
  End end = End::kOpen;                  // how the connection was when reading stopped
  std::chrono::milliseconds elapsed{0};  // from the first byte sent to the answer (or the end)
  std::string raw;                       // every byte read

  // A header's value ("" when absent); the name is matched case-insensitively.
  std::string header(std::string_view name) const;
  // The "code" of a problem+json body ("" when there is none).
  std::string code() const;
  // For failure messages: the status line and the start of the body, or how
  // the connection ended when nothing came.
  std::string describe() const;
};

// The size of the whole answer at the front of `bytes` (its header and its
// Content-Length body), or 0 while it is incomplete.
std::size_t whole_answer_size(std::string_view bytes);
// Fills status, head and body from the first whole answer in `raw`.
void parse_answer(HttpAnswer& answer);

// A request's bytes: the request line, Host, the given headers, and, when
// `body` is not empty, Content-Length and the body.
std::string request_bytes(std::string_view method, std::string_view target,
                          const std::vector<std::pair<std::string, std::string>>& headers = {},
                          std::string_view body = {});

// Writes what `next` produces (called whenever the socket can take more; ""
// means nothing more to send) while reading, until a whole answer came, the
// server ended the connection, or the deadline passed. A server that answers
// and closes while the client is still sending is seen answering: the answer
// is read even after a failed send.
HttpAnswer pump(Socket& socket, const std::function<std::string()>& next,
                Clock::time_point deadline);
// pump() of fixed bytes.
HttpAnswer send_and_read(Socket& socket, std::string_view bytes, Clock::time_point deadline);
// A fresh connection from `source`, one request, its answer.
HttpAnswer exchange(const std::string& source, std::uint16_t port, std::string_view bytes,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
// Sends each socket its request (requests[i] to sockets[i]) and reads each
// one's answer, all at once (one poll over every socket), until each has a
// whole answer or was ended by the server, or the deadline passes. Each
// answer's elapsed runs from the start to its own answer.
std::vector<HttpAnswer> exchange_all(std::vector<Socket>& sockets,
                                     const std::vector<std::string>& requests,
                                     Clock::time_point deadline);
// Reads until the server closes the connection or the deadline passes; what
// came and how it ended.
HttpAnswer read_to_end(Socket& socket, Clock::time_point deadline);

}  // namespace hoyo::hostile
