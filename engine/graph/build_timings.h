// Wall-clock and process CPU time of the import and build phases (internal): the importer copies
// them into its report, the benchmark prints them. Recording costs three clock reads per phase.
// CPU time is the whole process's (all threads), so on a busy machine it still measures the work
// done while wall time also counts waiting for a core.

#ifndef LIAISON_ENGINE_GRAPH_BUILD_TIMINGS_H_
#define LIAISON_ENGINE_GRAPH_BUILD_TIMINGS_H_

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <string>
#include <vector>

#include "liaison/import.h"

namespace liaison {

using PhaseTimings = std::vector<ImportPhase>;  // in order

// Appends the wall and CPU time since construction (or since the previous Mark) under `phase`.
// A null sink makes every call a no-op.
class PhaseClock {
 public:
  explicit PhaseClock(PhaseTimings* sink) : sink_(sink) {
    if (sink_ != nullptr) last_wall_ = Wall(), last_cpu_ = Cpu(), last_kernel_ = Kernel();
  }
  void Mark(const char* phase) {
    if (sink_ == nullptr) return;
    const double wall = Wall(), cpu = Cpu(), kernel = Kernel();
    sink_->push_back({phase, wall - last_wall_, cpu - last_cpu_, kernel - last_kernel_});
    last_wall_ = wall;
    last_cpu_ = cpu;
    last_kernel_ = kernel;
  }

 private:
  static double Wall() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
  static double Cpu() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  }

  static double Kernel() {
    rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_stime.tv_sec) + 1e-6 * static_cast<double>(usage.ru_stime.tv_usec);
  }

  PhaseTimings* sink_;
  double last_wall_ = 0, last_cpu_ = 0, last_kernel_ = 0;
};

}  // namespace liaison

#endif  // LIAISON_ENGINE_GRAPH_BUILD_TIMINGS_H_
