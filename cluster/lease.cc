#include "cluster/lease.h"

#include <chrono>
#include <sstream>
#include <thread>

namespace hoyo::cluster {
namespace {

constexpr const char* kKey = "writer";

}  // namespace

base::Result<std::unique_ptr<Lease>> Lease::open(Connection& connection,
                                                 const LeaseSettings& settings) {
  const std::string bucket = connection.stream() + "_lease";
  kvConfig cfg;
  kvConfig_Init(&cfg);
  cfg.Bucket = bucket.c_str();
  cfg.History = 1;
  cfg.TTL =
      std::chrono::duration_cast<std::chrono::nanoseconds>(settings.ttl).count();  // ns, as Go's
  cfg.StorageType = js_FileStorage;
  cfg.Replicas = settings.replicas;
  kvStore* kv = nullptr;
  // Creating a bucket that exists with the same configuration answers it. A
  // cluster still forming (servers just restarted, their meta group without a
  // leader) refuses both for a while: ask again until fifteen request waits
  // have passed (30 s by default; a loaded machine's servers took over 18 s
  // to form again in LeaseTest).
  const auto deadline = std::chrono::steady_clock::now() +
                        15 * connection.request_options().Wait * std::chrono::milliseconds(1);
  for (;;) {
    if (js_CreateKeyValue(&kv, connection.jetstream(), &cfg) == NATS_OK) break;
    const std::string why = nats_GetLastError(nullptr) ? nats_GetLastError(nullptr) : "";
    if (js_KeyValue(&kv, connection.jetstream(), bucket.c_str()) == NATS_OK) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      return base::Status{base::ErrorCode::kUnavailable,
                          base::MessageId::kClusterJetStreamFailed,
                          {{"what", "lease bucket " + bucket}, {"cause", why}}};
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return std::unique_ptr<Lease>(new Lease(kv, settings));
}

Lease::~Lease() { kvStore_Destroy(kv_); }

base::Status Lease::renew(const Term& term) {
  const std::string value = std::to_string(term.epoch) + " " + term.node;
  std::uint64_t revision = 0;
  const natsStatus s =
      kvStore_Put(&revision, kv_, kKey, value.data(), static_cast<int>(value.size()));
  if (s != NATS_OK) return jetstream_failure("lease renewal", s, jsErrCode{});
  return base::ok_status();
}

base::Result<std::optional<LeaseHolder>> Lease::holder() {
  kvEntry* e = nullptr;
  const natsStatus s = kvStore_Get(&e, kv_, kKey);
  if (s == NATS_NOT_FOUND) return std::optional<LeaseHolder>();
  if (s != NATS_OK) return jetstream_failure("lease", s, jsErrCode{});
  std::string value(static_cast<const char*>(kvEntry_Value(e)),
                    static_cast<std::size_t>(kvEntry_ValueLen(e)));
  kvEntry_Destroy(e);
  std::istringstream in(value);
  LeaseHolder h;
  if (!(in >> h.epoch >> h.node)) return std::optional<LeaseHolder>();  // not ours: as expired
  return std::optional<LeaseHolder>(h);
}

}  // namespace hoyo::cluster
