// A RocksDB FileSystem that consults a FaultInjector before writes and syncs.
#pragma once

#include <rocksdb/file_system.h>

#include <memory>

#include "eventstore/fault_injection.h"

namespace hoyo::eventstore::internal {

std::shared_ptr<rocksdb::FileSystem> make_fault_fs(std::shared_ptr<rocksdb::FileSystem> base,
                                                   std::shared_ptr<FaultInjector> faults);

}  // namespace hoyo::eventstore::internal
