// Measurement helpers of the macro-benchmark harness: a monotonic clock, latency percentiles,
// resident memory (current and peak, from /proc/self/status and getrusage), the memory the machine
// can still give (/proc/meminfo MemAvailable), and a description of the machine and the build.
//
// Percentiles use the nearest-rank method on the sorted samples: p-th percentile = the sample at
// rank ceil(p/100 * n) (1-based), so p50 of {1,2,3,4} is 2 and p99 of 100 samples is the 99th.

#ifndef LIAISON_BENCH_MACRO_MEASURE_H_
#define LIAISON_BENCH_MACRO_MEASURE_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace liaison::bench {

inline int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Percentiles {
  double p50_us = 0, p90_us = 0, p99_us = 0, max_us = 0, mean_us = 0;
  size_t samples = 0;
};
// From per-query latencies in nanoseconds (the vector is sorted in place).
Percentiles ComputePercentiles(std::vector<int64_t>& latencies_ns);

// Resident set size of this process now, and its peak so far (VmHWM), in bytes; 0 when unknown.
uint64_t CurrentRssBytes();
uint64_t PeakRssBytes();
// Resets the peak (VmHWM) to the current RSS by writing "5" to /proc/self/clear_refs, so that the
// peak of one phase can be measured. Returns false when the kernel refuses (the peak is then the
// peak since the process started, which the report says).
bool ResetPeakRss();
// MemAvailable and MemTotal from /proc/meminfo, in bytes; 0 when unknown.
uint64_t MemAvailableBytes();
uint64_t MemTotalBytes();

struct MachineInfo {
  unsigned cores = 0;          // std::thread::hardware_concurrency()
  uint64_t mem_total = 0;      // bytes
  std::string cpu_model;       // from /proc/cpuinfo
  std::string kernel;          // uname -r
  std::string compiler;        // id and version of the compiler that built the harness
  std::string build_type;
  std::string git_commit;      // `git rev-parse HEAD` of the source tree, with "-dirty" if modified
  std::string hostname;
};
MachineInfo DescribeMachine();

// "1.23 GB" style, for humans.
std::string HumanBytes(uint64_t bytes);

}  // namespace liaison::bench

#endif  // LIAISON_BENCH_MACRO_MEASURE_H_
