#include "eventstore/internal/resume_listener.h"

namespace hoyo::eventstore::internal {
namespace {

class ResumeListener : public rocksdb::EventListener {
 public:
  // RocksDB (7.8) files an error met while switching memtables under
  // kMemTable, which it rates fatal: the WAL buffer the switch wrote out is
  // dropped on failure. DB::Resume() then refuses for good, and a store whose
  // disk filled at that moment never resumed (health said no_space after
  // space returned; issue 14). The same buffer dropped by a failed WAL flush
  // (FlushWAL) is rated a hard error and resumed: the resume flushes every
  // memtable, which holds all the buffer held, and only unsynced (never
  // acknowledged) batches were in it. So a full disk is rated the same here.
  // Any other error at a switch stays fatal, and an unrecoverable one (data
  // lost) stays unrecoverable.
  void OnBackgroundError(rocksdb::BackgroundErrorReason reason,
                         rocksdb::Status* bg_error) override {
    if (reason == rocksdb::BackgroundErrorReason::kMemTable && bg_error->IsNoSpace() &&
        bg_error->severity() == rocksdb::Status::Severity::kFatalError) {
      *bg_error = rocksdb::Status(*bg_error, rocksdb::Status::Severity::kHardError);
    }
  }

  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason, rocksdb::Status bg_error,
                            bool* auto_recovery) override {
    if (bg_error.severity() >= rocksdb::Status::Severity::kHardError) *auto_recovery = false;
  }
};

}  // namespace

std::shared_ptr<rocksdb::EventListener> make_resume_listener() {
  return std::make_shared<ResumeListener>();
}

}  // namespace hoyo::eventstore::internal
