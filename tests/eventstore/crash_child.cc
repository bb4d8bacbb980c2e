// Child of the crash test: appends from many threads until SIGKILL arrives and
// reports every acknowledged event on stdout as 16-byte id + big-endian position.
// Usage: eventstore_crash_child DATA_DIR
#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"
#include "test_dir.h"

using namespace hoyo::eventstore;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
    return 2;
  }
  auto opened = EventStore::open(argv[1]);
  if (!opened.ok()) {
    std::fprintf(stderr, "open: %s\n", opened.status().to_string().c_str());
    return 1;
  }
  auto store = std::move(opened).value();
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&store, t] {
      std::mt19937 rng(std::random_device{}());
      const std::string stream = "crash-" + std::to_string(t);
      for (;;) {
        // Every other append is an atomic group over two streams; each event's
        // payload names its group and the group's size, so the parent can check
        // that no group survives in part.
        const bool grouped = rng() % 2 == 0;
        const std::string tag = "group-" + std::to_string(t) + "-" + std::to_string(rng()) + "/";
        std::vector<AppendRequest> group{{stream, ExpectedVersion::any(), {}}};
        if (grouped)
          group.push_back(
              {"crash-shared-" + std::to_string(rng() % 4), ExpectedVersion::any(), {}});
        const int per_request = 1 + static_cast<int>(rng() % 2);
        const int n = per_request * static_cast<int>(group.size());
        for (auto& req : group) {
          for (int i = 0; i < per_request; ++i) {
            req.events.push_back(testing::make_event(
                "Crashed", tag + std::to_string(n) + "/" + std::string(100 + rng() % 200, 'x')));
          }
        }
        auto r = store->append_group(group);
        if (!r.ok()) {
          std::fprintf(stderr, "append: %s\n", r.status().to_string().c_str());
          _exit(1);
        }
        for (std::size_t g = 0; g < group.size(); ++g)
          for (int i = 0; i < per_request; ++i) {
            const auto& ev = group[g].events[i];
            unsigned char rec[24];
            std::copy(ev.id.begin(), ev.id.end(), rec);
            const std::uint64_t pos = (*r)[g].first_position + i;
            for (int b = 0; b < 8; ++b)
              rec[16 + b] = static_cast<unsigned char>(pos >> (56 - 8 * b));
            // One write of 24 bytes to a pipe is atomic (< PIPE_BUF).
            if (write(STDOUT_FILENO, rec, sizeof rec) != static_cast<ssize_t>(sizeof rec)) _exit(1);
          }
      }
    });
  }
  for (auto& t : threads) t.join();
}
