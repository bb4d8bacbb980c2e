// A mutex, its scoped lock and a condition variable that clang's
// thread-safety analysis understands (libstdc++'s std::mutex carries no
// annotations). They cost nothing over std::mutex, std::unique_lock and
// std::condition_variable, which they wrap.
//
//   base::Mutex mu_;
//   int count_ HOYO_GUARDED_BY(mu_) = 0;
//   ...
//   base::MutexLock lk(mu_);
//   cv_.wait(lk, [&]() HOYO_REQUIRES(mu_) { return count_ > 0; });
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#include "base/thread_annotations.h"

namespace hoyo::base {

class HOYO_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;
  void lock() HOYO_ACQUIRE() { mu_.lock(); }
  void unlock() HOYO_RELEASE() { mu_.unlock(); }
  bool try_lock() HOYO_TRY_ACQUIRE(true) { return mu_.try_lock(); }

 private:
  friend class MutexLock;
  std::mutex mu_;
};

// Holds `mu` from construction to destruction (or to unlock()).
class HOYO_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) HOYO_ACQUIRE(mu) : lock_(mu.mu_) {}
  ~MutexLock() HOYO_RELEASE() {}
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;
  // Lets go early (the destructor then does nothing) and takes it again.
  void unlock() HOYO_RELEASE() { lock_.unlock(); }
  void lock() HOYO_ACQUIRE() { lock_.lock(); }

 private:
  friend class CondVar;
  std::unique_lock<std::mutex> lock_;
};

// A readers-writer lock: many readers, or one writer.
class HOYO_CAPABILITY("mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;
  void lock() HOYO_ACQUIRE() { mu_.lock(); }
  void unlock() HOYO_RELEASE() { mu_.unlock(); }
  void lock_shared() HOYO_THREAD_ANNOTATION(acquire_shared_capability()) { mu_.lock_shared(); }
  void unlock_shared() HOYO_THREAD_ANNOTATION(release_shared_capability()) {
    mu_.unlock_shared();
  }

 private:
  std::shared_mutex mu_;
};

// Holds a SharedMutex as its one writer.
class HOYO_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mu) HOYO_ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~WriterLock() HOYO_RELEASE() { mu_.unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mu_;
};

// Holds a SharedMutex as one of its readers.
class HOYO_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mu) HOYO_THREAD_ANNOTATION(acquire_shared_capability(mu))
      : mu_(mu) {
    mu_.lock_shared();
  }
  ~ReaderLock() HOYO_RELEASE() { mu_.unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mu_;
};

// A condition variable waited on with a MutexLock. A wait lets the mutex go
// and has it again when it returns, so to the analysis the lock is held
// throughout; a predicate that reads guarded members says so with
// HOYO_REQUIRES(mu).
class CondVar {
 public:
  void notify_one() noexcept { cv_.notify_one(); }
  void notify_all() noexcept { cv_.notify_all(); }
  void wait(MutexLock& lock) { cv_.wait(lock.lock_); }
  template <class Predicate>
  void wait(MutexLock& lock, Predicate pred) {
    cv_.wait(lock.lock_, std::move(pred));
  }
  template <class Rep, class Period>
  std::cv_status wait_for(MutexLock& lock, const std::chrono::duration<Rep, Period>& d) {
    return cv_.wait_for(lock.lock_, d);
  }
  template <class Rep, class Period, class Predicate>
  bool wait_for(MutexLock& lock, const std::chrono::duration<Rep, Period>& d, Predicate pred) {
    return cv_.wait_for(lock.lock_, d, std::move(pred));
  }
  template <class Clock, class Duration>
  std::cv_status wait_until(MutexLock& lock, const std::chrono::time_point<Clock, Duration>& t) {
    return cv_.wait_until(lock.lock_, t);
  }
  template <class Clock, class Duration, class Predicate>
  bool wait_until(MutexLock& lock, const std::chrono::time_point<Clock, Duration>& t,
                  Predicate pred) {
    return cv_.wait_until(lock.lock_, t, std::move(pred));
  }

 private:
  std::condition_variable cv_;
};

}  // namespace hoyo::base
