// Child of the booking crash test: books from many threads until SIGKILL and
// reports each acknowledged reservation number (10 digits) on stdout.
// Usage: processor_crash_child DATA_DIR
#include <unistd.h>

#include <cstdio>
#include <random>
#include <thread>
#include <vector>

#include "processor_fixture.h"

using namespace hoyo;
using processor::testing::kOpen;
using processor::testing::kStay;

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto store = std::move(eventstore::EventStore::open(argv[1])).value();
  processor::SettableClock clock(kOpen);
  auto proc = std::move(processor::CommandProcessor::open(*store, clock)).value();
  // The same key every run: registered once, replayed afterwards. Rooms of
  // every style, so that the cycles do not fill the 18 nights: a full house
  // answers only no_vacancy, the child reports nothing, and the harness fails
  // it as stuck (1,000 rooms filled after about 18,000 bookings on a fast run).
  domain::Facility seaside = processor::testing::seaside(1000);
  seaside.room_types = {{domain::RoomStyle::kJapanese, 1000, 4},
                        {domain::RoomStyle::kWestern, 1000, 4},
                        {domain::RoomStyle::kStandard, 1000, 4}};
  auto setup = proc->submit({domain::Actor::op("alice"), domain::RegisterFacility{seaside}},
                            "register-seaside")
                   .get();
  if (!setup.ok()) {
    std::fprintf(stderr, "setup: %s\n", setup.error().to_string().c_str());
    return 1;
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&proc, t] {
      std::mt19937_64 rng(std::random_device{}() + static_cast<unsigned>(t));
      for (;;) {
        const std::string user = std::to_string(rng() % 1'000'000'000);
        auto r = proc->submit(processor::testing::book(
                                  user, kStay.plus_days(static_cast<int>(rng() % 18))))
                     .get();
        if (!r.ok()) {
          if (r.error().code == base::ErrorCode::kNoVacancy) continue;
          std::fprintf(stderr, "book: %s\n", r.error().to_string().c_str());
          _exit(1);
        }
        const auto& number =
            std::get<domain::ReservationBooked>(r->events.at(0)).reservation.number;
        if (write(STDOUT_FILENO, number.data(), number.size()) !=
            static_cast<ssize_t>(number.size())) {
          _exit(1);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
}
