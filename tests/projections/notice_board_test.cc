// The "notices" read model: each user's list newest first with its unread
// count, read marks only on one's own notices and only once, the delivery of
// each notice mail, and the same state after a checkpoint or a second fold.
#include "projections/notice_board.h"

#include <gtest/gtest.h>

namespace hoyo::projections {
namespace {

domain::NoticeIssued notice(const std::string& id, const std::string& user, bool mailed) {
  domain::NoticeIssued n;
  n.id = id;
  n.user = user;
  n.kind = domain::NoticeKind::kBookingReceipt;
  n.subject = "subject " + id;
  n.body = "body " + id;
  n.mail = mailed ? "notice-" + id : "";
  n.cause = id;
  return n;
}

std::vector<domain::Event> history() {
  return {notice("a", "1", true),
          notice("b", "1", true),
          notice("c", "2", false),
          domain::MailSent{"notice-a", 1},
          domain::MailFailed{"notice-b", 1, "refused", false, 0},
          domain::MailFailed{"notice-b", 2, "refused", true, 0},
          domain::NoticesRead{"1", {"a", "c"}},  // "c" is not user 1's
          domain::NoticesRead{"1", {"a"}}};      // already read
}

void fold(NoticeBoard& b, const std::vector<domain::Event>& events) {
  std::uint64_t position = 0;
  for (const auto& e : events) {
    if (b.wants(e.index())) b.apply({++position, 0, "system"}, e);
  }
}

std::vector<std::string> ids(const std::vector<const Notice*>& list) {
  std::vector<std::string> out;
  for (const Notice* n : list) out.push_back(n->issued.id);
  return out;
}

TEST(NoticeBoardTest, ListsNewestFirstWithUnreadCountsAndOwnReadMarks) {
  NoticeBoard b;
  fold(b, history());
  EXPECT_EQ(ids(b.of_user("1", 0, 10)), (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(ids(b.of_user("1", 1, 10)), (std::vector<std::string>{"a"}));
  EXPECT_EQ(ids(b.of_user("1", 0, 1)), (std::vector<std::string>{"b"}));
  EXPECT_EQ(b.count("1"), 2u);
  EXPECT_EQ(b.unread("1"), 1u);  // "a" read once, "b" not
  EXPECT_EQ(b.unread("2"), 1u);  // user 1 cannot mark user 2's notice
  EXPECT_EQ(b.unread_ids("1"), std::vector<std::string>{"b"});
  EXPECT_EQ(b.find("2", "a"), nullptr);
  ASSERT_NE(b.find("1", "a"), nullptr);
  EXPECT_TRUE(b.find("1", "a")->read);
}

TEST(NoticeBoardTest, TracksEachNoticesDelivery) {
  NoticeBoard b;
  fold(b, history());
  EXPECT_EQ(b.find("1", "a")->delivery, Delivery::kSent);
  EXPECT_EQ(b.find("1", "b")->delivery, Delivery::kFailed);
  EXPECT_EQ(b.find("1", "b")->attempts, 2);
  EXPECT_EQ(b.find("1", "b")->error, "refused");
  EXPECT_EQ(b.find("2", "c")->delivery, Delivery::kPost);
  const Delivery post = Delivery::kPost;
  std::size_t total = 0;
  EXPECT_EQ(ids(b.for_operators(&post, 0, 10, total)), std::vector<std::string>{"c"});
  EXPECT_EQ(total, 1u);
  EXPECT_EQ(ids(b.for_operators(nullptr, 1, 1, total)), std::vector<std::string>{"b"});
  EXPECT_EQ(total, 3u);
}

TEST(NoticeBoardTest, ANoticeSeenTwiceCountsOnce) {
  NoticeBoard b;
  fold(b, history());
  fold(b, {notice("b", "1", true)});  // the same event again (a replayed fold)
  EXPECT_EQ(b.count("1"), 2u);
  EXPECT_EQ(b.unread("1"), 1u);
}

TEST(NoticeBoardTest, ACheckpointAndASecondFoldGiveTheSameState) {
  NoticeBoard b;
  fold(b, history());
  NoticeBoard restored;
  ASSERT_TRUE(restored.restore(b.save()));
  EXPECT_TRUE(restored.same_as(b));
  EXPECT_EQ(restored.unread("1"), 1u);
  NoticeBoard again;
  fold(again, history());
  EXPECT_TRUE(again.same_as(b));
  NoticeBoard bad;
  EXPECT_FALSE(bad.restore(b.save().substr(1)));
}

}  // namespace
}  // namespace hoyo::projections
