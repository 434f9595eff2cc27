// The liaison CLI's commands: one function per command, each parses nothing (main.cc does),
// calls the public C++ API, prints, and returns the process exit code (DESIGN.md §5):
// 0 success, 1 query or data error, 2 usage error.

#ifndef LIAISON_TOOLS_CLI_COMMANDS_H_
#define LIAISON_TOOLS_CLI_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace liaison::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

// Where the graph comes from: a .liaison snapshot or a connections text file imported on the fly.
struct GraphSource {
  std::string path;
  std::string members;  // members file, for a text GRAPH
  bool skip_bad = false;
  bool in_memory = false;  // a snapshot GRAPH: SnapshotOpenOptions::in_memory (an import is anyway)
};

struct GenerateArgs {
  std::string model = "professional";  // professional | kronecker
  uint64_t members = 1'000'000;
  double avg_degree = 40;
  uint64_t seed = 1;
  int scale = 20;
  int edge_factor = 16;
  std::string out;
};
int RunGenerate(const GenerateArgs& args, bool json);

struct ImportArgs {
  std::string connections;
  std::string members;
  std::string out;
  bool skip_bad = false;
};
int RunImport(const ImportArgs& args, bool json);

int RunStats(const GraphSource& source, bool verify, bool json);

// A query command: `request` is the JSON request built from the flags (json_api.h), so the CLI,
// batch mode and the C API answer through one code path. Prints human output or the JSON answer.
int RunQuery(const GraphSource& source, const std::string& request_json, bool json);

int RunBatch(const GraphSource& source, int threads);

}  // namespace liaison::cli

#endif  // LIAISON_TOOLS_CLI_COMMANDS_H_
