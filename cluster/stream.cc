#include "cluster/stream.h"

#include <cstring>
#include <thread>
#include <type_traits>

namespace hoyo::cluster {
namespace {

constexpr std::int64_t kNanosPerMinute = 60LL * 1000 * 1000 * 1000;

base::Status mismatch(const StreamSettings& s, const char* field, const std::string& found,
                      const std::string& wanted) {
  return {
      base::ErrorCode::kConflict,
      base::MessageId::kClusterStreamMismatch,
      {{"stream", s.name}, {"field", std::string(field)}, {"found", found}, {"wanted", wanted}}};
}

template <class T>
std::string text(T v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else {
    return std::to_string(static_cast<std::int64_t>(v));
  }
}

}  // namespace

StreamSubjects StreamSubjects::of(const std::string& stream) {
  return {stream + ".*", stream + ".batch", stream + ".epoch", stream + ".genesis"};
}

std::string subject_filter(const StreamSettings& settings) {
  return settings.key_value ? settings.name + ".>" : StreamSubjects::of(settings.name).all;
}

void init_stream_config(const StreamSettings& settings, jsStreamConfig& cfg,
                        const char** subject_storage) {
  jsStreamConfig_Init(&cfg);
  cfg.MaxConsumers = -1;  // no limits
  cfg.MaxMsgs = -1;
  cfg.MaxBytes = -1;
  cfg.MaxAge = 0;
  cfg.MaxMsgsPerSubject = settings.key_value ? 1 : -1;
  cfg.MaxMsgSize = -1;
  cfg.Name = settings.name.c_str();
  cfg.Subjects = subject_storage;
  cfg.SubjectsLen = 1;
  cfg.Retention = js_LimitsPolicy;
  cfg.Storage = js_FileStorage;
  cfg.Replicas = settings.replicas;
  cfg.Discard = js_DiscardNew;
  cfg.DenyDelete = !settings.key_value;  // the side stream erases shredded keys
  cfg.DenyPurge = true;
  cfg.Duplicates = settings.duplicate_window.count() * kNanosPerMinute;
}

base::Status check_stream_config(const jsStreamConfig& f, const StreamSettings& s) {
  const std::string subjects = subject_filter(s);
  if (f.SubjectsLen != 1 || std::strcmp(f.Subjects[0], subjects.c_str()) != 0) {
    std::string found;
    for (int i = 0; i < f.SubjectsLen; ++i) found += (i ? "," : "") + std::string(f.Subjects[i]);
    return mismatch(s, "subjects", found, subjects);
  }
  if (f.Retention != js_LimitsPolicy) return mismatch(s, "retention", text(f.Retention), "limits");
  if (f.Storage != js_FileStorage) return mismatch(s, "storage", text(f.Storage), "file");
  if (f.Replicas != s.replicas) return mismatch(s, "replicas", text(f.Replicas), text(s.replicas));
  if (f.Discard != js_DiscardNew) return mismatch(s, "discard", text(f.Discard), "new");
  if (f.MaxMsgs != -1) return mismatch(s, "max_msgs", text(f.MaxMsgs), "-1");
  if (f.MaxBytes != -1) return mismatch(s, "max_bytes", text(f.MaxBytes), "-1");
  if (f.MaxAge != 0) return mismatch(s, "max_age", text(f.MaxAge), "0");
  const std::int64_t per_subject = s.key_value ? 1 : -1;
  if (f.MaxMsgsPerSubject != per_subject) {
    return mismatch(s, "max_msgs_per_subject", text(f.MaxMsgsPerSubject), text(per_subject));
  }
  if (f.MaxMsgSize != -1) return mismatch(s, "max_msg_size", text(f.MaxMsgSize), "-1");
  if (f.DenyDelete != !s.key_value) {
    return mismatch(s, "deny_delete", text(f.DenyDelete), text(!s.key_value));
  }
  if (!f.DenyPurge) return mismatch(s, "deny_purge", text(f.DenyPurge), "true");
  if (f.Sealed) return mismatch(s, "sealed", text(f.Sealed), "false");
  if (f.AllowRollup) return mismatch(s, "allow_rollup_hdrs", text(f.AllowRollup), "false");
  const std::int64_t window = s.duplicate_window.count() * kNanosPerMinute;
  if (f.Duplicates < window) {
    return mismatch(s, "duplicate_window", text(f.Duplicates), ">= " + text(window));
  }
  return base::ok_status();
}

base::Status ensure_stream(Connection& c, const StreamSettings& settings) {
  const StreamSubjects subjects = StreamSubjects::of(settings.name);
  const std::string filter = subject_filter(settings);
  const char* subject_storage[] = {filter.c_str()};
  jsStreamConfig cfg;
  init_stream_config(settings, cfg, subject_storage);
  jsOptions o = c.request_options();
  jsStreamInfo* si = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = NATS_OK;
  // A cluster just formed (or loaded: the full test run on 2 cores timed out
  // at one request's wait) may not answer the JetStream API at once, and
  // making an R3 stream waits for its three peers: ask again until ten
  // request waits have passed.
  const auto api_deadline =
      std::chrono::steady_clock::now() + 10 * o.Wait * std::chrono::milliseconds(1);
  for (;;) {
    jerr = static_cast<jsErrCode>(0);
    s = js_GetStreamInfo(&si, c.jetstream(), settings.name.c_str(), &o, &jerr);
    if (s == NATS_NOT_FOUND || jerr == JSStreamNotFoundErr) {
      jerr = static_cast<jsErrCode>(0);
      s = js_AddStream(&si, c.jetstream(), &cfg, &o, &jerr);
      if (jerr == JSStreamNameExistErr) {  // another node made it meanwhile: check what it made
        jerr = static_cast<jsErrCode>(0);
        s = js_GetStreamInfo(&si, c.jetstream(), settings.name.c_str(), &o, &jerr);
      }
    }
    // A cluster still forming answers these, or nothing at all.
    const bool unanswered = s == NATS_TIMEOUT || s == NATS_NO_RESPONDERS ||
                            jerr == JSClusterNoPeersErr || jerr == JSClusterNotAvailErr ||
                            jerr == JSInsufficientResourcesErr;
    if (!unanswered || std::chrono::steady_clock::now() >= api_deadline) break;
    if (si != nullptr) {
      jsStreamInfo_Destroy(si);
      si = nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (s != NATS_OK) return jetstream_failure("create stream", s, jerr);
  base::Status same = check_stream_config(*si->Config, settings);
  const std::uint64_t last = si->State.LastSeq;
  jsStreamInfo_Destroy(si);
  if (!same.ok()) return same;

  if (last == 0) {
    // Every node may do this at once: the message id keeps one. A stream
    // just made answers "no responders" until its Raft group has a leader.
    const Outgoing genesis{subjects.genesis, MessageKind::kGenesis, "genesis", 0, {}};
    const auto deadline = std::chrono::steady_clock::now() +
                          10 * c.request_options().Wait * std::chrono::milliseconds(1);
    for (;;) {
      const PublishAttempt a = c.publish(genesis);
      if (a.outcome == PublishAttempt::Outcome::kStored ||
          a.outcome == PublishAttempt::Outcome::kDuplicate) {
        break;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        return a.cause.ok() ? jetstream_failure("genesis", NATS_ERR, jerr) : a.cause;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  base::Result<std::optional<StoredMessage>> first = c.message_at(1);
  if (!first.ok()) return first.status();
  if (!first.value() || first.value()->kind != MessageKind::kGenesis ||
      first.value()->msg_id != "genesis") {
    return {base::ErrorCode::kCorruption,
            base::MessageId::kClusterNoGenesis,
            {{"stream", settings.name}}};
  }
  return base::ok_status();
}

}  // namespace hoyo::cluster
