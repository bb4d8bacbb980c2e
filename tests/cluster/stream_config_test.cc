// The stream's configuration check, without a server.
#include <gtest/gtest.h>

#include <functional>

#include "cluster/side_stream.h"
#include "cluster/stream.h"

namespace hoyo::cluster {
namespace {

TEST(StreamConfig, EveryFieldThatMattersIsChecked) {
  StreamSettings settings;
  const StreamSubjects subjects = StreamSubjects::of(settings.name);
  const char* subject_storage[] = {subjects.all.c_str()};
  const char* other_subject[] = {"elsewhere.>"};
  jsStreamConfig good;
  init_stream_config(settings, good, subject_storage);
  EXPECT_TRUE(check_stream_config(good, settings).ok());
  good.Duplicates *= 2;  // a longer window is fine
  EXPECT_TRUE(check_stream_config(good, settings).ok());
  const std::vector<std::pair<const char*, std::function<void(jsStreamConfig&)>>> changes = {
      {"subjects", [&](jsStreamConfig& c) { c.Subjects = other_subject; }},
      {"retention", [](jsStreamConfig& c) { c.Retention = js_WorkQueuePolicy; }},
      {"storage", [](jsStreamConfig& c) { c.Storage = js_MemoryStorage; }},
      {"replicas", [](jsStreamConfig& c) { c.Replicas = 1; }},
      {"discard", [](jsStreamConfig& c) { c.Discard = js_DiscardOld; }},
      {"max_msgs", [](jsStreamConfig& c) { c.MaxMsgs = 1000; }},
      {"max_bytes", [](jsStreamConfig& c) { c.MaxBytes = 1 << 30; }},
      {"max_age", [](jsStreamConfig& c) { c.MaxAge = 1000; }},
      {"max_msgs_per_subject", [](jsStreamConfig& c) { c.MaxMsgsPerSubject = 5; }},
      {"max_msg_size", [](jsStreamConfig& c) { c.MaxMsgSize = 1024; }},
      {"deny_delete", [](jsStreamConfig& c) { c.DenyDelete = false; }},
      {"deny_purge", [](jsStreamConfig& c) { c.DenyPurge = false; }},
      {"sealed", [](jsStreamConfig& c) { c.Sealed = true; }},
      {"allow_rollup_hdrs", [](jsStreamConfig& c) { c.AllowRollup = true; }},
      {"duplicate_window", [](jsStreamConfig& c) { c.Duplicates = 60LL * 1000 * 1000 * 1000; }},
  };
  for (const auto& [field, change] : changes) {
    jsStreamConfig c;
    init_stream_config(settings, c, subject_storage);
    change(c);
    const base::Status s = check_stream_config(c, settings);
    ASSERT_FALSE(s.ok()) << field;
    EXPECT_EQ(base::arg_text(s.error().args, "field"), field);
  }
}

TEST(StreamConfig, TheSideStreamKeepsOneMessagePerSubjectAndMayErase) {
  StreamSettings log;
  const StreamSettings side = side_stream_settings(log);
  EXPECT_EQ(side.name, "HOYO_SIDE");
  const std::string filter = subject_filter(side);
  EXPECT_EQ(filter, "HOYO_SIDE.>");
  const char* subject_storage[] = {filter.c_str()};
  jsStreamConfig good;
  init_stream_config(side, good, subject_storage);
  EXPECT_EQ(good.MaxMsgsPerSubject, 1);
  EXPECT_FALSE(good.DenyDelete);
  EXPECT_TRUE(good.DenyPurge);
  EXPECT_TRUE(check_stream_config(good, side).ok());
  // The log's configuration is not the side stream's, nor the other way round.
  EXPECT_FALSE(check_stream_config(good, log).ok());
  const char* log_subject[] = {"HOYO_SIDE.*"};
  const std::vector<std::pair<const char*, std::function<void(jsStreamConfig&)>>> changes = {
      {"subjects", [&](jsStreamConfig& c) { c.Subjects = log_subject; }},
      {"max_msgs_per_subject", [](jsStreamConfig& c) { c.MaxMsgsPerSubject = -1; }},
      {"deny_delete", [](jsStreamConfig& c) { c.DenyDelete = true; }},
      {"deny_purge", [](jsStreamConfig& c) { c.DenyPurge = false; }},
  };
  for (const auto& [field, change] : changes) {
    jsStreamConfig c;
    init_stream_config(side, c, subject_storage);
    change(c);
    const base::Status s = check_stream_config(c, side);
    ASSERT_FALSE(s.ok()) << field;
    EXPECT_EQ(base::arg_text(s.error().args, "field"), field);
  }
}

}  // namespace
}  // namespace hoyo::cluster
