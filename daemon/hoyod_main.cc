// hoyod: the Hoyo server. Opens everything in --data-dir and serves the API,
// the web pages and live vacancy over HTTP (HTTPS with --tls-cert/--tls-key).
// Settings: defaults, then --config FILE, then HOYO_* variables, then flags.
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "accounts/demo_data.h"
#include "accounts/initial_admin.h"
#include "backup/cluster_mark.h"
#include "backup/data_backup.h"
#include "base/thread.h"
#include "cluster/nats_url.h"
#include "daemon/config.h"
#include "http/app/api.h"
#include "http/app/backups.h"
#include "http/app/static_files.h"
#include "http/app/timers.h"
#include "http/live/live_hub.h"
#include "http/server/problem.h"
#include "http/server/server.h"
#include "http/server/trusted_proxies.h"

namespace po = boost::program_options;

namespace {

bool parse_listen(const std::string& listen, std::string& host, std::uint16_t& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  try {
    const int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<std::uint16_t>(p);
  } catch (...) {
    return false;
  }
  return !host.empty();
}

void log_line(const boost::json::object& line) {
  std::cerr << boost::json::serialize(line) << std::endl;
}

}  // namespace

// Lets the process hold as many connections as the server's cap allows:
// the soft limit on open files goes up to the hard one.
void raise_open_file_limit() {
  rlimit l{};
  if (getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < l.rlim_max) {
    l.rlim_cur = l.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &l);
  }
}

