// The server's teardown under AddressSanitizer: handlers whose answers come
// after the server is gone (a pool's job finishing late), some answered and
// some only dropped. Built with clang and ASan from the server's own sources
// (see CMakeLists.txt), so a use after free of the server's state, its
// io_context or a connection fails the run, which a release build would not
// notice. Exit 0 when all went well.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http/server/server.h"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using hoyo::http::Reply;
using hoyo::http::Request;
using hoyo::http::Response;

int main() {
  for (int round = 0; round < 20; ++round) {
    hoyo::http::ServerConfig c;
    c.host = "127.0.0.1";
    c.port = 0;
    c.threads = 2;
    c.stop_grace = std::chrono::milliseconds(20);
    std::mutex mu;
    std::vector<Reply> owed;
    auto server = std::make_unique<hoyo::http::Server>(c, [&](const Request&, Reply reply) {
      std::lock_guard lk(mu);
      owed.push_back(std::move(reply));
    });
    server->start();
    asio::io_context io;
    std::vector<std::unique_ptr<beast::tcp_stream>> clients;
    for (int i = 0; i < 6; ++i) {
      clients.push_back(std::make_unique<beast::tcp_stream>(io));
      clients.back()->connect({asio::ip::make_address("127.0.0.1"), server->port()});
      asio::write(clients.back()->socket(),
                  asio::buffer(std::string("GET /late HTTP/1.1\r\nHost: x\r\n\r\n")));
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      {
        std::lock_guard lk(mu);
        if (owed.size() == clients.size()) break;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        std::fprintf(stderr, "the handler was not called for every client\n");
        return 1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server.reset();
    clients.clear();
    std::lock_guard lk(mu);
    // Half answered from another thread, half dropped unanswered.
    std::thread late([&] {
      for (std::size_t i = 0; i < owed.size() / 2; ++i) {
        Response res{bhttp::status::ok, 11};
        res.body() = "late";
        res.prepare_payload();
        owed[i](std::move(res));
      }
    });
    late.join();
    owed.clear();
  }
  std::puts("late answers after the server stopped touched nothing of it");
  return 0;
}
