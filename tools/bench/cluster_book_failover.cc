#include "bench/cluster_book_failover.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>

#include "bench/cluster_book_nodes.h"
#include "bench/process.h"
#include "bench/report.h"

namespace hoyo::bench::cluster_book {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::optional<Failover> measure_failover(std::vector<Hoyod>& nodes, int writer, const Settings& s,
                                         const BookScene& scene, std::string* error) {
  std::vector<std::string> cookies;
  {
    std::ifstream in(scene.cookies_file);
    for (std::string line; std::getline(in, line);) cookies.push_back(line);
  }
  std::vector<std::string> days;
  for (std::size_t at = 0; at < scene.days.size();) {
    const std::size_t comma = std::min(scene.days.find(',', at), scene.days.size());
    days.push_back(scene.days.substr(at, comma - at));
    at = comma + 1;
  }
  std::vector<std::uint16_t> survivors;
  for (int i = 0; i < kNodes; ++i) {
    if (i != writer) survivors.push_back(nodes[i].port);
  }
  const auto t0 = Clock::now();
  auto since = [t0](Clock::time_point t) { return std::chrono::duration<double>(t - t0).count(); };
  std::atomic<bool> stop{false};
  std::mutex mu;
  struct Ack {
    double sent, answered;  // seconds since t0: the attempt that got the 201
  };
  std::vector<Ack> acks;
  std::vector<std::thread> threads;
  for (int b = 0; b < s.bookers; ++b) {
    threads.emplace_back([&, b] {
      std::mt19937 rng(static_cast<unsigned>(b * 7919 + 17));
      const std::uint16_t port = survivors[static_cast<std::size_t>(b) % survivors.size()];
      for (long n = 0; !stop; ++n) {
        const std::string key = "failover-" + std::to_string(b) + "-" + std::to_string(n);
        const std::string cookie = cookies[rng() % cookies.size()];
        const std::string body =
            booking_body(static_cast<int>(rng() % s.facilities) + 1, days[rng() % days.size()]);
        // The same key until the booking is answered for good.
        while (!stop) {
          const double sent = since(Clock::now());
          const HttpAnswer a =
              http_call(port, "POST", "/api/reservations", body, cookie, "application/json",
                        {{"Idempotency-Key", key}}, milliseconds(s.client_timeout_ms));
          if (a.status == 201) {
            std::lock_guard<std::mutex> lock(mu);
            acks.push_back({sent, since(Clock::now())});
          }
          if (a.status != 0 && a.status != 503) break;
          std::this_thread::sleep_for(milliseconds(50));
        }
      }
    });
  }
  // The reader: the busiest public read, the week's vacancy, on a follower.
  const std::uint16_t read_port = survivors[0];
  const std::string week = "/api/vacancy/bench-1/week?from=" + days[0];
  std::vector<std::atomic<int>> per_second(600);
  threads.emplace_back([&] {
    while (!stop) {
      const HttpAnswer a =
          http_call(read_port, "GET", week, {}, {}, "application/json", {}, seconds(5));
      const auto at = static_cast<std::size_t>(since(Clock::now()));
      if (a.status == 200 && at < per_second.size()) ++per_second[at];
    }
  });
  auto finish = [&] {
    stop = true;
    for (auto& t : threads) t.join();
  };

  // Which survivor says it writes, at which epoch, from the kill on.
  std::atomic<double> kill_at{-1};
  std::vector<std::string> terms;
  threads.emplace_back([&] {
    std::uint64_t last_epoch = 0;
    while (!stop) {
      if (kill_at >= 0) {
        for (int i = 0; i < kNodes; ++i) {
          if (i == writer) continue;
          const NodeHealth h = health(nodes[i].port);
          if (h.role == "writer" && h.epoch != last_epoch) {
            last_epoch = h.epoch;
            std::lock_guard<std::mutex> lock(mu);
            terms.push_back("node-" + std::to_string(i + 1) + " epoch " + std::to_string(h.epoch) +
                            " at " + std::to_string(since(Clock::now()) - kill_at) + " s");
          }
        }
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
  });
  std::this_thread::sleep_for(seconds(s.before));
  progress("failover: kill -9 the writer (" + std::to_string(nodes[writer].process->pid()) +
           ") after " + std::to_string(s.before) + " s");
  kill_at = since(Clock::now());
  nodes[writer].process->kill9();
  Failover f;
  const bool taken_over = wait_for(
      [&] {
        for (const std::uint16_t p : survivors) {
          if (health(p).role == "writer") return true;
        }
        return since(Clock::now()) - kill_at > 60;
      },
      seconds(61));
  f.new_writer_s = since(Clock::now()) - kill_at;
  // Resumed: a booking sent after the kill was acknowledged (one answered
  // just after it may have been decided before it).
  const bool resumed = wait_for(
      [&] {
        std::lock_guard<std::mutex> lock(mu);
        return std::any_of(acks.begin(), acks.end(),
                           [&](const Ack& a) { return a.sent > kill_at; });
      },
      seconds(60));
  if (!taken_over || !resumed) {
    finish();
    *error =
        "no booking sent after the writer's death was acknowledged within 60 s (are the users "
        "at their 100 stays? raise --users)";
    return std::nullopt;
  }
  std::this_thread::sleep_for(seconds(s.after));
  const double end = since(Clock::now());
  finish();

  double after = end;  // the first acknowledgement of a booking sent after the kill
  for (const Ack& a : acks) {
    if (a.sent > kill_at) after = std::min(after, a.answered);
  }
  std::vector<double> answered;
  for (const Ack& a : acks) answered.push_back(a.answered);
  std::sort(answered.begin(), answered.end());
  f.acknowledged = answered.size();
  for (std::size_t i = 1; i < answered.size(); ++i) {
    const double gap = answered[i] - answered[i - 1];
    f.longest_gap_s = std::max(f.longest_gap_s, gap);
    // The kill's gap: the longest that ends between the kill and the resumption.
    if (answered[i] > kill_at && answered[i] <= after) f.gap_s = std::max(f.gap_s, gap);
  }
  f.kill_second = static_cast<int>(kill_at.load());
  f.terms = terms;
  f.resumed_second = static_cast<int>(after);
  for (int i = 0; i < static_cast<int>(end); ++i)
    f.reads.push_back(per_second[i]);  // whole seconds
  return f;
}

}  // namespace hoyo::bench::cluster_book
