// Three nodes (each its own connection and store) against three real
// nats-servers: one becomes the writer, the others copy what it appends;
// when the writer dies (stops renewing its lease) another takes over within
// a few lease TTLs, the survivors copy its appends, and the dead writer's
// store takes nothing more. A writer whose disk fails lets another write; a
// node whose store refuses writes never campaigns until it recovers; a
// follower that cannot apply the stream says so.
#include "cluster/node.h"

#include <array>
#include <future>
#include <mutex>

#include "cluster_env.h"
#include "eventstore/fault_injection.h"
#include "eventually.h"
#include "temp_dir.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class NodeTest : public ClusterTest {
 protected:
  // A node named `name` on `stream` over `store`, with a lease of 1.5 s.
  std::unique_ptr<Node> start(Connection& c, eventstore::EventStore& store, const std::string& name,
                              NodeEvents events = {}) {
    auto n = Node::start(c, store,
                         NodeOptions{name, LeaseSettings{std::chrono::milliseconds(1500), 3},
                                     std::chrono::milliseconds(250)},
                         std::move(events));
    EXPECT_TRUE(n.ok()) << n.error();
    return n.ok() ? std::move(n.value()) : nullptr;
  }
  // A store at dir/name whose file I/O goes through `faults`.
  static std::unique_ptr<eventstore::EventStore> faulty_store(
      const std::string& dir, std::shared_ptr<eventstore::FaultInjector> faults) {
    eventstore::StoreOptions o;
    o.faults = std::move(faults);
    auto s = eventstore::EventStore::open(dir, o);
    EXPECT_TRUE(s.ok()) << s.error();
    return s.ok() ? std::move(s.value()) : nullptr;
  }
};

// An append of event `n` to one of seven streams.
eventstore::AppendRequest one_event(int n) {
  return testing::one_event("s-" + std::to_string(n % 7), n);
}

// The nodes (by index) that hold a term: at most one once an election settles.
std::vector<int> writers_among(const std::array<std::unique_ptr<Node>, 3>& nodes) {
  std::vector<int> w;
  for (int i = 0; i < 3; ++i) {
    if (nodes[i] && nodes[i]->term()) w.push_back(i);
  }
  return w;
}

TEST_F(NodeTest, OneWriterAtATimeAndAnotherTakesOverWhenItDies) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  const NodeOptions base{"", LeaseSettings{std::chrono::milliseconds(1500), 3},
                         std::chrono::milliseconds(250)};
  std::array<std::unique_ptr<Connection>, 3> conns;
  std::array<std::unique_ptr<eventstore::EventStore>, 3> stores;
  std::array<std::unique_ptr<Node>, 3> nodes;
  std::atomic<int> became_writer{0};
  for (int i = 0; i < 3; ++i) {
    const std::string name = std::string("node-") + static_cast<char>('a' + i);
    conns[i] = connect(stream, name);
    stores[i] = std::move(eventstore::EventStore::open(dir.sub(name))).value();
    NodeOptions o = base;
    o.name = name;
    NodeEvents events;
    events.became_writer = [&](const Term&) { ++became_writer; };
    auto n = Node::start(*conns[i], *stores[i], o, std::move(events));
    ASSERT_TRUE(n.ok()) << n.error();
    nodes[i] = std::move(n.value());
  }
  auto writers = [&] { return writers_among(nodes); };
  ASSERT_TRUE(
      ::hoyo::testing::eventually([&] { return writers().size() == 1; }, std::chrono::seconds(20)));
  const int first = writers().front();
  const std::optional<Term> first_term = nodes[first]->term();
  ASSERT_TRUE(first_term);
  const std::uint64_t first_epoch = first_term->epoch;
  for (int n = 0; n < 50; ++n) ASSERT_TRUE(stores[first]->append(one_event(n)).ok()) << n;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(::hoyo::testing::eventually([&] { return stores[i]->head() == 50; }));
    EXPECT_EQ(stores[i]->head_hash(), stores[first]->head_hash());
    // Followers take no appends of their own.
    if (i != first) {
      EXPECT_EQ(stores[i]->append(one_event(1000 + i)).error().message,
                base::MessageId::kStoreNotWriter);
    }
  }
  // Never two writers at once, for a few lease periods.
  for (int k = 0; k < 10; ++k) {
    EXPECT_LE(writers().size(), 1u);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  EXPECT_EQ(writers(), std::vector<int>{first});

  // The writer dies: its node stops (no more renewals), its store stays as
  // it was, a writer's store that nobody follows for.
  nodes[first].reset();
  ASSERT_TRUE(::hoyo::testing::eventually(
      [&] {
        auto w = writers();
        return w.size() == 1 && w.front() != first;
      },
      std::chrono::seconds(20)));
  const int second = writers().front();
  const std::optional<Term> t = nodes[second]->term();
  ASSERT_TRUE(t);
  EXPECT_GT(t->epoch, first_epoch);
  for (int n = 50; n < 60; ++n) ASSERT_TRUE(stores[second]->append(one_event(n)).ok()) << n;
  for (int i = 0; i < 3; ++i) {
    if (i == first) continue;
    ASSERT_TRUE(::hoyo::testing::eventually([&] { return stores[i]->head() == 60; }));
    EXPECT_EQ(stores[i]->head_hash(), stores[second]->head_hash());
    EXPECT_TRUE(stores[i]->verify().ok);
  }
  // The dead writer's store (were its process still up) is fenced.
  const auto late = stores[first]->append(one_event(999));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.code(), base::ErrorCode::kFenced);
  EXPECT_EQ(stores[first]->head(), 50u);
  EXPECT_GE(became_writer.load(), 2);
}

