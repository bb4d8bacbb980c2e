// A crowded lottery published through the replicated log (docs/cluster.md):
// one command's events must fit one stream message, so a period of 1,500
// applicants (about 1 KiB of result notice and mail each) could not be
// published while the publication wrote the notices itself. The writer's
// processor over three real nats-servers publishes it, its scheduler tells
// every applicant in bounded batches, and a follower's copy holds it all.
#include "applicant_crowd.h"
#include "cluster/election.h"
#include "cluster/follower.h"
#include "cluster/publisher.h"
#include "cluster/stream_replicator.h"
#include "cluster_env.h"
#include "domain/event_codec.h"
#include "eventually.h"
#include "processor/scheduler.h"
#include "temp_dir.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class LotteryPublicationTest : public ClusterTest {};

TEST_F(LotteryPublicationTest, APeriodOf1500ApplicantsIsPublishedAndEveryoneToldThroughTheStream) {
  constexpr int kApplicants = 1500;
  const std::string stream = fresh_stream();
  auto wc = connect(stream, "writer");
  base::Result<Term> term = campaign(*wc, "writer", {});
  ASSERT_TRUE(term.ok()) << term.error();
  auto publisher = std::make_shared<Publisher>(*wc, StreamSubjects::of(stream).batch, term.value());
  ::hoyo::testing::TempDir dir;
  auto writer = std::move(eventstore::EventStore::open(dir.sub("writer"))).value();
  ASSERT_TRUE(writer->set_replicator(std::make_shared<StreamReplicator>(publisher)).ok());
  processor::SettableClock clock{processor::testing::kOpen};
  auto proc = std::move(processor::CommandProcessor::open(*writer, clock)).value();

  processor::testing::Crowd crowd;
  processor::testing::draw_crowded_lottery(*proc, clock, kApplicants, crowd);
  if (HasFatalFailure()) return;
  auto published =
      proc->submit({domain::Actor::op("alice"), domain::PublishLottery{crowd.period.id, {}}}).get();
  ASSERT_TRUE(published.ok()) << published.error().message;
  processor::Scheduler scheduler(*proc);
  auto told = scheduler.run_due();
  ASSERT_TRUE(told.ok()) << told.error().message;

  auto fc = connect(stream, "follower");
  auto copy = std::move(eventstore::EventStore::open(dir.sub("follower"))).value();
  base::Result<std::unique_ptr<Follower>> f = Follower::start(*fc, *copy);
  ASSERT_TRUE(f.ok()) << f.error();
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return copy->head() == writer->head(); },
                                          std::chrono::seconds(60)));
  EXPECT_EQ(copy->head_hash(), writer->head_hash());
  EXPECT_TRUE(copy->verify().ok);
  std::set<std::string> notified;
  int notices = 0;
  auto read = copy->read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
    if (v.type != "NoticeIssued") return true;
    auto e = domain::decode_event(v.type, v.payload);
    const auto* n = e ? std::get_if<domain::NoticeIssued>(&*e) : nullptr;
    if (n && n->kind == domain::NoticeKind::kLotteryResult) {
      ++notices;
      notified.insert(n->user);
    }
    return true;
  });
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(notices, kApplicants);
  EXPECT_EQ(notified, std::set<std::string>(crowd.users.begin(), crowd.users.end()));
}

}  // namespace
}  // namespace hoyo::cluster
