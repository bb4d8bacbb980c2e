// Progress lines: a bar redrawn in place on a terminal, plain lines at most
// once a second otherwise, with the rate and the time left, in bytes, events
// or files.
#include "tools/progress.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

namespace hoyo::tools {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  std::chrono::steady_clock::time_point t{};
  Progress::Clock clock() {
    return [this] { return t; };
  }
};

TEST(HoyoctlProgress, PlainLinesAtMostOnceASecondWithRateAndTimeLeft) {
  FakeClock c;
  std::ostringstream out;
  Progress p("restore", Progress::Unit::kBytes, out, false, c.clock());
  c.t += 500ms;
  p.update(1 << 20, 4 << 20);
  EXPECT_EQ(out.str(), "");  // not a second yet
  c.t += 500ms;
  p.update(2 << 20, 4 << 20);
  EXPECT_EQ(out.str(), "restore: 2.0 MiB of 4.0 MiB (50%), 2.0 MiB/s, ETA 1 s\n");
  c.t += 100ms;
  p.update(3 << 20, 4 << 20);
  EXPECT_EQ(out.str(), "restore: 2.0 MiB of 4.0 MiB (50%), 2.0 MiB/s, ETA 1 s\n");
  c.t += 900ms;
  p.update(4 << 20, 4 << 20);
  p.finish();  // the last state is written already
  p.finish();
  EXPECT_EQ(out.str(),
            "restore: 2.0 MiB of 4.0 MiB (50%), 2.0 MiB/s, ETA 1 s\n"
            "restore: 4.0 MiB of 4.0 MiB (100%), 2.0 MiB/s\n");
}

TEST(HoyoctlProgress, EventsPerSecondAndTimeLeftWithTheLastStateOnce) {
  FakeClock c;
  std::ostringstream out;
  Progress p("verify", Progress::Unit::kEvents, out, false, c.clock());
  c.t += 1s;
  p.update(4096, 10000);
  EXPECT_EQ(out.str(), "verify: 4096 events of 10000 events (41%), 4096 events/s, ETA 1 s\n");
  c.t += 500ms;
  p.update(10000, 10000);  // within the second: not written yet
  p.finish();              // the last state, once
  p.finish();
  EXPECT_EQ(out.str(),
            "verify: 4096 events of 10000 events (41%), 4096 events/s, ETA 1 s\n"
            "verify: 10000 events of 10000 events (100%), 6666 events/s\n");
}

TEST(HoyoctlProgress, AnUnknownTotalHasNoTimeLeft) {
  FakeClock c;
  std::ostringstream out;
  Progress p("export", Progress::Unit::kEvents, out, false, c.clock());
  c.t += 1s;
  p.update(10, 0);
  EXPECT_EQ(out.str(), "export: 10 events, 10 events/s\n");
}

TEST(HoyoctlProgress, NothingIsWrittenForWorkNeverReported) {
  std::ostringstream out;
  Progress p("rebuild", Progress::Unit::kEvents, out, false, FakeClock{}.clock());
  p.finish();
  EXPECT_EQ(out.str(), "");
}

TEST(HoyoctlProgress, ATerminalGetsOneLineRedrawnWithABar) {
  FakeClock c;
  std::ostringstream out;
  Progress p("backup", Progress::Unit::kEvents, out, true, c.clock());
  c.t += 1s;
  p.update(250, 1000);
  EXPECT_EQ(out.str(),
            "\rbackup: [######..................] 250 events of 1000 events (25%), 250 events/s, "
            "ETA 3 s\x1b[K");
  c.t += 10ms;
  p.update(300, 1000);  // redrawn at most ten times a second
  const std::string drawn = out.str();
  EXPECT_EQ(std::count(drawn.begin(), drawn.end(), '\r'), 1);
  p.finish();
  EXPECT_EQ(out.str().back(), '\n');
  EXPECT_EQ(out.str().find('\n'), out.str().size() - 1);  // one line, redrawn
}

TEST(HoyoctlProgress, AmountsReadEasily) {
  EXPECT_EQ(Progress::amount(512, Progress::Unit::kBytes), "512 B");
  EXPECT_EQ(Progress::amount(1536, Progress::Unit::kBytes), "1.5 KiB");
  EXPECT_EQ(Progress::amount(3ull << 30, Progress::Unit::kBytes), "3.00 GiB");
  EXPECT_EQ(Progress::amount(7, Progress::Unit::kFiles), "7 files");
}

}  // namespace
}  // namespace hoyo::tools
