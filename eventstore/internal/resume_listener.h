// How the store and RocksDB share the recovery from a full disk.
#pragma once

#include <rocksdb/listener.h>

#include <memory>

namespace hoyo::eventstore::internal {

// The listener every store opens RocksDB with. An error that stops writes is
// the store's to resume (EventStore::Impl::run_resumer), so that its writer
// rereads its head first; RocksDB's own recovery is left to lesser errors (a
// compaction out of space, which writes go on through). A full disk met by a
// memtable switch (a flush, or a write that fills a memtable, writing out the
// WAL buffer) counts as stopping writes, not as fatal: see the .cc.
std::shared_ptr<rocksdb::EventListener> make_resume_listener();

}  // namespace hoyo::eventstore::internal
