// hoyo-bench draw: the lottery draw computation alone (domain::run_draw) on
// periods of 100k, 1M and 3M applications (one third as many applicants, three
// preferences each, 5 facilities, 31 nights), to show its growth.
#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <random>
#include <thread>

#include "bench/bench_dir.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "domain/lottery_draw.h"
#include "eventstore/event_store.h"
#include "processor/command_processor.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;

domain::DrawInput make_period(std::int64_t applications, int rooms) {
  domain::DrawInput in;
  std::mt19937_64 rng(applications);
  for (auto& b : in.seed) b = static_cast<std::uint8_t>(rng());
  const domain::Date first = domain::Date::from_ymd(2027, 3, 1);
  for (int f = 0; f < 5; ++f) {
    domain::Facility fac;
    fac.id = "f" + std::to_string(f);
    if (f == 0) {
      fac.room_types = {{domain::RoomStyle::kJapanese, rooms, 5},
                        {domain::RoomStyle::kWestern, rooms, 2}};
    } else {
      fac.room_types = {{domain::RoomStyle::kStandard, rooms, 4}};
    }
    for (const auto& t : fac.room_types) {
      for (int d = 0; d < 31; ++d) in.held[{fac.id, first.plus_days(d).days, t.style}] = t.rooms;
    }
    in.facilities[fac.id] = fac;
  }
  in.applications.reserve(static_cast<std::size_t>(applications));
  const std::int64_t applicants = applications / 3;
  for (std::int64_t a = 0; a < applicants; ++a) {
    const std::string who = std::to_string(1'000'000 + a);
    const std::string fac = "f" + std::to_string(rng() % 5);  // one facility per applicant
    for (int p = 1; p <= 3; ++p) {
      in.applications.push_back({who + "-" + std::to_string(p), who, p, fac,
                                 first.plus_days(static_cast<int>(rng() % 30)),
                                 1 + static_cast<int>(rng() % 2), 1 + static_cast<int>(rng() % 4),
                                 domain::StyleWish::kAny});
    }
  }
  return in;
}

double time_draw(const domain::DrawInput& in, std::size_t& wins) {
  const auto start = std::chrono::steady_clock::now();
  const domain::DrawOutcome out = domain::run_draw(in);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  wins = out.wins.size();
  return s;
}

