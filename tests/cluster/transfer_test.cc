// A forwarded request in parts (cluster/transfer.h), without a server: the
// parts of a request put together again; a request over the writer's limit
// and one over the budgets refused at its first part, before anything is
// held; parts out of order, twice, missing, with other totals, another
// length or a wrong checksum refused, the transfer forgotten and its budget
// given back; an abandoned transfer freed after the idle timeout; the part
// headers and the refusals through their wire form and back.
#include "cluster/transfer.h"

#include <gtest/gtest.h>

#include <random>

namespace hoyo::cluster {
namespace {

using Clock = TransferAssembler::Clock;
constexpr std::uint64_t kMiB = 1 << 20;

// `size` bytes that differ from one request to the next.
std::string request_of(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(random());
  return out;
}

TransferLimits limits() {
  TransferLimits l;
  l.max_request = 11 * kMiB;
  l.total = 24 * kMiB;
  l.per_sender = 16 * kMiB;
  l.idle_timeout = std::chrono::seconds(15);
  return l;
}

// Every part of `parts` but the last taken; the last one's answer.
base::Result<std::optional<std::string>> add_all(TransferAssembler& a,
                                                 const std::vector<TransferPart>& parts,
                                                 Clock::time_point now) {
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    auto taken = a.add(parts[i], now);
    if (!taken.ok()) return taken;
    EXPECT_FALSE(*taken) << "part " << i << " ended the transfer";
  }
  return a.add(parts.back(), now);
}

void expect_broken(const base::Result<std::optional<std::string>>& r, const std::string& reason) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(r.error().message, base::MessageId::kClusterNoWriterAnswer);
  EXPECT_EQ(r.error().retry_after_seconds, 1);
  EXPECT_EQ(base::arg_text(r.error().args, "cause"),
            "a part of the request was refused: " + reason);
}

TEST(Transfer, TheCutPartsArePutTogetherAgain) {
  TransferAssembler a(limits());
  const std::string request = request_of(10 * kMiB + 12345, 1);
  const auto parts = cut_request(request, new_transfer_id(), "node-1");
  ASSERT_EQ(parts.size(), 21u);
  for (const TransferPart& p : parts) {
    EXPECT_EQ(p.count, 21u);
    EXPECT_LE(p.bytes.size(), kTransferPartBytes);
  }
  EXPECT_EQ(parts.back().bytes.size(), 12345u);
  const auto now = Clock::now();
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    auto taken = a.add(parts[i], now);
    ASSERT_TRUE(taken.ok()) << taken.error();
    EXPECT_FALSE(*taken);
    EXPECT_EQ(a.held(), request.size());  // the whole size, reserved at the first part
  }
  auto whole = a.add(parts.back(), now);
  ASSERT_TRUE(whole.ok()) << whole.error();
  ASSERT_TRUE(*whole);
  EXPECT_EQ(**whole, request);
  EXPECT_EQ(a.held(), 0u);
  EXPECT_EQ(a.transfers(), 0u);
}

TEST(Transfer, ARequestOverTheLimitIsRefusedAtItsFirstPartBeforeAnythingIsHeld) {
  TransferAssembler a(limits());
  const std::string request = request_of(11 * kMiB + 1, 2);
  const auto parts = cut_request(request, new_transfer_id(), "node-1");
  auto refused = a.add(parts[0], Clock::now());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(refused.error().message, base::MessageId::kClusterForwardTooLarge);
  EXPECT_EQ(base::arg_text(refused.error().args, "max"), std::to_string(11 * kMiB));
  EXPECT_EQ(a.held(), 0u);
  // The rest of it finds no transfer.
  expect_broken(a.add(parts[1], Clock::now()), "unknown transfer");
  EXPECT_EQ(a.transfers(), 0u);

  // A size stated falsely small does not match the count.
  TransferPart lying = cut_request(request_of(2 * kMiB, 3), new_transfer_id(), "node-1")[0];
  lying.size = 100;
  expect_broken(a.add(lying, Clock::now()), "count does not match the size");
  EXPECT_EQ(a.held(), 0u);
}

// A writer whose own request limit is above a sender's budget (a large
// upload limit) refuses such a request as too large, not busy: no retry
// would ever fit.
TEST(Transfer, ARequestNoBudgetCouldHoldIsTooLargeNotBusy) {
  TransferLimits l = limits();
  l.max_request = 40 * kMiB;  // over the 16 MiB a sender and the 24 MiB in all
  TransferAssembler a(l);
  const auto parts = cut_request(request_of(17 * kMiB, 5), new_transfer_id(), "node-1");
  auto refused = a.add(parts[0], Clock::now());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(base::arg_text(refused.error().args, "max"), std::to_string(16 * kMiB));
  EXPECT_EQ(a.held(), 0u);
}

