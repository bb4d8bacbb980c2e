// hoyod: the Hoyo server. Opens the event store in --data-dir and serves HTTP.
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "accounts/demo_data.h"
#include "eventstore/event_store.h"
#include "http/api.h"
#include "http/server.h"
#include "http/static_files.h"

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

}  // namespace

int main(int argc, char** argv) {
  po::options_description desc("hoyod options");
  desc.add_options()("help", "show this help")("data-dir", po::value<std::string>()->required(),
                                               "the data directory (RocksDB)")(
      "listen", po::value<std::string>()->default_value("127.0.0.1:8080"), "HOST:PORT")(
      "threads",
      po::value<int>()->default_value(static_cast<int>(std::thread::hardware_concurrency())),
      "HTTP worker threads")("demo-data", po::bool_switch(),
                             "fill an empty data directory with demo facilities and users")(
      "test-clock", po::bool_switch(), "serve PUT /api/test/clock (tests and demos only)")(
      "config", po::value<std::string>(), "configuration file");
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

  hoyo::http::ServerConfig config;
  if (!parse_listen(vm["listen"].as<std::string>(), config.host, config.port)) {
    std::cerr << "hoyod: --listen must be HOST:PORT\n";
    return 2;
  }
  config.threads = std::max(1, vm["threads"].as<int>());

  hoyo::http::ServicesOptions options;
  options.data_dir = vm["data-dir"].as<std::string>();
  options.test_clock = vm["test-clock"].as<bool>();
  options.accounts.public_base_url = "http://" + vm["listen"].as<std::string>();
  auto opened = hoyo::http::Services::open(options);
  if (!opened.is_ok()) {
    std::cerr << "hoyod: cannot open " << options.data_dir << ": " << opened.status().to_string()
              << "\n";
    return 1;
  }
  auto services = std::move(opened).value();
  hoyo::eventstore::EventStore* store = &services->store();
  if (vm["demo-data"].as<bool>()) {
    auto demo = hoyo::accounts::fill_demo_data(services->store(), services->processor(),
                                               services->accounts(), services->clock());
    boost::json::object line{{"level", "info"}, {"msg", demo.message}};
    if (demo.filled) {
      boost::json::array logins;
      for (const auto& l : demo.logins) {
        logins.push_back({{"who", l.who}, {"login", l.login}, {"password", l.password}});
      }
      line["demoLogins"] = std::move(logins);
    }
    std::cerr << boost::json::serialize(line) << std::endl;
  }

  hoyo::http::AppContext ctx{store, services.get(), hoyo::http::default_web_root()};
  hoyo::http::Server server(config, [&ctx](const hoyo::http::Request& req) {
    return hoyo::http::handle_request(req, ctx);
  });
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "hoyod: cannot listen on " << vm["listen"].as<std::string>() << ": " << e.what()
              << "\n";
    return 1;
  }
  std::cerr << R"({"level":"info","msg":"listening","url":"http://)" << config.host << ":"
            << server.port() << R"(","position":)" << store->head() << "}" << std::endl;

  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([](const boost::system::error_code&, int) {});
  signals_io.run();
  std::cerr << R"({"level":"info","msg":"stopping"})" << std::endl;
  server.stop();
  services.reset();  // checkpoints the projections
  return 0;
}
