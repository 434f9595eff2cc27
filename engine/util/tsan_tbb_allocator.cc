// oneTBB's internal allocators, replaced by plain malloc/free in ThreadSanitizer builds only.
//
// Debian's libtbb is not built with -fsanitize=thread. Its small-object pool (tasks, partitioner
// tree nodes), its cache-aligned allocator and tbb_allocator (enumerable_thread_specific slots,
// tables and callbacks, concurrent_vector) recycle memory
// between threads through atomics TSan cannot see. When several std::threads each run TBB
// algorithms (import_concurrent_test runs several imports at once), the constructor of the next
// task written into recycled memory is reported as a race against the thread that used it before.
//
// Defining the exported entry points here makes the inlined TBB header code that the engine
// compiles call malloc/free instead, which TSan tracks: a fresh allocation has no history, so those
// false reports vanish while every access made by our code, or by TBB headers on our behalf, stays
// checked. Suppressing the reports instead would need patterns on TBB header files, and TBB headers
// are also where a small parallel body gets inlined, so real races in our bodies would be hidden.
//
// Allocation and release both happen in header code (small_object_allocator::new_object and
// delete_object, cache_aligned_allocator, tbb_allocator), so memory from these functions never
// reaches libtbb's own pools. Outside TSan builds this file is empty.

#if defined(__SANITIZE_THREAD__)

#include <cstddef>
#include <cstdlib>
#include <new>

#include <oneapi/tbb/cache_aligned_allocator.h>
#include <oneapi/tbb/detail/_small_object_pool.h>
#include <oneapi/tbb/tbb_allocator.h>

// Hidden, so that only the engine's own (inlined header) calls bind here. libtbb keeps its own
// allocators for the objects it allocates and frees internally (arenas, thread data), whose
// hand-offs between threads TSan could not follow either.
#define LIAISON_TBB_LOCAL __attribute__((visibility("hidden")))

namespace tbb::detail::r1 {
namespace {

// A pool pointer that is never dereferenced: the header only stores it and hands it back to
// deallocate below.
d1::small_object_pool* PoolToken() {
  static char token;
  return reinterpret_cast<d1::small_object_pool*>(&token);
}

constexpr std::size_t kAlignment = 128;  // at least TBB's cache_line_size() on x86-64 and arm64

void* AlignedAllocate(std::size_t bytes) {
  const std::size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
  void* memory = std::aligned_alloc(kAlignment, rounded == 0 ? kAlignment : rounded);
  if (memory == nullptr) throw std::bad_alloc();
  return memory;
}

}  // namespace

LIAISON_TBB_LOCAL void* allocate(d1::small_object_pool*& pool, std::size_t bytes, const d1::execution_data&) {
  pool = PoolToken();
  return AlignedAllocate(bytes);
}

LIAISON_TBB_LOCAL void* allocate(d1::small_object_pool*& pool, std::size_t bytes) {
  pool = PoolToken();
  return AlignedAllocate(bytes);
}

LIAISON_TBB_LOCAL void deallocate(d1::small_object_pool&, void* memory, std::size_t, const d1::execution_data&) {
  std::free(memory);
}

LIAISON_TBB_LOCAL void deallocate(d1::small_object_pool&, void* memory, std::size_t) { std::free(memory); }

LIAISON_TBB_LOCAL void* cache_aligned_allocate(std::size_t bytes) { return AlignedAllocate(bytes); }

LIAISON_TBB_LOCAL void cache_aligned_deallocate(void* memory) { std::free(memory); }

// tbb_allocator: enumerable_thread_specific's construction callbacks.
LIAISON_TBB_LOCAL void* allocate_memory(std::size_t bytes) { return AlignedAllocate(bytes); }

LIAISON_TBB_LOCAL void deallocate_memory(void* memory) { std::free(memory); }

LIAISON_TBB_LOCAL bool is_tbbmalloc_used() { return false; }

}  // namespace tbb::detail::r1

#endif  // defined(__SANITIZE_THREAD__)