int main(int argc, char** argv) {
  hoyo::base::install_terminate_logger();
  raise_open_file_limit();
  po::options_description desc("hoyod options");
  desc.add_options()("help", "show this help")("data-dir", po::value<std::string>(),
                                               "the data directory (RocksDB)")(
      "listen", po::value<std::string>(), "HOST:PORT (default 127.0.0.1:8080)")(
      "threads", po::value<int>(), "HTTP worker threads (default: the number of cores)")(
      "config", po::value<std::string>(), "a JSON configuration file")(
      "print-config", po::bool_switch(), "print the effective configuration and exit")(
      "tls-cert", po::value<std::string>(), "PEM certificate chain: serve HTTPS")(
      "tls-key", po::value<std::string>(), "PEM private key for --tls-cert")(
      "demo-data", po::bool_switch(), "fill an empty data directory with demo data")(
      "test-clock", po::bool_switch(), "serve PUT /api/test/clock (tests and demos only)")(
      "test-faults", po::bool_switch(),
      "serve PUT /api/test/faults: a full disk, failing writes or syncs (tests only)")(
      "backup-dir", po::value<std::string>(),
      "where POST /api/operator/backups makes backups (default DATA_DIR.backups)")(
      "cluster", po::value<std::string>(),
      "nats://H:P[,nats://H:P...]: run as a node of a cluster (docs/cluster.md)")(
      "node-name", po::value<std::string>(), "this node's name in the cluster (unique)")(
      "initial-admin", po::value<std::string>(),
      "LOGIN: add this administrator when the log has none (the writer does; remove the flag "
      "once it is added)")("initial-admin-password-file", po::value<std::string>(),
                           "PATH: the initial administrator's password, its first line (mode "
                           "0600; remove the file once the administrator is added)")(
      "trusted-proxy", po::value<std::vector<std::string>>()->composing(),
      "ADDR or ADDR/BITS (repeatable): a reverse proxy whose X-Forwarded-For names the client "
      "(added to server.trusted_proxies)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    if (vm.count("help")) {
      std::cout << desc << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "hoyod: " << e.what() << "\n" << desc << "\n";
    return 2;
  }

  hoyo::daemon::HoyodConfig config;
  config.server.threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  if (vm.count("config")) {
    std::ifstream in(vm["config"].as<std::string>());
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "hoyod: cannot read " << vm["config"].as<std::string>() << "\n";
      return 2;
    }
    if (auto err = hoyo::daemon::apply_config_json(config, text.str()); !err.empty()) {
      std::cerr << "hoyod: " << vm["config"].as<std::string>() << ": " << err << "\n";
      return 2;
    }
  }
  if (auto err = hoyo::daemon::apply_config_env(config); !err.empty()) {
    std::cerr << "hoyod: " << err << "\n";
    return 2;
  }
  if (vm.count("listen")) config.listen = vm["listen"].as<std::string>();
  if (vm.count("threads")) config.server.threads = std::max(1, vm["threads"].as<int>());
  if (vm.count("tls-cert")) config.server.tls_cert_file = vm["tls-cert"].as<std::string>();
  if (vm.count("tls-key")) config.server.tls_key_file = vm["tls-key"].as<std::string>();
  if (vm.count("backup-dir")) config.backup_dir = vm["backup-dir"].as<std::string>();
  if (vm.count("cluster")) config.cluster.nats_urls = vm["cluster"].as<std::string>();
  if (vm.count("node-name")) config.cluster.node_name = vm["node-name"].as<std::string>();
  if (vm.count("initial-admin")) config.initial_admin = vm["initial-admin"].as<std::string>();
  if (vm.count("initial-admin-password-file")) {
    config.initial_admin_password_file = vm["initial-admin-password-file"].as<std::string>();
  }
  if (vm.count("trusted-proxy")) {
    for (const auto& p : vm["trusted-proxy"].as<std::vector<std::string>>()) {
      config.server.trusted_proxies += (config.server.trusted_proxies.empty() ? "" : ",") + p;
    }
  }
  if (std::string bad; !hoyo::http::TrustedProxies::parse(config.server.trusted_proxies, &bad)) {
    std::cerr << "hoyod: a trusted proxy must be an IP address or ADDR/BITS, not " << bad << "\n";
    return 2;
  }
  const bool cluster_mode = !config.cluster.nats_urls.empty();
  if (cluster_mode && config.cluster.node_name.empty()) {
    std::cerr << "hoyod: a cluster node needs --node-name (or cluster.node_name)\n";
    return 2;
  }
  if (!parse_listen(config.listen, config.server.host, config.server.port)) {
    std::cerr << "hoyod: listen must be HOST:PORT, not " << config.listen << "\n";
    return 2;
  }
  const bool tls = !config.server.tls_cert_file.empty();
  if (config.app.public_origin.empty()) {
    config.app.public_origin = std::string(tls ? "https://" : "http://") + config.listen;
  }
  config.app.tls = tls;
  config.app.body_limit = config.server.body_limit;
  config.services.accounts.public_base_url = config.app.public_origin;
  config.services.test_clock = vm["test-clock"].as<bool>();
  config.services.test_faults = vm["test-faults"].as<bool>();
  if (vm["print-config"].as<bool>()) {
    std::cout << hoyo::daemon::config_json(config);
    return 0;
  }
  if (!vm.count("data-dir")) {
    std::cerr << "hoyod: --data-dir is required\n" << desc << "\n";
    return 2;
  }
  config.services.data_dir = vm["data-dir"].as<std::string>();
  if (config.initial_admin.empty() != config.initial_admin_password_file.empty()) {
    std::cerr << "hoyod: --initial-admin and --initial-admin-password-file go together\n";
    return 2;
  }
  std::string initial_admin_password;
  if (!config.initial_admin.empty()) {
    std::string why;
    initial_admin_password = hoyo::accounts::read_initial_admin_password(
        config.initial_admin, config.initial_admin_password_file, why);
    if (!why.empty()) {
      std::cerr << "hoyod: " << why << "\n";
      return 2;
    }
  }
  config.services.start_as_replica = cluster_mode;
  if (cluster_mode) {
    config.services.cluster_member =
        hoyo::backup::cluster_mark_text({config.cluster.node_name, config.cluster.stream});
  }

  auto opened = hoyo::daemon::Runtime::open(config.services);
  if (auto mark = hoyo::daemon::Runtime::node_alone(opened.status())) {
    std::cerr << "hoyod: " << config.services.data_dir << " is the copy of cluster node "
              << mark->node << " (stream " << mark->stream
              << "). Started without cluster mode, hoyod would write events the stream lacks, and "
                 "the node could never follow it again. Start it in cluster mode, or, to run "
                 "this copy alone for good, run hoyoctl leave-cluster "
              << config.services.data_dir << " first (docs/cluster.md, \"A node's directory "
              << "used alone\")\n";
    return 2;
  }
  if (!opened.ok()) {
    std::cerr << "hoyod: cannot open " << config.services.data_dir << ": "
              << opened.status().to_string() << "\n";
    return 1;
  }
  auto services = std::move(opened).value();
  // Fills an empty log with demo data (a cluster's writer does, once the
  // stream holds nothing but its genesis).
  auto demo_data = [&services] {
    auto demo = hoyo::accounts::fill_demo_data(services->store(), services->processor(),
                                               services->accounts(), services->clock());
    boost::json::object line{{"level", "info"}, {"msg", demo.message}};
    if (demo.filled) {
      boost::json::array logins;
      for (const auto& l : demo.logins) {
        logins.push_back({{"who", l.who}, {"login", l.login}, {"password", l.password}});
      }
      line["demoLogins"] = std::move(logins);
      // Pages opened at "listening" read the demo data: wait (at most 30 s)
      // until every projection has folded it.
      auto folded = std::make_shared<std::promise<void>>();
      std::future<void> done = folded->get_future();
      services->projections().when_applied(services->store().head(),
                                           [folded] { folded->set_value(); });
      done.wait_for(std::chrono::seconds(30));
    }
    log_line(line);
  };
  // The first administrator, after any demo data (which has its own).
  auto initial_admin = [&services, &config, initial_admin_password] {
    if (config.initial_admin.empty()) return;
    log_line({{"level", "info"},
              {"msg", hoyo::accounts::add_initial_admin(services->accounts(), config.initial_admin,
                                                        initial_admin_password)}});
  };
  const bool demo = vm["demo-data"].as<bool>();
  if (demo && !cluster_mode) demo_data();
  if (!cluster_mode) initial_admin();
  std::unique_ptr<hoyo::daemon::ClusterMode> cluster;
  if (cluster_mode) {
    auto joined = hoyo::daemon::ClusterMode::connect(config.cluster);
    if (!joined.ok()) {
      std::cerr << "hoyod: cannot join the cluster at "
                << hoyo::cluster::redact_nats_urls(config.cluster.nats_urls) << ": "
                << joined.status().to_string() << "\n";
      return 1;
    }
    cluster = std::move(joined).value();
    services->set_cluster_status([c = cluster.get()] { return c->status(); });
  }

  hoyo::http::WorkPool pool(config.work_threads, 1024);
  hoyo::http::Timers timers;
  hoyo::http::WorkPool image_pool(1, 4);  // proof uploads: one decode at a time
  hoyo::http::RateLimiter limiter;
  hoyo::http::Metrics metrics;
  std::optional<hoyo::http::RequestLog> request_log;
  if (config.log_requests) request_log.emplace();
  hoyo::http::LiveHub hub(*services, {&pool});
  hoyo::http::AppContext ctx;
  ctx.store = &services->store();
  ctx.services = services.get();
  ctx.web_root = hoyo::http::default_web_root();
  ctx.pool = &pool;
  ctx.limiter = &limiter;
  ctx.metrics = &metrics;
  ctx.log = request_log ? &*request_log : nullptr;
  ctx.hub = &hub;
  ctx.timers = &timers;
  ctx.image_pool = &image_pool;
  ctx.config = config.app;
  // Backups while serving: a checkpoint of the store and the directory's
  // other files, under the backup directory.
  ctx.backups = std::make_shared<hoyo::http::Backups>(
      config.backup_dir.empty() ? hoyo::backup::default_backup_dir(config.services.data_dir)
                                : config.backup_dir,
      config.backup_keep,
      [&services, data_dir = config.services.data_dir](const std::string& dest) {
        return hoyo::backup::make_backup(services->store(), data_dir, dest);
      });
  if (cluster) {
    ctx.to_writer = [c = cluster.get()](const hoyo::http::Request& req, hoyo::http::Reply& reply) {
      return c->to_writer(req, reply);
    };
    ctx.writes_here = [c = cluster.get()] { return c->writes_here(); };
    hoyo::daemon::ClusterMode* c = cluster.get();
    auto started = c->start(services->store(), ctx, [&services, demo, demo_data, initial_admin] {
      if (demo && services->store().head() == 0) demo_data();
      initial_admin();
    });
    if (!started.ok()) {
      std::cerr << "hoyod: cannot start the cluster node: " << started.to_string() << "\n";
      return 1;
    }
  }
  // Body limits and the upload's rate limit are decided from the header.
  config.server.admit = [&ctx](hoyo::http::Request& head, const std::string& source) {
    return hoyo::http::admit_request(head, source, ctx);
  };
  hoyo::http::Server server(
      config.server,
      [&ctx](const hoyo::http::Request& req, hoyo::http::Reply reply) {
        hoyo::http::handle_request_async(req, ctx, std::move(reply));
      },
      &hub);
  ctx.server = &server.stats();
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "hoyod: cannot listen on " << config.listen << ": " << e.what() << "\n";
    return 1;
  }
  // Metrics on an address of their own, when configured: /metrics only.
  std::optional<hoyo::http::Server> metrics_server;
  if (!config.metrics_listen.empty()) {
    hoyo::http::ServerConfig mc;
    if (!parse_listen(config.metrics_listen, mc.host, mc.port)) {
      std::cerr << "hoyod: metrics.listen must be HOST:PORT, not " << config.metrics_listen << "\n";
      return 2;
    }
    mc.threads = 1;
    mc.max_connections = 64;
    metrics_server.emplace(mc, [&ctx](const hoyo::http::Request& req, hoyo::http::Reply reply) {
      const bool metrics = req.method() == boost::beast::http::verb::get &&
                           req.target().substr(0, req.target().find('?')) == "/metrics";
      reply(metrics ? hoyo::http::render_metrics(req, ctx)
                    : hoyo::http::problem(boost::beast::http::status::not_found, "not_found",
                                          "Not found", "this address serves /metrics only",
                                          req.version()));
    });
    try {
      metrics_server->start();
    } catch (const std::exception& e) {
      std::cerr << "hoyod: cannot listen on " << config.metrics_listen << ": " << e.what() << "\n";
      return 1;
    }
  }
  log_line({{"level", "info"},
            {"msg", "listening"},
            {"url", std::string(tls ? "https://" : "http://") + config.server.host + ":" +
                        std::to_string(server.port())},
            {"position", services->store().head()},
            {"threads", config.server.threads},
            {"testClock", config.services.test_clock},
            {"testFaults", config.services.test_faults},
            {"cluster", cluster ? config.cluster.node_name : ""}});

  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([](const boost::system::error_code&, int) {});
  signals_io.run();
  log_line({{"level", "info"}, {"msg", "stopping"}});
  hub.stop();
  if (metrics_server) metrics_server->stop();
  // Forwarded requests end first: the server's drain would wait for them.
  if (cluster) cluster->begin_stop();
  server.stop();
  // The node stops following or writing; forwarded requests in hand are answered.
  cluster.reset();
  // Reads still waiting for a position (X-Min-Position) are dropped before
  // the pools and timers they would use end.
  services->projections().close_waiters();
  ctx.rebuilds.reset();  // waits for online rebuilds
  ctx.backups.reset();   // waits for a running backup
  // The rest ends in reverse order of declaration: the hub (after its
  // catch-ups), the pools (after their tasks), and last the services, which
  // checkpoint the projections.
  return 0;
}
