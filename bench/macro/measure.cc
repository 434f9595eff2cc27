// Measurement helpers; see measure.h.

#include "bench/macro/measure.h"

#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>
#include <thread>

#include "absl/strings/str_format.h"

#ifndef LIAISON_BENCH_COMPILER
#define LIAISON_BENCH_COMPILER "unknown"
#endif
#ifndef LIAISON_BENCH_BUILD_TYPE
#define LIAISON_BENCH_BUILD_TYPE "unknown"
#endif
#ifndef LIAISON_BENCH_SOURCE_DIR
#define LIAISON_BENCH_SOURCE_DIR "."
#endif

namespace liaison::bench {
namespace {

// The value (in kB) of a "Key:   123 kB" line of a /proc file, in bytes; 0 when absent.
uint64_t ProcKilobytes(const char* file, const std::string& key) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) == 0 && line.size() > key.size() &&
        line[key.size()] == ':') {
      return std::strtoull(line.c_str() + key.size() + 1, nullptr, 10) * 1024;
    }
  }
  return 0;
}

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[256];
  while (std::fgets(buf, sizeof(buf), pipe) != nullptr) out += buf;
  pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

Percentiles ComputePercentiles(std::vector<int64_t>& ns) {
  Percentiles p;
  p.samples = ns.size();
  if (ns.empty()) return p;
  std::sort(ns.begin(), ns.end());
  auto rank = [&](double q) {
    size_t r = static_cast<size_t>(std::ceil(q * static_cast<double>(ns.size())));
    r = std::clamp<size_t>(r, 1, ns.size());
    return static_cast<double>(ns[r - 1]) / 1000.0;
  };
  p.p50_us = rank(0.50);
  p.p90_us = rank(0.90);
  p.p99_us = rank(0.99);
  p.max_us = static_cast<double>(ns.back()) / 1000.0;
  p.mean_us = static_cast<double>(std::accumulate(ns.begin(), ns.end(), int64_t{0})) /
              static_cast<double>(ns.size()) / 1000.0;
  return p;
}

uint64_t CurrentRssBytes() { return ProcKilobytes("/proc/self/status", "VmRSS"); }

uint64_t PeakRssBytes() {
  uint64_t hwm = ProcKilobytes("/proc/self/status", "VmHWM");
  if (hwm != 0) return hwm;
  struct rusage usage;
  if (getrusage(RUSAGE_SELF, &usage) == 0) return static_cast<uint64_t>(usage.ru_maxrss) * 1024;
  return 0;
}

bool ResetPeakRss() {
  std::ofstream out("/proc/self/clear_refs");
  if (!out) return false;
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

uint64_t MemAvailableBytes() { return ProcKilobytes("/proc/meminfo", "MemAvailable"); }
uint64_t MemTotalBytes() { return ProcKilobytes("/proc/meminfo", "MemTotal"); }

MachineInfo DescribeMachine() {
  MachineInfo m;
  m.cores = std::thread::hardware_concurrency();
  m.mem_total = MemTotalBytes();
  {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("model name", 0) == 0) {
        size_t colon = line.find(':');
        if (colon != std::string::npos) m.cpu_model = line.substr(colon + 2);
        break;
      }
    }
  }
  struct utsname u;
  if (uname(&u) == 0) {
    m.kernel = u.release;
    m.hostname = u.nodename;
  }
  m.compiler = LIAISON_BENCH_COMPILER;
  m.build_type = LIAISON_BENCH_BUILD_TYPE;
  const std::string dir = LIAISON_BENCH_SOURCE_DIR;
  m.git_commit = RunCommand("git -C '" + dir + "' rev-parse HEAD 2>/dev/null");
  if (!m.git_commit.empty() &&
      !RunCommand("git -C '" + dir + "' status --porcelain --untracked-files=no 2>/dev/null")
           .empty()) {
    m.git_commit += "-dirty";
  }
  if (m.git_commit.empty()) m.git_commit = "unknown";
  return m;
}

std::string HumanBytes(uint64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1e9) return absl::StrFormat("%.2f GB", b / 1e9);
  if (b >= 1e6) return absl::StrFormat("%.1f MB", b / 1e6);
  if (b >= 1e3) return absl::StrFormat("%.1f kB", b / 1e3);
  return absl::StrFormat("%d B", bytes);
}

}  // namespace liaison::bench
