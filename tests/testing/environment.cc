// Process-wide test setup, linked into every test executable (liaison_testing is an OBJECT library).
//
// LIAISON_TBB_THREADS=N caps oneTBB's worker threads for the whole test process. The tsan preset
// sets it to 1: Debian's libtbb is not built with ThreadSanitizer, so TSan cannot see the
// synchronisation inside TBB's task scheduler and reports its header-inlined task hand-overs
// (parallel_for/parallel_reduce/parallel_sort internals) as races. With one TBB thread those loops
// run on the calling thread, while the concurrency we must check — many std::threads querying one
// shared snapshot, as batch mode and C API callers do — runs fully under TSan.

#include <cstdlib>
#include <memory>

#include "oneapi/tbb/global_control.h"

namespace {

std::unique_ptr<tbb::global_control> LimitFromEnvironment() {
  const char* value = std::getenv("LIAISON_TBB_THREADS");
  if (value == nullptr || *value == '\0') return nullptr;
  const int threads = std::atoi(value);
  if (threads < 1) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<size_t>(threads));
}

const std::unique_ptr<tbb::global_control> kTbbLimit = LimitFromEnvironment();

}  // namespace
