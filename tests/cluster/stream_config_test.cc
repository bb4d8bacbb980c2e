// The stream's configuration check, without a server.
#include <gtest/gtest.h>

#include <functional>

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

}  // namespace
}  // namespace hoyo::cluster
