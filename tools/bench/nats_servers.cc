#include "bench/nats_servers.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace hoyo::bench {

bool NatsServers::available(std::string* error) {
  if (!which("nats-server").empty()) return true;
  *error = "nats-server is not installed (apt-get install nats-server): cluster-book starts three";
  return false;
}

std::unique_ptr<NatsServers> NatsServers::start(const std::string& dir, std::string* error) {
  if (!available(error)) return nullptr;
  const std::string binary = which("nats-server");
  std::array<int, kCount> client{}, route{};
  for (int i = 0; i < kCount; ++i) {
    client[i] = free_port();
    route[i] = free_port();
  }
  auto out = std::unique_ptr<NatsServers>(new NatsServers());
  for (int i = 0; i < kCount; ++i) {
    const std::string name = "nats-" + std::to_string(i + 1);
    std::filesystem::create_directories(dir + "/" + name);
    std::ofstream conf(dir + "/" + name + ".conf");
    conf << "server_name: " << name << "\nlisten: 127.0.0.1:" << client[i]
         << "\njetstream {\n  store_dir: \"" << dir << "/" << name
         << "\"\n}\ncluster {\n  name: hoyo-bench\n  listen: 127.0.0.1:" << route[i]
         << "\n  routes: [\n";
    for (int j = 0; j < kCount; ++j) {
      if (j != i) conf << "    nats-route://127.0.0.1:" << route[j] << "\n";
    }
    conf << "  ]\n}\n";
    conf.close();
    out->servers_[i] = Process::start({binary, "-c", dir + "/" + name + ".conf"}, -1,
                                      dir + "/" + name + ".log", error);
    if (!out->servers_[i]) return nullptr;
    out->urls_ += (i ? ",nats://127.0.0.1:" : "nats://127.0.0.1:") + std::to_string(client[i]);
  }
  for (int i = 0; i < kCount; ++i) {
    const std::string log = "nats-" + std::to_string(i + 1) + ".log";
    if (out->servers_[i]->wait_for_log("Server is ready", std::chrono::seconds(30)).empty()) {
      *error = "nats-server did not start; see " + dir + "/" + log;
      return nullptr;
    }
  }
  // A JetStream cluster answers its API once it has a metadata leader (each
  // server logs it when it learns who that is).
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (bool led = false; !led; std::this_thread::sleep_for(std::chrono::milliseconds(100))) {
    for (int i = 0; i < kCount && !led; ++i) {
      std::ifstream in(dir + "/nats-" + std::to_string(i + 1) + ".log");
      const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      led = log.find("JetStream cluster new metadata leader") != std::string::npos;
    }
    if (!led && std::chrono::steady_clock::now() > until) {
      *error = "JetStream elected no metadata leader in 30 s; see " + dir + "/nats-*.log";
      return nullptr;
    }
  }
  return out;
}

double NatsServers::cpu_seconds() const {
  double total = 0;
  for (const auto& s : servers_) total += s->cpu_seconds();
  return total;
}

}  // namespace hoyo::bench