// A new writer whose becoming_writer (hoyod's side-stream catch-up) lasts
// three lease TTLs keeps its lease meanwhile: after the writer dies there
// is one election, and the other nodes do not campaign again (before, the
// lease was renewed once, ran out during the catch-up, and another node
// won a later epoch that fenced the first new writer).
TEST_F(NodeTest, ANewWriterSlowToCatchUpKeepsItsLeaseAndIsNotChallenged) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  const auto ttl = std::chrono::milliseconds(1500);
  std::array<std::unique_ptr<Connection>, 3> conns;
  std::array<std::unique_ptr<eventstore::EventStore>, 3> stores;
  std::array<std::unique_ptr<Node>, 3> nodes;
  std::mutex mu;
  std::vector<std::uint64_t> begun;  // the epochs of every becoming_writer
  for (int i = 0; i < 3; ++i) {
    const std::string name = std::string("node-") + static_cast<char>('a' + i);
    conns[i] = connect(stream, name);
    stores[i] = std::move(eventstore::EventStore::open(dir.sub(name))).value();
    NodeEvents events;
    events.becoming_writer = [&, ttl](const Term& t) {
      {
        std::lock_guard lk(mu);
        begun.push_back(t.epoch);
      }
      // Every term after the first catches up slowly.
      if (t.epoch > 1) std::this_thread::sleep_for(3 * ttl);
      return base::ok_status();
    };
    auto n = Node::start(*conns[i], *stores[i],
                         NodeOptions{name, LeaseSettings{ttl, 3}, std::chrono::milliseconds(250)},
                         std::move(events));
    ASSERT_TRUE(n.ok()) << n.error();
    nodes[i] = std::move(n.value());
  }
  auto writers = [&] { return writers_among(nodes); };
  ASSERT_TRUE(
      ::hoyo::testing::eventually([&] { return writers().size() == 1; }, std::chrono::seconds(20)));
  const int first = writers().front();
  const std::uint64_t first_epoch = nodes[first]->term()->epoch;
  ASSERT_EQ(first_epoch, 1u);

  nodes[first].reset();  // the writer dies
  ASSERT_TRUE(::hoyo::testing::eventually(
      [&] {
        auto w = writers();
        return w.size() == 1 && w.front() != first;
      },
      std::chrono::seconds(30)));
  const int second = writers().front();
  const Term term = *nodes[second]->term();
  // A few lease TTLs more: nobody campaigns again, the new writer stays.
  std::this_thread::sleep_for(3 * ttl);
  ASSERT_EQ(writers(), std::vector<int>{second});
  EXPECT_EQ(nodes[second]->term()->epoch, term.epoch);
  std::lock_guard lk(mu);
  EXPECT_EQ(begun, (std::vector<std::uint64_t>{1, 2}));
}

