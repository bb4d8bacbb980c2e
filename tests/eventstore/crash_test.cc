// kill -9 while many threads append: every acknowledged event survives exactly
// once at the position it was acknowledged with, positions and stream versions
// stay gap-free and the hash chain verifies. Cycles: $HOYO_CRASH_CYCLES (20).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <thread>

#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using namespace std::chrono_literals;

struct Ack {
  EventId id;
  std::uint64_t position;
};

// Reads whole 24-byte records from fd into acks; returns false at EOF.
bool read_acks(int fd, std::string& buffer, std::vector<Ack>& acks) {
  char chunk[4096];
  const ssize_t n = read(fd, chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer.append(chunk, static_cast<std::size_t>(n));
  std::size_t off = 0;
  for (; off + 24 <= buffer.size(); off += 24) {
    Ack a;
    std::copy(buffer.begin() + off, buffer.begin() + off + 16, a.id.begin());
    a.position = 0;
    for (int b = 0; b < 8; ++b) {
      a.position = (a.position << 8) | static_cast<unsigned char>(buffer[off + 16 + b]);
    }
    acks.push_back(a);
  }
  buffer.erase(0, off);
  return true;
}

// Runs the child until it has acknowledged something, lets it go on for a random
// while, kills it with SIGKILL and returns everything it acknowledged.
std::vector<Ack> run_and_kill(const std::string& dir, std::mt19937& rng) {
  int pipefd[2];
  EXPECT_EQ(pipe(pipefd), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], STDOUT_FILENO);
    close(pipefd[0]);
    close(pipefd[1]);
    execl(CRASH_CHILD, CRASH_CHILD, dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(pipefd[1]);
  std::vector<Ack> acks;
  std::string buffer;
  while (acks.empty() && read_acks(pipefd[0], buffer, acks)) {
  }
  const auto run_for = std::chrono::microseconds(rng() % 60000);
  std::thread killer([pid, run_for] {
    std::this_thread::sleep_for(run_for);
    kill(pid, SIGKILL);
  });
  while (read_acks(pipefd[0], buffer, acks)) {
  }
  killer.join();
  close(pipefd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the child ended on its own: status " << status;
  return acks;
}

TEST(Crash, AcknowledgedAppendsSurviveKillNine) {
  const char* env = std::getenv("HOYO_CRASH_CYCLES");
  const int cycles = env ? std::atoi(env) : 20;
  std::mt19937 rng(std::random_device{}());
  std::unique_ptr<testing::TempDir> dir;
  std::map<EventId, std::uint64_t> seen;  // every id in the log -> its position
  std::uint64_t checked_head = 0;
  std::size_t total_acks = 0;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    if (cycle % 50 == 0) {  // a fresh log now and then keeps each check short
      dir = std::make_unique<testing::TempDir>();
      seen.clear();
      checked_head = 0;
    }
    const std::vector<Ack> acks = run_and_kill(dir->path(), rng);
    total_acks += acks.size();

    auto store = std::move(EventStore::open(dir->path())).value();
    ASSERT_GE(store->head(), checked_head);
    std::map<std::string, std::pair<int, int>> groups;  // tag -> (seen, size)
    auto read = store->read_all(checked_head + 1, UINT64_MAX, [&](const EventView& e) {
      EXPECT_TRUE(seen.emplace(e.id, e.position).second)
          << "event id appears twice, second time at " << e.position;
      const std::string payload(e.payload);
      const auto slash = payload.find('/');
      const auto slash2 = payload.find('/', slash + 1);
      auto& g = groups[payload.substr(0, slash)];
      ++g.first;
      g.second = std::stoi(payload.substr(slash + 1, slash2 - slash - 1));
      return true;
    });
    for (const auto& [tag, count] : groups) {
      EXPECT_EQ(count.first, count.second)
          << "cycle " << cycle << ": group " << tag << " survived in part";
    }
    ASSERT_TRUE(read.is_ok()) << read.status().to_string();
    checked_head = store->head();
    for (const Ack& a : acks) {
      auto it = seen.find(a.id);
      ASSERT_NE(it, seen.end()) << "cycle " << cycle << ": acknowledged event lost at position "
                                << a.position;
      ASSERT_EQ(it->second, a.position) << "acknowledged event moved";
    }
    VerifyReport v = store->verify();  // gap-free positions, stream versions, chain
    ASSERT_TRUE(v.ok) << "cycle " << cycle << ": " << v.reason << " at " << v.first_bad_position;
  }
  std::fprintf(stderr, "%d cycles, %zu acknowledged events checked\n", cycles, total_acks);
  EXPECT_GT(total_acks, 0u);
}

}  // namespace
}  // namespace hoyo::eventstore
