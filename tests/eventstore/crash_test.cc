// kill -9 while many threads append: every acknowledged event survives exactly
// once at the position it was acknowledged with, positions and stream versions
// stay gap-free and the hash chain verifies. Cycles: $HOYO_CRASH_CYCLES (20).
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "crash_harness.h"
#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

struct Ack {
  EventId id;
  std::uint64_t position;
};

Ack parse_ack(const std::string& rec) {
  Ack a;
  std::copy(rec.begin(), rec.begin() + 16, a.id.begin());
  a.position = 0;
  for (int b = 0; b < 8; ++b)
    a.position = (a.position << 8) | static_cast<unsigned char>(rec[16 + b]);
  return a;
}

TEST(Crash, AcknowledgedAppendsSurviveKillNine) {
  const int cycles = hoyo::testing::crash_cycles(20);
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
    std::vector<Ack> acks;
    for (const std::string& rec :
         hoyo::testing::run_and_kill(CRASH_CHILD, {dir->path()}, 24, rng)) {
      acks.push_back(parse_ack(rec));
    }
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
    ASSERT_TRUE(read.ok()) << read.status().to_string();
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