// A follower that saw writer 1 hold the lease, and finds it empty with an
// epoch message of a writer it never saw hold it (epoch 2, which won but
// has not renewed yet), counts that as a held lease for a TTL before it
// campaigns (before, it campaigned a step later and fenced the new writer).
TEST_F(NodeTest, AFollowerWaitsATtlForAWinnerThatHasNotRenewedYet) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  const LeaseSettings lease{std::chrono::milliseconds(1500), 3};
  auto w = connect(stream, "node-w");
  base::Result<Term> first = campaign(*w, "node-w", {});
  ASSERT_TRUE(first.ok()) << first.error();
  auto held = Lease::open(*w, lease);
  ASSERT_TRUE(held.ok()) << held.error();
  ASSERT_TRUE(held.value()->renew(*first).ok());
  auto conn = connect(stream, "node-a");
  auto store = std::move(eventstore::EventStore::open(dir.sub("node-a"))).value();
  auto node =
      Node::start(*conn, *store, NodeOptions{"node-a", lease, std::chrono::milliseconds(100)});
  ASSERT_TRUE(node.ok()) << node.error();
  ASSERT_TRUE(::hoyo::testing::eventually([&] {
    return node.value()->lease_holder() == LeaseHolder{first->epoch, "node-w"};
  }));
  // Writer 1 stops renewing; node-x wins epoch 2 and never renews.
  auto x = connect(stream, "node-x");
  base::Result<Term> second = campaign(*x, "node-x", {});
  ASSERT_TRUE(second.ok()) << second.error();
  ASSERT_EQ(second->epoch, first->epoch + 1);
  ASSERT_TRUE(::hoyo::testing::eventually(
      [&] {
        base::Result<std::optional<LeaseHolder>> h = held.value()->holder();
        return h.ok() && !h.value();
      },
      std::chrono::seconds(10)));
  // The lease is empty: still no campaign for most of a TTL.
  for (int k = 0; k < 10; ++k) {
    ASSERT_FALSE(node.value()->term().has_value()) << k;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // node-x never renewing, node-a takes over after it.
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return node.value()->term().has_value(); },
                                          std::chrono::seconds(20)));
  EXPECT_EQ(node.value()->term()->epoch, second->epoch + 1);
}

// A becoming_writer that fails (hoyod's side-stream catch-up that gave up)
// leaves no half-writer: the store never took the writer's role, the node
// says follower (became_follower), and it campaigns again once its lease
// ran out, then writes in a later epoch.
TEST_F(NodeTest, AFailedBecomingWriterLeavesTheNodeAFollowerThatCampaignsAgain) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  auto conn = connect(stream, "node-a");
  auto store = std::move(eventstore::EventStore::open(dir.sub("node-a"))).value();
  std::mutex mu;
  std::vector<std::string> seen;
  NodeEvents events;
  events.becoming_writer = [&](const Term& t) {
    std::lock_guard lk(mu);
    seen.push_back("becoming " + std::to_string(t.epoch));
    if (t.epoch > 1) return base::ok_status();
    return base::Status{base::ErrorCode::kUnavailable,
                        base::MessageId::kClusterJetStreamFailed,
                        {{"what", "side stream catch-up"}, {"cause", "Timeout"}}};
  };
  events.became_follower = [&](const base::Status& why) {
    const bool replica = store->role() == eventstore::StoreRole::kReplica;
    std::lock_guard lk(mu);
    seen.push_back(std::string("follower ") + (replica ? "replica " : "writer ") +
                   base::error_code_name(why.code()));
  };
  events.became_writer = [&](const Term& t) {
    std::lock_guard lk(mu);
    seen.push_back("writer " + std::to_string(t.epoch));
  };
  auto node = Node::start(*conn, *store,
                          NodeOptions{"node-a", LeaseSettings{std::chrono::milliseconds(1500), 3},
                                      std::chrono::milliseconds(100)},
                          std::move(events));
  ASSERT_TRUE(node.ok()) << node.error();
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return node.value()->term().has_value(); },
                                          std::chrono::seconds(20)));
  EXPECT_EQ(node.value()->term()->epoch, 2u);
  EXPECT_EQ(store->role(), eventstore::StoreRole::kWriter);
  EXPECT_TRUE(store->append(one_event(1)).ok());
  std::lock_guard lk(mu);
  EXPECT_EQ(seen, (std::vector<std::string>{"becoming 1", "follower replica unavailable",
                                            "becoming 2", "writer 2"}));
}

