// What every hoyo-bench scenario shares: the machine description, latency
// percentiles and the one JSON line of docs/benchmarks.md.
#pragma once

#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace hoyo::bench {

struct Report {
  std::string scenario;
  double value = 0;
  std::string unit;
  std::string baseline;  // what the baseline is; empty for none (null)
  double baseline_value = 0;
  bool lower_is_better = false;
  boost::json::object params;
  boost::json::object extra;  // p50_ms, p99_ms, ... merged at the top level
};

// {"cores":N,"cpu":"..."} read from the running machine.
boost::json::object machine();

// The q-quantile (0..1) of the samples, which it sorts.
double percentile(std::vector<double>& samples, double q);

// Prints the report as one JSON line on stdout.
void print(const Report& r);

// Adds the options every scenario has (--help, --dir) to `desc` and parses the
// command line into `vm`. Returns false when --help was asked (and printed).
bool parse_options(boost::program_options::options_description& desc, int argc, char** argv,
                   boost::program_options::variables_map& vm);

// Progress for humans, on stderr.
void progress(const std::string& line);

}  // namespace hoyo::bench
