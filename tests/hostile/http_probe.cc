#include "http_probe.h"

#include <poll.h>
#include <strings.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cerrno>
#include <charconv>

namespace hoyo::hostile {

namespace {

// The value of header `name` in a header block ("" when absent).
std::string find_header(std::string_view head, std::string_view name) {
  std::size_t at = head.find("\r\n");
  while (at != std::string_view::npos && at + 2 < head.size()) {
    const std::size_t start = at + 2;
    const std::size_t end = head.find("\r\n", start);
    const std::string_view line =
        head.substr(start, (end == std::string_view::npos ? head.size() : end) - start);
    const std::size_t colon = line.find(':');
    if (colon == name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0) {
      std::string_view v = line.substr(colon + 1);
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      return std::string(v);
    }
    at = end;
  }
  return "";
}

std::chrono::milliseconds since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
}

}  // namespace

std::string HttpAnswer::header(std::string_view name) const { return find_header(head, name); }

std::string HttpAnswer::code() const {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return "";
  const auto* c = v.as_object().if_contains("code");
  return c && c->is_string() ? std::string(c->as_string()) : "";
}

std::string HttpAnswer::describe() const {
  if (status == 0) {
    const char* how = end == End::kOpen ? "still open" : end == End::kClosed ? "closed" : "reset";
    return "no answer (connection " + std::string(how) + ", " + std::to_string(raw.size()) +
           " bytes: " + raw.substr(0, 200) + ") after " + std::to_string(elapsed.count()) + " ms";
  }
  return head.substr(0, head.find("\r\n")) + " " + body.substr(0, 300) + " after " +
         std::to_string(elapsed.count()) + " ms";
}

std::size_t whole_answer_size(std::string_view bytes) {
  const std::size_t end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) return 0;
  const std::string_view head = bytes.substr(0, end + 2);
  int status = 0;
  if (head.size() > 12) std::from_chars(head.data() + 9, head.data() + 12, status);
  std::size_t length = 0;
  if (status != 101 && status != 204 && status != 304) {
    const std::string cl = find_header(head, "Content-Length");
    std::from_chars(cl.data(), cl.data() + cl.size(), length);
  }
  return bytes.size() >= end + 4 + length ? end + 4 + length : 0;
}

void parse_answer(HttpAnswer& a) {
  const std::size_t size = whole_answer_size(a.raw);
  if (size == 0) return;
  const std::size_t end = a.raw.find("\r\n\r\n");
  a.head = a.raw.substr(0, end + 2);
  a.body = a.raw.substr(end + 4, size - end - 4);
  if (a.head.size() > 12) std::from_chars(a.head.data() + 9, a.head.data() + 12, a.status);
}

std::string request_bytes(std::string_view method, std::string_view target,
                          const std::vector<std::pair<std::string, std::string>>& headers,
                          std::string_view body) {
  std::string out;
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  for (const auto& [k, v] : headers) out.append(k).append(": ").append(v).append("\r\n");
  if (!body.empty()) out.append("Content-Length: ").append(std::to_string(body.size())) += "\r\n";
  out.append("\r\n").append(body);
  return out;
}

HttpAnswer pump(Socket& socket, const std::function<std::string()>& next,
                Clock::time_point deadline) {
  HttpAnswer a;
  const auto t0 = Clock::now();
  std::string pending;
  std::size_t sent = 0;
  bool sending = true;
  while (Clock::now() < deadline) {
    if (sending && sent == pending.size()) {
      pending = next();
      sent = 0;
      if (pending.empty()) sending = false;
    }
    pollfd p{socket.fd(), static_cast<short>(POLLIN | (sending ? POLLOUT : 0)), 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (::poll(&p, 1, static_cast<int>(std::clamp<long>(left.count(), 0, 100))) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      a.end = socket.read_available(a.raw, std::chrono::milliseconds(0));
      if (whole_answer_size(a.raw) > 0) break;
      if (a.end != End::kOpen) break;
    }
    if (sending && (p.revents & POLLOUT)) {
      const long n = socket.send_some(std::string_view(pending).substr(sent));
      if (n < 0) {
        // The server is gone or refused the rest: read what it answered.
        sending = false;
        a.end = socket.read_until(a.raw, std::min(deadline, Clock::now() + std::chrono::seconds(2)),
                                  [](const std::string& s) { return whole_answer_size(s) > 0; });
        break;
      }
      sent += static_cast<std::size_t>(n);
    }
  }
  a.elapsed = since(t0);
  parse_answer(a);
  return a;
}

HttpAnswer send_and_read(Socket& socket, std::string_view bytes, Clock::time_point deadline) {
  bool given = false;
  return pump(
      socket,
      [&]() -> std::string {
        if (given) return "";
        given = true;
        return std::string(bytes);
      },
      deadline);
}

HttpAnswer exchange(const std::string& source, std::uint16_t port, std::string_view bytes,
                    std::chrono::milliseconds timeout) {
  const auto t0 = Clock::now();
  Socket s(source, port);
  if (!s.ok()) {
    HttpAnswer a;
    a.end = End::kReset;
    a.raw = s.error();
    return a;
  }
  HttpAnswer a = send_and_read(s, bytes, t0 + timeout);
  a.elapsed = since(t0);
  return a;
}

std::vector<HttpAnswer> exchange_all(std::vector<Socket>& sockets,
                                     const std::vector<std::string>& requests,
                                     Clock::time_point deadline) {
  const auto t0 = Clock::now();
  const std::size_t n = sockets.size();
  std::vector<HttpAnswer> answers(n);
  std::vector<std::size_t> sent(n, 0);
  std::vector<bool> done(n, false);
  std::size_t left = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (!sockets[i].ok()) {
      answers[i].end = End::kReset;
      done[i] = true;
      --left;
    }
  }
  std::vector<pollfd> polls;
  std::vector<std::size_t> which;
  while (left > 0 && Clock::now() < deadline) {
    polls.clear();
    which.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (done[i]) continue;
      const bool more = sent[i] < requests[i].size();
      polls.push_back({sockets[i].fd(), static_cast<short>(POLLIN | (more ? POLLOUT : 0)), 0});
      which.push_back(i);
    }
    if (::poll(polls.data(), polls.size(), 50) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t k = 0; k < polls.size(); ++k) {
      const std::size_t i = which[k];
      HttpAnswer& a = answers[i];
      if (polls[k].revents & POLLOUT) {
        const long w = sockets[i].send_some(std::string_view(requests[i]).substr(sent[i]));
        if (w > 0) sent[i] += static_cast<std::size_t>(w);
        if (w < 0) sent[i] = requests[i].size();  // gone: read what was answered
      }
      if (polls[k].revents & (POLLIN | POLLHUP | POLLERR)) {
        a.end = sockets[i].read_available(a.raw, std::chrono::milliseconds(0));
        if (whole_answer_size(a.raw) > 0 || a.end != End::kOpen) {
          a.elapsed = since(t0);
          parse_answer(a);
          done[i] = true;
          --left;
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!done[i]) answers[i].elapsed = since(t0);
  }
  return answers;
}

HttpAnswer read_to_end(Socket& socket, Clock::time_point deadline) {
  HttpAnswer a;
  const auto t0 = Clock::now();
  a.end = socket.read_until(a.raw, deadline, [](const std::string&) { return false; });
  a.elapsed = since(t0);
  parse_answer(a);
  return a;
}

}  // namespace hoyo::hostile
