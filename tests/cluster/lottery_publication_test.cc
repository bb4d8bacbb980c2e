// A crowded lottery published through the replicated log (docs/cluster.md):
// one command's events must fit one stream message, so a period of 1,500
// applicants winning some 1,500 stays (about 600 bytes a booking, 1 KiB of
// result notice and mail an applicant) could not be published while the
// publication wrote the bookings or the notices itself. The writer's
// processor over three real nats-servers publishes it, its scheduler books
// every win and then tells every applicant in bounded batches, and a
// follower's copy holds it all.
#include <map>
#include <set>

#include "applicant_crowd.h"
#include "cluster/follower.h"
#include "cluster_env.h"
#include "domain/event_codec.h"
#include "eventually.h"
#include "processor/scheduler.h"
#include "temp_dir.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class LotteryPublicationTest : public ClusterTest {};

TEST_F(LotteryPublicationTest, APeriodOf1500WinsIsPublishedBookedAndEveryoneToldThroughTheStream) {
  constexpr int kApplicants = 1500;
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  Writer elected = elect_writer(stream, dir.sub("writer"));
  ASSERT_TRUE(elected.store);
  eventstore::EventStore& writer = *elected.store;
  processor::SettableClock clock{processor::testing::kOpen};
  auto proc = std::move(processor::CommandProcessor::open(writer, clock)).value();

  processor::testing::Crowd crowd;
  // 60 rooms for 28 nights: nearly every applicant wins.
  processor::testing::draw_crowded_lottery(*proc, clock, kApplicants, crowd, 60);
  if (HasFatalFailure()) return;
  auto published =
      proc->submit({domain::Actor::op("alice"), domain::PublishLottery{crowd.period.id, {}}}).get();
  ASSERT_TRUE(published.ok()) << published.error().message;
  processor::Scheduler scheduler(*proc);
  auto done = scheduler.run_due();
  ASSERT_TRUE(done.ok()) << done.error().message;

  auto fc = connect(stream, "follower");
  auto copy = std::move(eventstore::EventStore::open(dir.sub("follower"))).value();
  base::Result<std::unique_ptr<Follower>> f = Follower::start(*fc, *copy);
  ASSERT_TRUE(f.ok()) << f.error();
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return copy->head() == writer.head(); },
                                          std::chrono::seconds(60)));
  EXPECT_EQ(copy->head_hash(), writer.head_hash());
  EXPECT_TRUE(copy->verify().ok);
  std::set<std::string> notified;
  int notices = 0;
  std::map<std::string, int> booked;  // application -> its bookings
  auto read = copy->read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
    if (v.type != "NoticeIssued" && v.type != "ReservationBooked") return true;
    auto e = domain::decode_event(v.type, v.payload);
    if (const auto* b = e ? std::get_if<domain::ReservationBooked>(&*e) : nullptr) {
      ++booked[b->reservation.application];
    }
    const auto* n = e ? std::get_if<domain::NoticeIssued>(&*e) : nullptr;
    if (n && n->kind == domain::NoticeKind::kLotteryResult) {
      ++notices;
      notified.insert(n->user);
    }
    return true;
  });
  ASSERT_TRUE(read.ok());
  std::vector<domain::DrawWin> wins;
  proc->inspect([&](const domain::BookingState& s) { wins = s.draws.at(crowd.period.id).wins; });
  // More wins than one stream message could hold (some 950 at most).
  EXPECT_GT(wins.size(), 1200u);
  ASSERT_EQ(booked.size(), wins.size());
  for (const domain::DrawWin& w : wins) EXPECT_EQ(booked[w.application], 1) << w.application;
  EXPECT_EQ(notices, kApplicants);
  EXPECT_EQ(notified, std::set<std::string>(crowd.users.begin(), crowd.users.end()));
}

}  // namespace
}  // namespace hoyo::cluster