TEST(Transfer, TheBudgetsPerSenderAndInAllAreKept) {
  TransferAssembler a(limits());  // 16 MiB a sender, 24 MiB in all
  const auto now = Clock::now();
  const std::string ten = request_of(10 * kMiB, 4);
  const auto first = cut_request(ten, new_transfer_id(), "node-1");
  ASSERT_TRUE(a.add(first[0], now).ok());
  // node-1 has 6 MiB left: a second 10 MiB from it waits.
  const auto second = cut_request(ten, new_transfer_id(), "node-1");
  auto busy = a.add(second[0], now);
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(busy.error().message, base::MessageId::kBusy);
  EXPECT_EQ(busy.error().retry_after_seconds, 1);
  // node-2 has its own budget, within the 24 MiB in all...
  const auto other = cut_request(ten, new_transfer_id(), "node-2");
  ASSERT_TRUE(a.add(other[0], now).ok());
  EXPECT_EQ(a.held(), 20 * kMiB);
  // ...which a third sender's 10 MiB would pass.
  const auto third = cut_request(ten, new_transfer_id(), "node-3");
  EXPECT_EQ(a.add(third[0], now).error().message, base::MessageId::kBusy);
  // Once node-1's transfer is done its budget is back.
  auto done = add_all(a, std::vector<TransferPart>(first.begin() + 1, first.end()), now);
  ASSERT_TRUE(done.ok()) << done.error();
  EXPECT_EQ(**done, ten);
  EXPECT_EQ(a.held(), 10 * kMiB);
  EXPECT_TRUE(a.add(second[0], now).ok());
}

TEST(Transfer, PartsOutOfOrderTwiceMissingOrOtherwiseWrongAreRefusedAndTheTransferForgotten) {
  TransferAssembler a(limits());
  const auto now = Clock::now();
  const std::string request = request_of(2 * kMiB + 7, 5);  // 5 parts
  // Each case: the first part taken, then `wrong` refused with `reason`, the
  // transfer gone (its next, right, part unknown) and nothing held.
  const auto refused_after_first =
      [&](const std::function<TransferPart(std::vector<TransferPart>&)>& wrong,
          const std::string& reason) {
        auto parts = cut_request(request, new_transfer_id(), "node-1");
        ASSERT_TRUE(a.add(parts[0], now).ok());
        const TransferPart bad = wrong(parts);
        expect_broken(a.add(bad, now), reason);
        EXPECT_EQ(a.held(), 0u) << reason;
        EXPECT_EQ(a.transfers(), 0u) << reason;
        expect_broken(a.add(parts[1], now), "unknown transfer");
      };
  refused_after_first([](auto& p) { return p[2]; }, "part missing");
  refused_after_first([](auto& p) { return p[0]; }, "part 0 twice");
  refused_after_first(
      [](auto& p) {
        TransferPart q = p[1];
        q.count = 6;
        return q;
      },
      "totals differ from the first part's");
  refused_after_first(
      [](auto& p) {
        TransferPart q = p[1];
        q.sha256 = std::string(64, '0');
        return q;
      },
      "totals differ from the first part's");
  refused_after_first(
      [](auto& p) {
        TransferPart q = p[1];
        q.sender = "node-2";
        return q;
      },
      "totals differ from the first part's");
  refused_after_first(
      [](auto& p) {
        TransferPart q = p[1];
        q.bytes = q.bytes.substr(1);
        return q;
      },
      "wrong part length");

  // A part sent twice after it was taken.
  auto parts = cut_request(request, new_transfer_id(), "node-1");
  ASSERT_TRUE(a.add(parts[0], now).ok());
  ASSERT_TRUE(a.add(parts[1], now).ok());
  expect_broken(a.add(parts[1], now), "part twice");
  EXPECT_EQ(a.held(), 0u);

  // Bytes changed on the way (the same lengths): the checksum, at the last part.
  std::string changed = request;
  changed[kTransferPartBytes + 3] ^= 1;
  auto original = cut_request(request, new_transfer_id(), "node-1");
  auto damaged = cut_request(changed, original[0].id, "node-1");
  for (TransferPart& p : damaged) p.sha256 = original[0].sha256;
  expect_broken(add_all(a, damaged, now), "checksum");
  EXPECT_EQ(a.held(), 0u);
  EXPECT_EQ(a.transfers(), 0u);

  // A request that fits one message never comes in parts.
  TransferPart small = original[0];
  small.size = kTransferPartBytes;
  small.count = 1;
  expect_broken(a.add(small, now), "count does not match the size");
}

