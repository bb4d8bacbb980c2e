#include <gtest/gtest.h>

#include <cstring>

#include "eventstore/event_store.h"
#include "eventstore/internal/envelope_codec.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

class ReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(EventStore::open(dir_.path())).value();
    // Interleave two streams: a gets positions 1,3,5,..., b gets 2,4,6,...
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(
          store_
              ->append(
                  {"a", ExpectedVersion::any(), {make_event("A", "a" + std::to_string(i + 1))}})
              .ok());
      ASSERT_TRUE(
          store_
              ->append(
                  {"b", ExpectedVersion::any(), {make_event("B", "b" + std::to_string(i + 1))}})
              .ok());
    }
  }
  TempDir dir_;
  std::unique_ptr<EventStore> store_;
};

TEST_F(ReadTest, ReadAllForwardFromAPositionWithALimit) {
  std::vector<std::uint64_t> seen;
  auto n = store_->read_all(5, 4, [&](const EventView& e) {
    seen.push_back(e.position);
    return true;
  });
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n.value(), 4u);
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{5, 6, 7, 8}));

  seen.clear();
  EXPECT_EQ(store_
                ->read_all(19, 100,
                           [&](const EventView& e) {
                             seen.push_back(e.position);
                             return true;
                           })
                .value(),
            2u);
  EXPECT_EQ(store_->read_all(21, 100, [](const EventView&) { return true; }).value(), 0u);
}

TEST_F(ReadTest, VisitorCanStopEarly) {
  int calls = 0;
  auto n = store_->read_all(1, 100, [&](const EventView&) { return ++calls < 3; });
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(n.value(), 3u);
}

TEST_F(ReadTest, ReadStreamForwardAndBackward) {
  std::vector<std::string> payloads;
  auto collect = [&](const EventView& e) {
    payloads.emplace_back(e.payload);
    return true;
  };
  ASSERT_TRUE(store_->read_stream("b", 3, 3, /*forward=*/true, collect).ok());
  EXPECT_EQ(payloads, (std::vector<std::string>{"b3", "b4", "b5"}));

  payloads.clear();
  ASSERT_TRUE(store_->read_stream("a", 10, 4, /*forward=*/false, collect).ok());
  EXPECT_EQ(payloads, (std::vector<std::string>{"a10", "a9", "a8", "a7"}));

  payloads.clear();
  ASSERT_TRUE(store_->read_stream("a", UINT64_MAX, 2, /*forward=*/false, collect).ok());
  EXPECT_EQ(payloads, (std::vector<std::string>{"a10", "a9"}));

  payloads.clear();
  EXPECT_EQ(store_->read_stream("c", 1, 10, true, collect).value(), 0u);
  // "a" must not leak into a stream whose id extends it.
  ASSERT_TRUE(store_->append({"ab", ExpectedVersion::any(), {make_event("X", "ab1")}}).ok());
  ASSERT_TRUE(store_->read_stream("a", 10, 100, /*forward=*/true, collect).ok());
  EXPECT_EQ(payloads, (std::vector<std::string>{"a10"}));
}

TEST_F(ReadTest, ReadAtAndStreamVersion) {
  auto e = store_->read_at(4);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->stream_id, "b");
  EXPECT_EQ(e->stream_version, 2u);
  EXPECT_EQ(store_->read_at(21).status().code(), base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->read_at(0).status().code(), base::ErrorCode::kNotFound);
  EXPECT_EQ(store_->stream_version("a").value(), 10u);
}

TEST(EnvelopeDecoder, ReadsInPlaceWhenAlignedAndCopiesWhenNot) {
  EventView in;
  in.position = 7;
  in.stream_id = "stream";
  in.stream_version = 3;
  in.id = testing::random_id();
  in.type = "T";
  in.actor = "system";
  in.payload = "hello payload";
  std::string encoded;
  internal::encode_envelope(in, encoded);

  // Aligned: the payload view points into the caller's buffer.
  std::vector<std::uint64_t> aligned((encoded.size() + 7) / 8);
  std::memcpy(aligned.data(), encoded.data(), encoded.size());
  std::string_view aligned_bytes(reinterpret_cast<const char*>(aligned.data()), encoded.size());
  internal::EnvelopeDecoder decoder;
  EventView out;
  ASSERT_TRUE(decoder.decode(aligned_bytes, out).ok());
  EXPECT_EQ(out.payload, "hello payload");
  EXPECT_GE(out.payload.data(), aligned_bytes.data());
  EXPECT_LT(out.payload.data(), aligned_bytes.data() + aligned_bytes.size());

  // Misaligned by one byte: decoded correctly from a private copy.
  std::vector<char> shifted(encoded.size() + 8);
  char* start = shifted.data();
  while (reinterpret_cast<std::uintptr_t>(start) % 8 != 1) ++start;
  std::memcpy(start, encoded.data(), encoded.size());
  std::string_view misaligned(start, encoded.size());
  EventView out2;
  ASSERT_TRUE(decoder.decode(misaligned, out2).ok());
  EXPECT_EQ(out2.payload, "hello payload");
  EXPECT_EQ(out2.stream_id, "stream");
  EXPECT_EQ(out2.position, 7u);
  EXPECT_TRUE(out2.payload.data() < misaligned.data() ||
              out2.payload.data() >= misaligned.data() + misaligned.size());

  // Garbage does not decode.
  EXPECT_FALSE(decoder.decode(std::string_view("12345678"), out).ok());
  EXPECT_FALSE(decoder.decode(std::string_view("123"), out).ok());
}

}  // namespace
}  // namespace hoyo::eventstore
