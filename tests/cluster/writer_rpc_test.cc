// Forwarded requests over real nats-servers (cluster/writer_rpc.h): a
// request reaches the writer's handler and its answer comes back; with two
// servers listening (an old writer that has not stepped down yet, and the
// new one), each request is carried out once; with none, the caller gets
// kUnavailable; a request larger than the servers carry travels in parts
// (cluster/transfer.h), one over the writer's limit is refused at its first
// part, and a writer that stops serving mid-transfer leaves the caller
// kUnavailable.
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

TEST_F(WriterRpcTest, NoWriterIsUnavailable) {
  const std::string stream = fresh_stream();
  auto follower = connect(stream, "follower");
  auto none = call_writer(*follower, 1, "r", std::chrono::milliseconds(500));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(none.error().message, base::MessageId::kClusterNoWriterAnswer);
}

// A request larger than the servers carry (1 MiB) travels in parts and is
// carried out once, whole; one over the writer's limit is refused at its
// first part and never carried out.
TEST_F(WriterRpcTest, ALargeRequestTravelsInPartsAndOneOverTheWritersLimitIsRefused) {
  const std::string stream = fresh_stream();
  auto follower = connect(stream, "follower");
  auto writer = connect(stream, "writer");
  std::mutex mu;
  std::vector<std::string> carried_out;
  TransferLimits limits;
  limits.max_request = 11u << 20;
  auto served = WriterRpcServer::serve(
      *writer, 1,
      [&](std::string request, RpcAnswer answer) {
        answer("got " + std::to_string(request.size()));
        std::lock_guard lk(mu);
        carried_out.push_back(std::move(request));
      },
      limits);
  ASSERT_TRUE(served.ok());
  std::string upload(10u << 20, '\0');
  for (std::size_t i = 0; i < upload.size(); ++i) upload[i] = static_cast<char>(i * 7919 >> 5);
  auto answer = call_writer(*follower, 1, upload, std::chrono::seconds(10));
  ASSERT_TRUE(answer.ok()) << answer.error();
  EXPECT_EQ(*answer, "got " + std::to_string(upload.size()));
  {
    std::lock_guard lk(mu);
    ASSERT_EQ(carried_out.size(), 1u);
    EXPECT_TRUE(carried_out[0] == upload);
  }

  const std::string huge((11u << 20) + 1, 'x');
  auto refused = call_writer(*follower, 1, huge, std::chrono::seconds(10));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(refused.error().message, base::MessageId::kClusterForwardTooLarge);
  EXPECT_EQ(base::arg_text(refused.error().args, "max"), std::to_string(11u << 20));
  std::lock_guard lk(mu);
  EXPECT_EQ(carried_out.size(), 1u);
}

// The writer took the first part and stopped serving (stepped down, or
// died): the rest finds no responder and the caller gets 503's error, to
// retry with its Idempotency-Key; the next writer, asked a part of a
// transfer it never began, refuses it.
TEST_F(WriterRpcTest, AWriterThatStopsMidTransferLeavesTheCallerUnavailable) {
  const std::string stream = fresh_stream();
  auto follower = connect(stream, "follower");
  auto writer = connect(stream, "writer");
  natsSubscription* sub = nullptr;
  ASSERT_EQ(
      natsConnection_SubscribeSync(&sub, writer->core(), writer_rpc_subject(stream, 1).c_str()),
      NATS_OK);
  ASSERT_EQ(natsConnection_Flush(writer->core()), NATS_OK);
  std::string first_part_id;
  std::thread takes_one([&] {
    natsMsg* msg = nullptr;
    if (natsSubscription_NextMsg(&msg, sub, 5000) != NATS_OK) return;
    first_part_id = header_of(msg, kTransferHeader);
    natsMsg* taken = nullptr;
    natsMsg_Create(&taken, natsMsg_GetReply(msg), nullptr, nullptr, 0);
    natsMsgHeader_Set(taken, kPartTakenHeader, "0");
    natsSubscription_Unsubscribe(sub);  // stops serving before it answers
    natsConnection_Flush(writer->core());
    natsConnection_PublishMsg(writer->core(), taken);
    natsMsg_Destroy(taken);
    natsMsg_Destroy(msg);
  });
  const std::string upload(3u << 20, 'u');
  auto answer = call_writer(*follower, 1, upload, std::chrono::seconds(5));
  takes_one.join();
  natsSubscription_Destroy(sub);
  EXPECT_EQ(first_part_id.size(), 32u);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(answer.error().message, base::MessageId::kClusterNoWriterAnswer);

  // The next writer (of the same epoch here, to be asked) never began it.
  TransferLimits limits;
  limits.max_request = 11u << 20;
  std::atomic<int> carried_out{0};
  auto next = WriterRpcServer::serve(
      *writer, 1,
      [&](std::string, RpcAnswer a) {
        ++carried_out;
        a("done");
      },
      limits);
  ASSERT_TRUE(next.ok());
  TransferPart second = cut_request(upload, first_part_id, "follower")[1];
  natsMsg* part = nullptr;
  ASSERT_EQ(natsMsg_Create(&part, writer_rpc_subject(stream, 1).c_str(), nullptr,
                           second.bytes.data(), static_cast<int>(second.bytes.size())),
            NATS_OK);
  const PartHeaders h = headers_of(second);
  natsMsgHeader_Set(part, kTransferHeader, h.transfer.c_str());
  natsMsgHeader_Set(part, kPartHeader, h.part.c_str());
  natsMsgHeader_Set(part, kSizeHeader, h.size.c_str());
  natsMsgHeader_Set(part, kSha256Header, h.sha256.c_str());
  natsMsgHeader_Set(part, kSenderHeader, h.sender.c_str());
  natsMsg* reply = nullptr;
  ASSERT_EQ(natsConnection_RequestMsg(&reply, follower->core(), part, 5000), NATS_OK);
  EXPECT_EQ(header_of(reply, kRefusedHeader), "broken");
  EXPECT_EQ(header_of(reply, kRefusedDetailHeader), "unknown transfer");
  natsMsg_Destroy(reply);
  natsMsg_Destroy(part);
  EXPECT_EQ(carried_out.load(), 0);
}

}  // namespace
}  // namespace hoyo::cluster
