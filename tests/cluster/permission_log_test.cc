// A publish the NATS server refuses for lack of permission is logged, once
// per refused subject: one nats-server whose only user may not publish on
// hoyo.denied.>.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "child_process.h"
#include "cluster/connection.h"
#include "eventually.h"
#include "temp_dir.h"

namespace hoyo::cluster {
namespace {

std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);
  return ntohs(addr.sin_port);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(PermissionLog, ARefusedPublishIsLoggedOncePerSubject) {
  hoyo::testing::TempDir dir;
  const std::uint16_t port = free_port();
  {
    std::ofstream conf(dir.sub("nats.conf"));
    conf << "listen: 127.0.0.1:" << port << "\n"
         << "authorization { users = [ { user: node, password: pw, permissions: "
            "{ publish: { deny: [\"hoyo.denied.>\"] } } } ] }\n";
  }
  hoyo::testing::ChildProcess server({"/usr/sbin/nats-server", "-c", dir.sub("nats.conf")},
                                     dir.sub("nats.log"));
  ConnectionOptions o;
  o.urls = "nats://node:pw@127.0.0.1:" + std::to_string(port);
  std::unique_ptr<Connection> c;
  std::string why;
  ASSERT_TRUE(hoyo::testing::eventually([&] {
    auto r = Connection::open(o);
    if (!r.ok()) return (why = r.status().to_string()), false;
    c = std::move(r).value();
    return true;
  })) << why
      << server.log_tail();
  ::testing::internal::CaptureStderr();
  for (const char* subject : {"hoyo.denied.a", "hoyo.denied.a", "hoyo.denied.b", "hoyo.ok"}) {
    natsConnection_PublishString(c->core(), subject, "x");
    natsConnection_FlushTimeout(c->core(), 2000);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the callbacks' thread
  const std::string logged = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(count(logged, "refused an operation"), 2u) << logged;
  EXPECT_EQ(count(logged, "hoyo.denied.a"), 1u) << logged;
  EXPECT_EQ(count(logged, "hoyo.denied.b"), 1u) << logged;
}

}  // namespace
}  // namespace hoyo::cluster
