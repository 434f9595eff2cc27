// Happens-before annotations for ThreadSanitizer across oneTBB task hand-offs.
//
// Debian's libtbb is not built with -fsanitize=thread, so TSan does not see the synchronisation
// by which a parallel_for hands the caller's data to worker threads and back, and reports every
// such hand-off as a race. A kernel that forks work marks the hand-off explicitly: the caller
// calls TsanRelease(fork) before the parallel_for and every body starts with TsanAcquire(fork);
// every body ends with TsanRelease(join) and the caller calls TsanAcquire(join) after it. TSan
// then checks the bodies against each other for real races. Outside TSan builds these are no-ops.

#ifndef LIAISON_ENGINE_UTIL_TSAN_ANNOTATIONS_H_
#define LIAISON_ENGINE_UTIL_TSAN_ANNOTATIONS_H_

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace liaison {

#if defined(__SANITIZE_THREAD__)
inline void TsanAcquire(const void* token) { __tsan_acquire(const_cast<void*>(token)); }
inline void TsanRelease(const void* token) { __tsan_release(const_cast<void*>(token)); }
#else
inline void TsanAcquire(const void*) {}
inline void TsanRelease(const void*) {}
#endif

}  // namespace liaison

#endif  // LIAISON_ENGINE_UTIL_TSAN_ANNOTATIONS_H_