// The whole draw through the processor: a period of `applications` made
// durable first (not timed), then DrawLottery and PublishLottery with their
// events appended (timed). Returns seconds, or -1 on failure.
double time_draw_with_events(const std::string& dir, std::int64_t applications, int rooms,
                             std::size_t& winners) {
  auto store = std::move(eventstore::EventStore::open(dir)).value();
  const domain::Instant start = domain::tokyo_time(domain::Date::from_ymd(2026, 11, 1), 9, 0);
  processor::SettableClock clock(start);
  auto proc = std::move(processor::CommandProcessor::open(*store, clock)).value();
  const domain::DrawInput shape = make_period(applications, rooms);
  for (const auto& [id, f] : shape.facilities) {
    domain::Facility fac = f;
    fac.name = fac.name_en = id;
    fac.room_types = f.room_types;
    if (!proc->submit({domain::Actor::op("bench"), domain::RegisterFacility{fac}}).get().ok()) {
      return -1;
    }
  }
  domain::LotteryPeriod p;
  p.id = "2027-03";
  p.stay_month = domain::Date::from_ymd(2027, 3, 1);
  for (const auto& [id, f] : shape.facilities) p.facilities.push_back(id);
  p.opens_at = start + domain::kMicrosPerSecond;
  p.closes_at = p.draw_at = p.publish_at = start + 3600 * domain::kMicrosPerSecond;
  p.seed_hash = domain::seed_commitment("bench-secret");
  if (!proc->submit({domain::Actor::op("bench"), domain::OpenLottery{p}}).get().ok()) return -1;
  // The two-party draw: an auditor commits before the window and reveals after.
  const domain::Actor auditor = domain::Actor::op("bench-auditor");
  if (!proc->submit({domain::Actor::system(),
                     domain::AddOperator{auditor.id, domain::OperatorRole::kAuditor}})
           .get()
           .ok() ||
      !proc->submit({auditor, domain::CommitAuditorSeed{p.id, domain::seed_commitment(
                                                                  "bench-auditor-secret")}})
           .get()
           .ok()) {
    return -1;
  }
  clock.set(p.opens_at);
  std::atomic<std::int64_t> in_flight{0}, failed{0};
  for (const domain::DrawApplication& a : shape.applications) {
    while (in_flight.load() > 512) std::this_thread::yield();
    ++in_flight;
    domain::ApplyToLottery c{a.applicant,
                             p.id,
                             a.facility,
                             a.check_in,
                             a.nights,
                             std::vector<int>(static_cast<std::size_t>(a.nights), a.people),
                             a.wish,
                             a.preference,
                             {},
                             {},
                             domain::Reduction::kNone};
    proc->submit({domain::Actor::user(a.applicant), std::move(c)}, {},
                 [&](base::Result<processor::Outcome> r) {
                   if (!r.ok()) ++failed;
                   --in_flight;
                 });
  }
  while (in_flight.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (failed.load() > 0) {
    std::cerr << failed.load() << " applications refused\n";
    return -1;
  }
  progress("  " + std::to_string(store->head()) + " events in the log; drawing");
  clock.set(p.closes_at);
  if (!proc->submit({auditor, domain::RevealAuditorSeed{p.id, "bench-auditor-secret"}})
           .get()
           .ok()) {
    return -1;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto drawn =
      proc->submit({domain::Actor::op("bench"), domain::DrawLottery{p.id, "bench-secret", {}}})
          .get();
  auto published =
      proc->submit({domain::Actor::op("bench"), domain::PublishLottery{p.id, {}}}).get();
  if (!drawn.ok() || !published.ok()) return -1;
  winners = 0;  // the bookings, not the notices that follow them
  const auto count_bookings = [&](const processor::Outcome& out) {
    std::size_t n = 0;
    for (const auto& e : out.events) n += std::holds_alternative<domain::ReservationBooked>(e);
    winners += n;
    return n;
  };
  // A period of more wins than the publication books itself: the
  // scheduler's batches book them (docs/lottery.md, "Publication").
  if (count_bookings(*published) == 0) {
    for (;;) {
      auto batch = proc->submit({domain::Actor::system(), domain::RunScheduled{}}).get();
      if (!batch.ok()) return -1;
      if (count_bookings(*batch) == 0) break;
    }
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return s;
}

}  // namespace

int run_draw(int argc, char** argv) {
  po::options_description desc("hoyo-bench draw");
  desc.add_options()("rooms", po::value<int>()->default_value(20), "rooms per style and night")(
      "with-events", po::value<std::int64_t>()->default_value(1'000'000),
      "applications for the whole draw through the processor (0 skips it)");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const int rooms = vm["rooms"].as<int>();
  boost::json::object sizes;
  double one_million = 0;
  for (std::int64_t n : {100'000LL, 1'000'000LL, 3'000'000LL}) {
    const domain::DrawInput in = make_period(n, rooms);
    std::size_t wins = 0;
    const double s = time_draw(in, wins);
    progress(std::to_string(n) + " applications: " + std::to_string(s) + " s, " +
             std::to_string(wins) + " wins");
    sizes[std::to_string(n)] = std::round(s * 1000) / 1000;
    if (n == 1'000'000) one_million = s;
  }
  const auto with_events = vm["with-events"].as<std::int64_t>();
  double whole = 0;
  std::size_t winners = 0;
  if (with_events > 0) {
    BenchDir dir(vm["dir"].as<std::string>());
    progress("whole draw with events: building " + std::to_string(with_events) + " applications");
    whole = time_draw_with_events(dir.path() + "/store", with_events, rooms, winners);
    if (whole < 0) {
      std::cerr << "the draw through the processor failed\n";
      return 1;
    }
    progress("  draw and publication: " + std::to_string(whole) + " s, " + std::to_string(winners) +
             " winners booked");
  }
  Report r;
  r.scenario = "draw";
  r.value = std::round(one_million * 1000) / 1000;
  r.unit = "seconds for 1,000,000 applications (lower is better)";
  r.params = {
      {"applications_per_applicant", 3}, {"facilities", 5}, {"nights", 31}, {"rooms", rooms}};
  r.extra = {{"seconds_by_applications", sizes},
             {"whole_draw_with_events_seconds", std::round(whole * 1000) / 1000},
             {"whole_draw_applications", with_events},
             {"whole_draw_winners", winners}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
