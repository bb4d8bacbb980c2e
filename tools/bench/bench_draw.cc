// hoyo-bench draw: the lottery draw computation alone (domain::run_draw) on
// periods of 100k, 1M and 3M applications (one third as many applicants, three
// preferences each, 5 facilities, 31 nights), to show its growth.
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <random>

#include "bench/report.h"
#include "bench/scenarios.h"
#include "domain/lottery_draw.h"

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

}  // namespace

int run_draw(int argc, char** argv) {
  po::options_description desc("hoyo-bench draw");
  desc.add_options()("rooms", po::value<int>()->default_value(20), "rooms per style and night");
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
  Report r;
  r.scenario = "draw";
  r.value = std::round(one_million * 1000) / 1000;
  r.unit = "seconds for 1,000,000 applications (lower is better)";
  r.params = {
      {"applications_per_applicant", 3}, {"facilities", 5}, {"nights", 31}, {"rooms", rooms}};
  r.extra = {{"seconds_by_applications", sizes}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
