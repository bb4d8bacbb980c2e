#include "bench/report.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>

namespace hoyo::bench {

boost::json::object machine() {
  std::string cpu = "unknown";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  }
  return {{"cores", std::thread::hardware_concurrency()}, {"cpu", cpu}};
}

double percentile(std::vector<double>& samples, double q) {
  if (samples.empty()) return 0;
  const std::size_t k = std::min(samples.size() - 1, static_cast<std::size_t>(q * samples.size()));
  std::nth_element(samples.begin(), samples.begin() + static_cast<long>(k), samples.end());
  return samples[k];
}

void print(const Report& r) {
  boost::json::object o{{"scenario", r.scenario}, {"value", r.value}, {"unit", r.unit}};
  if (r.baseline.empty()) {
    o["baseline"] = nullptr;
    o["baseline_value"] = nullptr;
    o["ratio"] = nullptr;
  } else {
    o["baseline"] = r.baseline;
    o["baseline_value"] = r.baseline_value;
    const double ratio =
        r.lower_is_better ? r.baseline_value / r.value : r.value / r.baseline_value;
    o["ratio"] = std::round(ratio * 100) / 100;
  }
  o["params"] = r.params;
  for (const auto& kv : r.extra) o[kv.key()] = kv.value();
  o["machine"] = machine();
  std::cout << boost::json::serialize(o) << std::endl;
}

bool parse_options(boost::program_options::options_description& desc, int argc, char** argv,
                   boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  desc.add_options()("help", "show this help")("dir", po::value<std::string>()->default_value(""),
                                               "parent of the scratch directory")(
      "keep", po::bool_switch(), "keep the scratch directory (logs) afterwards");
  po::store(po::parse_command_line(argc, argv, desc), vm);
  if (vm.count("help")) {
    std::cerr << desc << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

void progress(const std::string& line) { std::cerr << line << std::endl; }

}  // namespace hoyo::bench
