// The stream against three real nats-servers: made as the design says, with
// one genesis message however many nodes ensure it, and an existing stream
// of another configuration refused by name, not changed.
#include "cluster/stream.h"

#include <thread>

#include "cluster_env.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class StreamTest : public ClusterTest {};

TEST_F(StreamTest, IsMadeOnceWithOneGenesisMessage) {
  StreamSettings settings;
  settings.name = "MADE";
  std::vector<std::thread> nodes;
  std::vector<base::Status> results(3);
  for (int i = 0; i < 3; ++i) {
    nodes.emplace_back([&, i] {
      auto c = connect("MADE", "node" + std::to_string(i));
      results[i] = ensure_stream(*c, settings);
    });
  }
  for (auto& t : nodes) t.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.to_string();
  auto c = connect("MADE");
  base::Result<StreamState> state = c->stream_state();
  ASSERT_TRUE(state.ok()) << state.error();
  EXPECT_EQ(state->last_sequence, 1u);
  base::Result<std::optional<StoredMessage>> first = c->message_at(1);
  ASSERT_TRUE(first.ok() && first.value());
  EXPECT_EQ(first.value()->kind, MessageKind::kGenesis);
  EXPECT_EQ(first.value()->msg_id, "genesis");
  // Ensured again later: still one message, same configuration.
  EXPECT_TRUE(ensure_stream(*c, settings).ok());
  EXPECT_EQ(c->stream_state()->last_sequence, 1u);

  jsStreamInfo* si = nullptr;
  jsOptions o = c->request_options();
  jsErrCode jerr{};
  ASSERT_EQ(js_GetStreamInfo(&si, c->jetstream(), "MADE", &o, &jerr), NATS_OK);
  EXPECT_EQ(si->Config->Replicas, 3);
  EXPECT_EQ(si->Config->Storage, js_FileStorage);
  EXPECT_EQ(si->Config->Discard, js_DiscardNew);
  EXPECT_TRUE(si->Config->DenyDelete);
  EXPECT_TRUE(si->Config->DenyPurge);
  EXPECT_EQ(si->Config->MaxMsgs, -1);
  EXPECT_EQ(si->Config->MaxBytes, -1);
  EXPECT_EQ(si->Config->MaxAge, 0);
  EXPECT_GE(si->Config->Duplicates, 10LL * 60 * 1000 * 1000 * 1000);
  jsStreamInfo_Destroy(si);
  // Messages cannot be deleted.
  EXPECT_NE(js_DeleteMsg(c->jetstream(), "MADE", 1, &o, &jerr), NATS_OK);
}

TEST_F(StreamTest, AnotherConfigurationIsRefusedByFieldAndLeftAlone) {
  auto c = connect("OTHER");
  StreamSettings settings;
  settings.name = "OTHER";
  const StreamSubjects subjects = StreamSubjects::of("OTHER");
  const char* subject_storage[] = {subjects.all.c_str()};
  jsStreamConfig cfg;
  init_stream_config(settings, cfg, subject_storage);
  cfg.DenyPurge = false;  // someone made it by hand
  jsOptions o = c->request_options();
  jsErrCode jerr{};
  ASSERT_EQ(js_AddStream(nullptr, c->jetstream(), &cfg, &o, &jerr), NATS_OK);

  const base::Status s = ensure_stream(*c, settings);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), base::ErrorCode::kConflict);
  EXPECT_EQ(s.error().message, base::MessageId::kClusterStreamMismatch);
  EXPECT_EQ(base::arg_text(s.error().args, "field"), "deny_purge");
  EXPECT_EQ(c->stream_state()->last_sequence, 0u);  // no genesis either
  jsStreamInfo* si = nullptr;
  ASSERT_EQ(js_GetStreamInfo(&si, c->jetstream(), "OTHER", &o, &jerr), NATS_OK);
  EXPECT_FALSE(si->Config->DenyPurge);
  jsStreamInfo_Destroy(si);
}

TEST_F(StreamTest, AStreamWhoseFirstMessageIsNoGenesisIsRefused) {
  auto c = connect("NOGENESIS");
  StreamSettings settings;
  settings.name = "NOGENESIS";
  const StreamSubjects subjects = StreamSubjects::of("NOGENESIS");
  const char* subject_storage[] = {subjects.all.c_str()};
  jsStreamConfig cfg;
  init_stream_config(settings, cfg, subject_storage);
  jsOptions o = c->request_options();
  jsErrCode jerr{};
  ASSERT_EQ(js_AddStream(nullptr, c->jetstream(), &cfg, &o, &jerr), NATS_OK);
  ASSERT_EQ(js_Publish(nullptr, c->jetstream(), subjects.batch.c_str(), "x", 1, nullptr, &jerr),
            NATS_OK);
  const base::Status s = ensure_stream(*c, settings);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, base::MessageId::kClusterNoGenesis);
}

}  // namespace
}  // namespace hoyo::cluster
