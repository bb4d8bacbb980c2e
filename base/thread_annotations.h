// Clang's thread-safety annotations (-Wthread-safety), as macros that other
// compilers read as nothing: which mutex guards a member, which a function
// needs held or must not hold. tests/thread_safety checks every source that
// includes base/mutex.h with clang's analysis, so a guarded member read
// without its lock fails the test run.
#pragma once

#if defined(__clang__)
#define HOYO_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define HOYO_THREAD_ANNOTATION(x)
#endif

// A type that is a lock (base::Mutex).
#define HOYO_CAPABILITY(name) HOYO_THREAD_ANNOTATION(capability(name))
// An RAII type that holds a lock for its lifetime (base::MutexLock).
#define HOYO_SCOPED_CAPABILITY HOYO_THREAD_ANNOTATION(scoped_lockable)
// The member is read and written only with `mu` held.
#define HOYO_GUARDED_BY(mu) HOYO_THREAD_ANNOTATION(guarded_by(mu))
// What the member points to is read and written only with `mu` held.
#define HOYO_PT_GUARDED_BY(mu) HOYO_THREAD_ANNOTATION(pt_guarded_by(mu))
// The function is called with the locks held.
#define HOYO_REQUIRES(...) HOYO_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
// The function takes the locks itself: callers must not hold them.
#define HOYO_EXCLUDES(...) HOYO_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define HOYO_ACQUIRE(...) HOYO_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define HOYO_RELEASE(...) HOYO_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define HOYO_TRY_ACQUIRE(...) HOYO_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
// Lock order: this mutex is taken after the ones named.
#define HOYO_ACQUIRED_AFTER(...) HOYO_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
// For the rare function the analysis cannot follow; say why beside it.
#define HOYO_NO_THREAD_SAFETY_ANALYSIS HOYO_THREAD_ANNOTATION(no_thread_safety_analysis)