TEST(Transfer, AnAbandonedTransferIsFreedAfterTheIdleTimeout) {
  TransferAssembler a(limits());
  const auto start = Clock::now();
  const std::string ten = request_of(10 * kMiB, 6);
  const auto abandoned = cut_request(ten, new_transfer_id(), "node-1");
  ASSERT_TRUE(a.add(abandoned[0], start).ok());
  ASSERT_TRUE(a.add(abandoned[1], start + std::chrono::seconds(10)).ok());
  // Its sender's next upload does not fit beside it...
  const auto next = cut_request(ten, new_transfer_id(), "node-1");
  EXPECT_EQ(a.add(next[0], start + std::chrono::seconds(20)).error().message,
            base::MessageId::kBusy);
  // ...until 15 s passed since its last part: then it is freed.
  a.expire(start + std::chrono::seconds(25));
  EXPECT_EQ(a.held(), 10 * kMiB);
  a.expire(start + std::chrono::seconds(26));
  EXPECT_EQ(a.held(), 0u);
  EXPECT_EQ(a.transfers(), 0u);
  EXPECT_TRUE(a.add(next[0], start + std::chrono::seconds(26)).ok());
  expect_broken(a.add(abandoned[2], start + std::chrono::seconds(26)), "unknown transfer");
  // A part that comes late frees the abandoned ones first.
  EXPECT_TRUE(
      a.add(cut_request(ten, new_transfer_id(), "node-1")[0], start + std::chrono::seconds(60))
          .ok());
  EXPECT_EQ(a.transfers(), 1u);
}

TEST(Transfer, PartHeadersAndRefusalsGoThroughTheirWireFormAndBack) {
  const std::string request = request_of(kTransferPartBytes + 1, 7);
  const auto parts = cut_request(request, new_transfer_id(), "node-1");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].id.size(), 32u);
  EXPECT_NE(parts[0].id, new_transfer_id());
  const PartHeaders h = headers_of(parts[1]);
  EXPECT_EQ(h.part, "1/2");
  auto back = read_part(h, parts[1].bytes);
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->id, parts[1].id);
  EXPECT_EQ(back->sender, "node-1");
  EXPECT_EQ(back->index, 1u);
  EXPECT_EQ(back->count, 2u);
  EXPECT_EQ(back->size, request.size());
  EXPECT_EQ(back->sha256, parts[1].sha256);

  const auto refused = [&](const std::function<void(PartHeaders&)>& change) {
    PartHeaders bad = h;
    change(bad);
    auto r = read_part(bad, parts[1].bytes);
    return !r.ok() && r.error().message == base::MessageId::kClusterNoWriterAnswer;
  };
  EXPECT_TRUE(refused([](PartHeaders& x) { x.transfer.clear(); }));
  EXPECT_TRUE(refused([](PartHeaders& x) { x.transfer = std::string(65, 'a'); }));
  EXPECT_TRUE(refused([](PartHeaders& x) { x.sender = std::string(129, 'a'); }));
  for (const char* part : {"", "1", "2/2", "1/", "/2", "-1/2", "1/2x", "x/y", "1/99999999999"}) {
    EXPECT_TRUE(refused([&](PartHeaders& x) { x.part = part; })) << part;
  }
  for (const char* size : {"", "-1", "1e6", "99999999999999999999999"}) {
    EXPECT_TRUE(refused([&](PartHeaders& x) { x.size = size; })) << size;
  }
  EXPECT_TRUE(refused([](PartHeaders& x) { x.sha256.pop_back(); }));
  EXPECT_TRUE(refused([](PartHeaders& x) { x.sha256[0] = 'G'; }));

  // Refusals: the same code and message on the caller's side.
  TransferAssembler a(limits());
  const std::string big = request_of(12 * kMiB, 8);
  const base::Status over =
      a.add(cut_request(big, new_transfer_id(), "n")[0], Clock::now()).status();
  const auto [kind, detail] = refusal_headers(over.error());
  const base::Status seen = refusal_of(kind, detail, big.size());
  EXPECT_EQ(seen.error().message, base::MessageId::kClusterForwardTooLarge);
  EXPECT_EQ(seen.error().code, base::ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(base::arg_text(seen.error().args, "bytes"), std::to_string(big.size()));
  EXPECT_EQ(base::arg_text(seen.error().args, "max"), std::to_string(11 * kMiB));
  const auto [busy_kind, busy_detail] =
      refusal_headers(base::Error(base::ErrorCode::kUnavailable, base::MessageId::kBusy));
  EXPECT_EQ(refusal_of(busy_kind, busy_detail, 1).error().message, base::MessageId::kBusy);
  const base::Status unknown =
      a.add(cut_request(request, new_transfer_id(), "n")[1], Clock::now()).status();
  const auto [broken_kind, broken_detail] = refusal_headers(unknown.error());
  EXPECT_EQ(broken_kind, "broken");
  EXPECT_EQ(broken_detail, "unknown transfer");
  const base::Status broken = refusal_of(broken_kind, broken_detail, 1);
  EXPECT_EQ(broken.error().code, base::ErrorCode::kUnavailable);
  EXPECT_EQ(base::arg_text(broken.error().args, "cause"),
            "a part of the request was refused: unknown transfer");
  EXPECT_EQ(base::arg_text(refusal_of("no such refusal", "", 1).error().args, "cause"),
            "a part of the request was refused: no reason given");
}

}  // namespace
}  // namespace hoyo::cluster
