// The scene of the HTTP booking benchmarks (http-book, cluster-book): the
// benchmark facilities made by the operator over the API, registered and
// logged-in users whose session cookies wrk sends, and the days they book.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hoyo::bench {

struct BookScene {
  std::string cookies_file;  // one "name=value" session cookie per line
  std::string days;          // comma-separated dates inside the first-come window
  int day_count = 0;
};

// On the hoyod (or cluster writer) at 127.0.0.1:port with the demo data: logs
// the demo operator in, makes facilities bench-1..bench-N with `rooms`
// standard rooms each, registers and logs in `users` residents (4 threads)
// and writes their cookies to `cookies_file`. Null (and why in `error`) when
// any step is refused.
std::optional<BookScene> set_up_booking(std::uint16_t port, int facilities, int rooms, int users,
                                        const std::string& cookies_file, std::string* error);

// Waits (at most two minutes) until the log head at `port` stops moving for
// a second, e.g. while the new users' approval mails are recorded; returns
// the head.
std::uint64_t wait_until_quiet(std::uint16_t port);

// The log head at `port` from GET /api/health (0 when it does not answer).
std::uint64_t head_at(std::uint16_t port);

// The body of a booking of facility bench-`facility`
// on `day` (one night, two people), as wrk's http_book.lua sends it.
std::string booking_body(int facility, const std::string& day);

}  // namespace hoyo::bench
