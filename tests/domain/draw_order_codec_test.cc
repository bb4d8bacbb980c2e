// A draw's runners-up order in the stored event (domain/events.capnp,
// domain/packed_strings.h): packed, a draw of 50,000 applicants and 1,000
// wins fits the 512 KiB a cluster message aims at; draws stored before the packing (a
// List(Text)) still read back the same.
#include <capnp/message.h>
#include <capnp/serialize.h>
#include <gtest/gtest.h>

#include <array>

#include "domain/event_codec.h"
#include "domain/events.capnp.h"
#include "domain/packed_strings.h"

namespace hoyo::domain {
namespace {

std::vector<std::string> applicants(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(std::to_string(10000000 + i * 7));
  return out;
}

TEST(PackedStrings, RoundTripEveryLengthAndRefuseWhatIsNotAPacking) {
  const std::vector<std::string> strings{
      "", "1", std::string(127, 'a'), std::string(128, 'b'), std::string(70000, 'c'), "末尾"};
  EXPECT_EQ(unpack_strings(pack_strings(strings)), strings);
  EXPECT_EQ(unpack_strings(""), std::vector<std::string>{});
  EXPECT_FALSE(
      unpack_strings("\x05"
                     "abc"));                                // a length past the end
  EXPECT_FALSE(unpack_strings("\x80"));                      // a varint cut short
  EXPECT_FALSE(unpack_strings("\xff\xff\xff\xff\xff\x01"));  // a varint too long
}

TEST(DrawOrderCodec, FiftyThousandApplicantsAndAThousandWinsFitOneClusterMessage) {
  LotteryDrawn d;
  d.lottery = "2027-03";
  d.secret = std::string(64, 's');
  d.order = applicants(50000);
  for (int i = 0; i < 1000; ++i) d.wins.push_back({"a" + std::to_string(1000000 + i)});
  const EncodedEvent e = encode_event(d);
  EXPECT_LT(e.payload.size(), 512u * 1024u);
  auto back = decode_event(e.type, e.payload);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(std::get<LotteryDrawn>(*back), d);
}

TEST(DrawOrderCodec, ADrawStoredAsATextListReadsBackTheSame) {
  capnp::MallocMessageBuilder m;
  auto b = m.initRoot<schema::LotteryDrawn>();
  b.setLottery("2027-03");
  const std::array<capnp::byte, 32> zero{};
  b.setSeed({zero.data(), zero.size()});
  b.setInputs({zero.data(), zero.size()});
  const std::vector<std::string> order = applicants(3);
  auto list = b.initOrder(static_cast<unsigned>(order.size()));
  for (unsigned i = 0; i < order.size(); ++i) list.set(i, order[i]);
  const kj::Array<capnp::word> flat = capnp::messageToFlatArray(m);
  const auto bytes = flat.asChars();
  auto back = decode_event("LotteryDrawn", std::string_view(bytes.begin(), bytes.size()));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(std::get<LotteryDrawn>(*back).order, order);
}

}  // namespace
}  // namespace hoyo::domain
