#include "eventstore/internal/fault_fs.h"

namespace hoyo::eventstore::internal {
namespace {

using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;

class FaultWritableFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultWritableFile(std::unique_ptr<rocksdb::FSWritableFile> file,
                    std::shared_ptr<FaultInjector> faults)
      : FSWritableFileOwnerWrapper(std::move(file)), faults_(std::move(faults)) {}

  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o, IODebugContext* d) override {
    if (IOStatus s = write_fault(); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::Append(data, o, d);
  }
  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o,
                  const rocksdb::DataVerificationInfo& v, IODebugContext* d) override {
    if (IOStatus s = write_fault(); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::Append(data, o, v, d);
  }
  IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset, const IOOptions& o,
                            IODebugContext* d) override {
    if (IOStatus s = write_fault(); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, o, d);
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* d) override {
    if (faults_->syncs_failing()) return IOStatus::IOError("injected sync failure");
    return FSWritableFileOwnerWrapper::Sync(o, d);
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* d) override {
    if (faults_->syncs_failing()) return IOStatus::IOError("injected sync failure");
    return FSWritableFileOwnerWrapper::Fsync(o, d);
  }
  IOStatus RangeSync(uint64_t offset, uint64_t nbytes, const IOOptions& o,
                     IODebugContext* d) override {
    if (faults_->syncs_failing()) return IOStatus::IOError("injected sync failure");
    return FSWritableFileOwnerWrapper::RangeSync(offset, nbytes, o, d);
  }

 private:
  // What an append answers now: an I/O error, a full disk, or ok.
  IOStatus write_fault() const {
    if (faults_->writes_failing()) return IOStatus::IOError("injected write failure");
    if (faults_->out_of_space()) return IOStatus::NoSpace("injected: no space left on device");
    return IOStatus::OK();
  }

  std::shared_ptr<FaultInjector> faults_;
};

class FaultFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FaultFileSystem(std::shared_ptr<rocksdb::FileSystem> base, std::shared_ptr<FaultInjector> faults)
      : FileSystemWrapper(std::move(base)), faults_(std::move(faults)) {}

  const char* Name() const override { return "HoyoFaultFileSystem"; }

  IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                           std::unique_ptr<rocksdb::FSWritableFile>* result,
                           IODebugContext* d) override {
    IOStatus s = FileSystemWrapper::NewWritableFile(name, options, result, d);
    if (s.ok()) *result = std::make_unique<FaultWritableFile>(std::move(*result), faults_);
    return s;
  }
  IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                              std::unique_ptr<rocksdb::FSWritableFile>* result,
                              IODebugContext* d) override {
    IOStatus s = FileSystemWrapper::ReopenWritableFile(name, options, result, d);
    if (s.ok()) *result = std::make_unique<FaultWritableFile>(std::move(*result), faults_);
    return s;
  }
  IOStatus ReuseWritableFile(const std::string& name, const std::string& old_name,
                             const rocksdb::FileOptions& options,
                             std::unique_ptr<rocksdb::FSWritableFile>* result,
                             IODebugContext* d) override {
    IOStatus s = FileSystemWrapper::ReuseWritableFile(name, old_name, options, result, d);
    if (s.ok()) *result = std::make_unique<FaultWritableFile>(std::move(*result), faults_);
    return s;
  }

 private:
  std::shared_ptr<FaultInjector> faults_;
};

}  // namespace

std::shared_ptr<rocksdb::FileSystem> make_fault_fs(std::shared_ptr<rocksdb::FileSystem> base,
                                                   std::shared_ptr<FaultInjector> faults) {
  return std::make_shared<FaultFileSystem>(std::move(base), std::move(faults));
}

}  // namespace hoyo::eventstore::internal
