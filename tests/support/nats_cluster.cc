#include "nats_cluster.h"

#include <arpa/inet.h>
#include <nats/nats.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hoyo::testing {

using namespace std::chrono_literals;

namespace {

// Ports the kernel hands out as free, all held open until each was chosen so
// that no two are the same.
std::vector<std::uint16_t> free_ports(int count) {
  std::vector<int> fds;
  std::vector<std::uint16_t> ports;
  for (int i = 0; i < count; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      throw std::runtime_error("no free loopback port");
    }
    fds.push_back(fd);
    ports.push_back(ntohs(addr.sin_port));
  }
  for (int fd : fds) close(fd);
  return ports;
}

std::string find_binary() {
  for (const char* p : {"/usr/sbin/nats-server", "/usr/bin/nats-server"}) {
    if (std::filesystem::exists(p)) return p;
  }
  throw std::runtime_error("nats-server not found (apt-get install nats-server)");
}

// Creates and deletes an R3 probe stream; true when both worked.
bool r3_stream_works(const std::string& urls) {
  natsConnection* nc = nullptr;
  jsCtx* js = nullptr;
  bool ok = false;
  if (natsConnection_ConnectTo(&nc, urls.c_str()) == NATS_OK &&
      natsConnection_JetStream(&js, nc, nullptr) == NATS_OK) {
    jsStreamConfig cfg;
    jsStreamConfig_Init(&cfg);
    cfg.Name = "HOYO_PROBE";
    const char* subjects[] = {"hoyo-probe"};
    cfg.Subjects = subjects;
    cfg.SubjectsLen = 1;
    cfg.Replicas = 3;
    cfg.Storage = js_MemoryStorage;
    jsOptions o;
    jsOptions_Init(&o);
    o.Wait = 2000;
    jsStreamInfo* si = nullptr;
    jsErrCode jerr = static_cast<jsErrCode>(0);
    if (js_AddStream(&si, js, &cfg, &o, &jerr) == NATS_OK) {
      jsStreamInfo_Destroy(si);
      ok = js_DeleteStream(js, "HOYO_PROBE", &o, &jerr) == NATS_OK;
    }
  }
  jsCtx_Destroy(js);
  natsConnection_Destroy(nc);
  return ok;
}

}  // namespace

NatsCluster::NatsCluster(std::chrono::seconds ready_timeout, std::string binary)
    : binary_(binary.empty() ? find_binary() : std::move(binary)) {
  const std::vector<std::uint16_t> ports = free_ports(2 * kServers);
  for (int i = 0; i < kServers; ++i) {
    servers_[i].client_port = ports[2 * i];
    servers_[i].cluster_port = ports[2 * i + 1];
  }
  for (int i = 0; i < kServers; ++i) {
    Server& s = servers_[i];
    const std::string name = "n" + std::to_string(i + 1);
    const std::string store = dir_.sub(name);
    std::filesystem::create_directories(store);
    s.config = dir_.sub(name + ".conf");
    s.log = dir_.sub(name + ".log");
    std::ofstream conf(s.config);
    conf << "server_name: " << name << "\n"
         << "listen: 127.0.0.1:" << s.client_port << "\n"
         << "jetstream {\n  store_dir: \"" << store << "\"\n"
         << "  max_memory_store: 64MB\n  max_file_store: 1GB\n}\n"
         << "cluster {\n  name: hoyo-test\n  listen: 127.0.0.1:" << s.cluster_port << "\n"
         << "  routes: [\n";
    for (int j = 0; j < kServers; ++j) {
      if (j != i) conf << "    nats-route://127.0.0.1:" << servers_[j].cluster_port << "\n";
    }
    conf << "  ]\n}\n";
  }
  for (int i = 0; i < kServers; ++i) start(i);
  wait_ready(ready_timeout);
}

std::string NatsCluster::store_dir(int server) const {
  return dir_.sub("n" + std::to_string(server + 1));
}

NatsCluster::~NatsCluster() {
  for (auto& s : servers_) {
    if (s.process) s.process->stop(5s);
  }
}

std::string NatsCluster::url(int server) const {
  return "nats://127.0.0.1:" + std::to_string(servers_.at(server).client_port);
}

std::string NatsCluster::urls() const {
  std::string out;
  for (int i = 0; i < kServers; ++i) out += (i ? "," : "") + url(i);
  return out;
}

void NatsCluster::start(int server) {
  Server& s = servers_.at(server);
  if (s.process && s.process->alive()) throw std::runtime_error("nats-server already runs");
  s.process =
      std::make_unique<ChildProcess>(std::vector<std::string>{binary_, "-c", s.config}, s.log);
}

bool NatsCluster::kill9(int server) {
  auto& p = servers_.at(server).process;
  return p && p->kill9();
}

bool NatsCluster::stop(int server) {
  auto& p = servers_.at(server).process;
  if (!p || !p->alive()) return false;
  p->stop(5s);  // nats-server's exit status after SIGTERM is not 0
  return !p->alive();
}

bool NatsCluster::pause(int server) {
  auto& p = servers_.at(server).process;
  return p && p->pause();
}

bool NatsCluster::resume(int server) {
  auto& p = servers_.at(server).process;
  return p && p->resume();
}

bool NatsCluster::running(int server) {
  auto& p = servers_.at(server).process;
  return p && p->alive();
}

void NatsCluster::wait_ready(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!r3_stream_works(urls())) {
    for (auto& s : servers_) {
      if (s.process && !s.process->alive() && s.process->exit_description() != "" &&
          s.process->exit_description().rfind("killed", 0) != 0) {
        throw std::runtime_error("nats-server " + s.process->exit_description() + ":\n" + logs());
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error("JetStream not ready within " + std::to_string(timeout.count()) +
                               " s:\n" + logs());
    }
    std::this_thread::sleep_for(100ms);
  }
}

std::vector<int> NatsCluster::consumer_leaders(const std::string& stream) const {
  std::vector<int> out;
  natsConnection* nc = nullptr;
  jsCtx* js = nullptr;
  jsConsumerInfoList* list = nullptr;
  jsOptions o;
  jsOptions_Init(&o);
  o.Wait = 2000;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  if (natsConnection_ConnectTo(&nc, urls().c_str()) == NATS_OK &&
      natsConnection_JetStream(&js, nc, nullptr) == NATS_OK &&
      js_Consumers(&list, js, stream.c_str(), &o, &jerr) == NATS_OK) {
    for (int i = 0; i < list->Count; ++i) {
      const jsClusterInfo* c = list->List[i]->Cluster;
      if (!c || !c->Leader) continue;
      const std::string leader = c->Leader;  // the servers are named n1, n2, n3
      if (leader.size() == 2 && leader[0] == 'n' && leader[1] >= '1' && leader[1] <= '3') {
        out.push_back(leader[1] - '1');
      }
    }
  }
  jsConsumerInfoList_Destroy(list);
  jsCtx_Destroy(js);
  natsConnection_Destroy(nc);
  return out;
}

std::string NatsCluster::logs() const {
  std::string out;
  for (int i = 0; i < kServers; ++i) {
    const auto& p = servers_[i].process;
    out += "--- n" + std::to_string(i + 1) + (p ? "" : " (not started)") + "\n";
    if (p) out += p->log_tail(4096);
  }
  return out;
}

}  // namespace hoyo::testing
