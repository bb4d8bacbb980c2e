// Every scenario file in tests/projections/scenarios: events in, read model out.
#include <gtest/gtest.h>

#include <filesystem>

#include "scenario_runner.h"

namespace hoyo::projections::testing {
namespace {

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const auto& f : std::filesystem::directory_iterator(SCENARIO_DIR)) {
    if (f.path().extension() == ".txt") out.push_back(f.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, ReadModelMatches) {
  for (const std::string& failure : run_scenario(GetParam())) ADD_FAILURE() << failure;
}

INSTANTIATE_TEST_SUITE_P(Files, Scenario, ::testing::ValuesIn(scenario_files()),
                         [](const auto& info) {
                           return std::filesystem::path(info.param).stem().string();
                         });

TEST(ScenarioRunner, AWrongExpectationIsReported) {
  // The runner must be able to fail: a scenario that expects the wrong mark.
  const std::string path = ::testing::TempDir() + "/wrong.txt";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs(
        "facility s standard:2:4\nnow 2026-12-01T09:00:00+09:00\n"
        "expect vacancy s 2027-02-10 1 2 ▲\nexpect reservations 9 1:-\nfrobnicate\n",
        f);
    std::fclose(f);
  }
  EXPECT_EQ(run_scenario(path).size(), 3u);
}

}  // namespace
}  // namespace hoyo::projections::testing