// A writer that learns it was superseded says so before it waits for its
// store's appends under way (here one whose answer is held): hoyod forwards
// requests from that moment, instead of deciding them in a fenced processor
// until the store goes idle (a frozen writer woken past its lease answered
// a login 503 in that window).
TEST_F(NodeTest, ASupersededWriterSaysSoBeforeItWaitsForItsAppends) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  auto conn = connect(stream, "node-a");
  auto store = std::move(eventstore::EventStore::open(dir.sub("node-a"))).value();
  std::mutex mu;
  std::vector<std::string> seen;  // the events, each with the store's role then
  auto note = [&](const std::string& what) {
    const bool writer = store->role() == eventstore::StoreRole::kWriter;
    std::lock_guard lk(mu);
    seen.push_back(what + (writer ? " as writer" : " as replica"));
  };
  NodeEvents events;
  events.stepping_down = [&] { note("stepping down"); };
  events.became_follower = [&](const base::Status&) { note("follower"); };
  auto node = Node::start(*conn, *store,
                          NodeOptions{"node-a", LeaseSettings{std::chrono::milliseconds(1500), 3},
                                      std::chrono::milliseconds(100)},
                          std::move(events));
  ASSERT_TRUE(node.ok()) << node.error();
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return node.value()->term().has_value(); },
                                          std::chrono::seconds(20)));
  const Term term = *node.value()->term();
  // An append whose answer waits: the store stays busy until it is released.
  std::promise<void> answered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  store->append_async(one_event(1), [&answered, released](base::Result<eventstore::AppendResult>) {
    answered.set_value();
    released.wait();
  });
  answered.get_future().wait();
  // Another node's later epoch in the lease.
  auto other = connect(stream, "node-b");
  auto lease = Lease::open(*other, LeaseSettings{std::chrono::milliseconds(1500), 3});
  ASSERT_TRUE(lease.ok()) << lease.error();
  // (Written again until it is read: the writer's own renewal, after its
  // last reading, may overwrite it once.)
  ASSERT_TRUE(::hoyo::testing::eventually(
      [&] {
        EXPECT_TRUE(lease.value()->renew(Term{term.epoch + 1, "node-b", 0}).ok());
        return !node.value()->term().has_value();
      },
      std::chrono::seconds(10)));
  {
    std::lock_guard lk(mu);
    EXPECT_EQ(seen, std::vector<std::string>{"stepping down as writer"});
  }
  EXPECT_EQ(store->role(), eventstore::StoreRole::kWriter);  // still waiting for its append
  release.set_value();
  ASSERT_TRUE(::hoyo::testing::eventually([&] {
    std::lock_guard lk(mu);
    return seen.size() == 2;
  }));
  std::lock_guard lk(mu);
  EXPECT_EQ(seen[1], "follower as replica");
}

// The writer's fsync fails: its store is read-only (it cannot answer a
// write), so it steps down and the other node takes over, in a later epoch.
TEST_F(NodeTest, AWriterWhoseDiskFailsStepsDownAndAnotherWrites) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  std::array<std::shared_ptr<eventstore::FaultInjector>, 2> faults;
  std::array<std::unique_ptr<Connection>, 2> conns;
  std::array<std::unique_ptr<eventstore::EventStore>, 2> stores;
  std::array<std::unique_ptr<Node>, 2> nodes;
  for (int i = 0; i < 2; ++i) {
    const std::string name = std::string("node-") + static_cast<char>('a' + i);
    faults[i] = std::make_shared<eventstore::FaultInjector>();
    conns[i] = connect(stream, name);
    stores[i] = faulty_store(dir.sub(name), faults[i]);
    ASSERT_TRUE(stores[i]);
    nodes[i] = start(*conns[i], *stores[i], name);
    ASSERT_TRUE(nodes[i]);
  }
  int first = -1;
  ASSERT_TRUE(::hoyo::testing::eventually(
      [&] {
        for (int i = 0; i < 2; ++i) {
          if (nodes[i]->term()) first = i;
        }
        return first >= 0;
      },
      std::chrono::seconds(20)));
  const int other = 1 - first;
  const std::uint64_t first_epoch = nodes[first]->term()->epoch;
  for (int n = 0; n < 5; ++n) ASSERT_TRUE(stores[first]->append(one_event(n)).ok()) << n;
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return stores[other]->head() == 5; }));

  faults[first]->fail_syncs(true);
  EXPECT_FALSE(stores[first]->append(one_event(5)).ok());
  EXPECT_EQ(stores[first]->condition(), eventstore::StoreCondition::kReadOnly);
  ASSERT_TRUE(::hoyo::testing::eventually(
      [&] { return !nodes[first]->term() && nodes[other]->term(); }, std::chrono::seconds(20)))
      << "the sick writer kept the lease";
  EXPECT_GT(nodes[other]->term()->epoch, first_epoch);
  EXPECT_EQ(stores[first]->role(), eventstore::StoreRole::kReplica);
  // The new writer holds what the stream acknowledged (the refused batch
  // may be among it: it was published before its local sync failed).
  const std::uint64_t head = stores[other]->head();
  EXPECT_GE(head, 5u);
  ASSERT_TRUE(stores[other]->append(one_event(6)).ok());
  EXPECT_EQ(stores[other]->head(), head + 1);
  // The sick node says why it applies nothing: its store's health does.
  EXPECT_TRUE(nodes[first]->follow_state().stopped.ok());
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return nodes[first]->follow_state().behind >= 1; },
                                          std::chrono::seconds(5)));
}

