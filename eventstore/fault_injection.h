// Test support: makes the store's file writes or syncs fail on command, to prove
// that an I/O error acknowledges nothing and leaves the store read-only; makes
// the disk look full, to prove that the store recovers by itself once space
// returns; and makes reads of single events fail, to prove that readers fail
// closed. hoyod drives it under --test-faults (PUT /api/test/faults).
#pragma once

#include <atomic>

namespace hoyo::eventstore {

class FaultInjector {
 public:
  // While set, every append to a file (WAL, tables, manifest) returns an I/O error.
  void fail_writes(bool on) { fail_writes_.store(on); }
  // While set, every Sync/Fsync of a file returns an I/O error.
  void fail_syncs(bool on) { fail_syncs_.store(on); }
  // While set, every append to a file answers IOStatus::NoSpace, as a write()
  // that got ENOSPC: the disk is full. Syncs of what was written still work.
  void no_space(bool on) { no_space_.store(on); }
  // While set, every EventStore::read_at answers kIoError ("injected read
  // failure") without reading. Other reads, appends and the store's health
  // are unaffected.
  void fail_reads(bool on) { fail_reads_.store(on); }

  bool writes_failing() const { return fail_writes_.load(); }
  bool syncs_failing() const { return fail_syncs_.load(); }
  bool out_of_space() const { return no_space_.load(); }
  bool reads_failing() const { return fail_reads_.load(); }

 private:
  std::atomic<bool> fail_writes_{false};
  std::atomic<bool> fail_syncs_{false};
  std::atomic<bool> no_space_{false};
  std::atomic<bool> fail_reads_{false};
};

}  // namespace hoyo::eventstore
