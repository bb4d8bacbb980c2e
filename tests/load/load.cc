#include "load.h"

#include <thread>

namespace hoyo::load {

std::uint64_t run_load(const World& world, const Staff& staff, std::vector<UserModel>& users,
                       const Mix& mix, std::uint16_t port, const LoadOptions& o,
                       const std::atomic<bool>& stop, Ledger& ledger, Faults& faults) {
  std::atomic<std::uint64_t> sent{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < o.threads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<UserModel*> mine;
      for (std::size_t i = static_cast<std::size_t>(t); i < users.size();
           i += static_cast<std::size_t>(o.threads)) {
        mine.push_back(&users[i]);
      }
      if (mine.empty()) return;
      std::mt19937_64 rng(o.seed * 7919 + static_cast<std::uint64_t>(t) * 104729 +
                          static_cast<std::uint64_t>(o.cycle));
      HttpClient http(port, std::chrono::seconds(10));
      Context ctx{world, http, ledger, faults, rng, o.cycle, &staff};
      std::size_t next = 0;
      while (!stop.load(std::memory_order_relaxed)) {
        UserModel& u = *mine[next++ % mine.size()];
        const Command* c = mix.pick(rng, !u.pending);
        if (!c) continue;
        auto req = c->make(ctx, u);
        if (!req) continue;
        const Answer a = http.send(*req);
        const Outcome outcome = c->answered(ctx, u, *req, a);
        ledger.record(o.cycle, u.account.number, c->name(), *req, a, outcome);
        ++sent;
        // Once hoyod is gone every request fails at once: do not spin hard.
        if (a.status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
  }
  for (auto& th : threads) th.join();
  return sent.load();
}

}  // namespace hoyo::load