// A node whose disk is full does not campaign (it could not write); once
// space returns and its store resumes, it does.
TEST_F(NodeTest, ANodeWhoseDiskIsFullCampaignsOnlyOnceItRecovers) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  auto faults = std::make_shared<eventstore::FaultInjector>();
  auto conn = connect(stream, "node-a");
  auto store = faulty_store(dir.sub("node-a"), faults);
  ASSERT_TRUE(store);
  // (A side-table write finds the disk full: a refused append could show in
  // the log once the store resumes, and the stream does not have it.)
  faults->no_space(true);
  EXPECT_FALSE(store->side_put(eventstore::SideTable::kSettings, "k", "v").ok());
  ASSERT_EQ(store->condition(), eventstore::StoreCondition::kNoSpace);
  std::atomic<int> became_writer{0};
  NodeEvents events;
  events.became_writer = [&](const Term&) { ++became_writer; };
  std::unique_ptr<Node> node = start(*conn, *store, "node-a", std::move(events));
  ASSERT_TRUE(node);
  // The lease is free all along: a healthy node wins it within a lease or two.
  std::this_thread::sleep_for(std::chrono::seconds(5));
  EXPECT_EQ(became_writer.load(), 0);
  EXPECT_FALSE(node->term());

  faults->no_space(false);
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return node->term().has_value(); },
                                          std::chrono::seconds(20)))
      << "the recovered node did not campaign";
  EXPECT_TRUE(store->append(one_event(2)).ok());
}

// A follower's store holds an event the stream does not (written behind its
// back): the next batch cannot be applied. The node says so, with how far
// behind it is, and logs it once, not at every step it tries again.
TEST_F(NodeTest, AFollowerThatCannotApplyTheStreamSaysSoOnce) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  auto wc = connect(stream, "node-a");
  auto ws = std::move(eventstore::EventStore::open(dir.sub("node-a"))).value();
  std::unique_ptr<Node> writer = start(*wc, *ws, "node-a");
  ASSERT_TRUE(writer);
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return writer->term().has_value(); },
                                          std::chrono::seconds(20)));
  for (int n = 0; n < 3; ++n) ASSERT_TRUE(ws->append(one_event(n)).ok()) << n;
  auto fc = connect(stream, "node-b");
  auto fs = std::move(eventstore::EventStore::open(dir.sub("node-b"))).value();
  ::testing::internal::CaptureStderr();
  std::unique_ptr<Node> follower = start(*fc, *fs, "node-b");
  ASSERT_TRUE(follower);
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return fs->head() == 3; }));
  EXPECT_TRUE(follower->follow_state().stopped.ok());
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return follower->follow_state().behind == 0; }));

  ASSERT_TRUE(::hoyo::testing::eventually(
      [&] { return fs->set_role(eventstore::StoreRole::kWriter).ok(); }));
  eventstore::AppendRequest local{"local", eventstore::ExpectedVersion::any(), {}};
  local.events.push_back(eventstore::NewEvent{{9}, "LocalHappened", "x", "system"});
  ASSERT_TRUE(fs->append(local).ok());
  ASSERT_TRUE(fs->set_role(eventstore::StoreRole::kReplica).ok());
  ASSERT_TRUE(ws->append(one_event(3)).ok());

  ASSERT_TRUE(::hoyo::testing::eventually([&] { return !follower->follow_state().stopped.ok(); },
                                          std::chrono::seconds(10)));
  // Tried again at every step (a quarter second) meanwhile.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const FollowState state = follower->follow_state();
  follower.reset();
  const std::string logged = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(state.stopped.code(), base::ErrorCode::kCorruption);
  EXPECT_EQ(state.stopped.error().message, base::MessageId::kClusterFollowerDiverged);
  EXPECT_GE(state.behind, 1u);
  EXPECT_EQ(fs->head(), 4u);
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = logged.find("cannot apply the stream", at)) != std::string::npos;
       ++at) {
    ++lines;
  }
  EXPECT_EQ(lines, 1u) << logged;
  EXPECT_NE(logged.find("\"head\":\"4\""), std::string::npos) << logged;
  // The writer's own state says nothing of the sort.
  EXPECT_TRUE(writer->follow_state().stopped.ok());
  EXPECT_EQ(writer->follow_state().behind, 0u);
}

}  // namespace
}  // namespace hoyo::cluster
