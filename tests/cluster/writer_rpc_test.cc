// Forwarded requests over real nats-servers (cluster/writer_rpc.h): a
// request reaches the writer's handler and its answer comes back; with two
// servers listening (an old writer that has not stepped down yet, and the
// new one), each request is carried out once; with none, the caller gets
// kUnavailable, and a request larger than the servers carry is refused
// before anything is sent.
#include "cluster/writer_rpc.h"

#include <atomic>
#include <mutex>
#include <thread>

#include "cluster_env.h"
#include "eventually.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class WriterRpcTest : public ClusterTest {};

TEST_F(WriterRpcTest, ARequestReachesTheWriterAndItsAnswerComesBack) {
  const std::string stream = fresh_stream();
  auto writer = connect(stream, "writer");
  auto follower = connect(stream, "follower");
  auto served = WriterRpcServer::serve(
      *writer, 1, [](std::string request, RpcAnswer answer) { answer("answer to " + request); });
  ASSERT_TRUE(served.ok()) << served.error();
  auto answer = call_writer(*follower, 1, "book room 7", std::chrono::seconds(5));
  ASSERT_TRUE(answer.ok()) << answer.error();
  EXPECT_EQ(*answer, "answer to book room 7");
  // An answer given later, from another thread, arrives too.
  served.value().reset();
  auto deferred = WriterRpcServer::serve(*writer, 1, [](std::string request, RpcAnswer answer) {
    std::thread([request, answer] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      answer("later: " + request);
    }).detach();
  });
  ASSERT_TRUE(deferred.ok());
  answer = call_writer(*follower, 1, "x", std::chrono::seconds(5));
  ASSERT_TRUE(answer.ok()) << answer.error();
  EXPECT_EQ(*answer, "later: x");
}

TEST_F(WriterRpcTest, TwoListeningWritersCarryOutEachRequestOnce) {
  const std::string stream = fresh_stream();
  auto old_writer = connect(stream, "old");
  auto new_writer = connect(stream, "new");
  auto follower = connect(stream, "follower");
  std::atomic<int> carried_out{0};
  auto handler = [&](std::string, RpcAnswer answer) {
    ++carried_out;
    answer("done");
  };
  auto a = WriterRpcServer::serve(*old_writer, 1, handler);
  auto b = WriterRpcServer::serve(*new_writer, 1, handler);
  ASSERT_TRUE(a.ok() && b.ok());
  constexpr int kRequests = 40;
  for (int i = 0; i < kRequests; ++i) {
    ASSERT_TRUE(call_writer(*follower, 1, "r", std::chrono::seconds(5)).ok()) << i;
  }
  EXPECT_EQ(carried_out.load(), kRequests);
}

// A writer serves its own epoch only: once the lease names a later one, an
// old writer that has not stepped down (frozen, cut off) is asked nothing.
TEST_F(WriterRpcTest, AWriterOfAnotherEpochIsAskedNothing) {
  const std::string stream = fresh_stream();
  auto old_writer = connect(stream, "old");
  auto follower = connect(stream, "follower");
  std::atomic<int> carried_out{0};
  auto served = WriterRpcServer::serve(*old_writer, 1, [&](std::string, RpcAnswer answer) {
    ++carried_out;
    answer("done");
  });
  ASSERT_TRUE(served.ok());
  auto refused = call_writer(*follower, 2, "r", std::chrono::milliseconds(500));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, base::MessageId::kClusterNoWriterAnswer);
  EXPECT_EQ(carried_out.load(), 0);
  EXPECT_TRUE(call_writer(*follower, 1, "r", std::chrono::seconds(5)).ok());
  EXPECT_EQ(carried_out.load(), 1);
}

// A writer that just began serving is known to the other servers of the
// cluster a moment later; a request sent in that moment (right after a
// failover) is asked again rather than refused.
TEST_F(WriterRpcTest, ARequestSentJustBeforeTheWriterServesIsAnswered) {
  const std::string stream = fresh_stream();
  auto writer = connect(stream, "writer");
  auto follower = connect(stream, "follower");
  std::unique_ptr<WriterRpcServer> served;
  std::thread late([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto s = WriterRpcServer::serve(*writer, 1, [](std::string, RpcAnswer a) { a("done"); });
    if (s.ok()) served = std::move(s.value());
  });
  auto answer = call_writer(*follower, 1, "r", std::chrono::seconds(5));
  late.join();
  ASSERT_TRUE(served != nullptr);
  ASSERT_TRUE(answer.ok()) << answer.error();
  EXPECT_EQ(*answer, "done");
}

// The writer took the request and died (or stepped down) before answering:
// once the lease names another epoch the wait ends, rather than holding the
// follower's thread for the whole timeout while clients retry behind it.
TEST_F(WriterRpcTest, AWaitEndsOnceTheWriterAskedIsNoLongerTheWriter) {
  const std::string stream = fresh_stream();
  auto writer = connect(stream, "writer");
  auto follower = connect(stream, "follower");
  std::atomic<bool> received{false};
  std::vector<RpcAnswer> never;  // answers kept, never called
  std::mutex mu;
  auto served = WriterRpcServer::serve(*writer, 1, [&](std::string, RpcAnswer answer) {
    std::lock_guard lk(mu);
    never.push_back(std::move(answer));
    received = true;
  });
  ASSERT_TRUE(served.ok());
  std::atomic<bool> still{true};
  std::thread lease_moves([&] {
    ::hoyo::testing::eventually([&] { return received.load(); });
    still = false;  // another node's term begins
  });
  auto answer =
      call_writer(*follower, 1, "book", std::chrono::seconds(30), [&] { return still.load(); });
  lease_moves.join();
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(base::arg_text(answer.error().args, "cause"), "the lease names another writer or none");
}

TEST_F(WriterRpcTest, NoWriterIsUnavailableAndAnOversizedRequestIsNotSent) {
  const std::string stream = fresh_stream();
  auto follower = connect(stream, "follower");
  auto none = call_writer(*follower, 1, "r", std::chrono::milliseconds(500));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(none.error().message, base::MessageId::kClusterNoWriterAnswer);

  auto writer = connect(stream, "writer");
  std::atomic<int> carried_out{0};
  auto served = WriterRpcServer::serve(*writer, 1, [&](std::string, RpcAnswer answer) {
    ++carried_out;
    answer("done");
  });
  ASSERT_TRUE(served.ok());
  const std::string huge(2 * 1024 * 1024, 'x');  // the servers carry 1 MiB
  auto refused = call_writer(*follower, 1, huge, std::chrono::seconds(2));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(refused.error().message, base::MessageId::kClusterForwardTooLarge);
  EXPECT_EQ(carried_out.load(), 0);
}

}  // namespace
}  // namespace hoyo::cluster
