// The JSON request/answer layer: one JSON object in, one JSON object out (DESIGN.md §5).
//
// It is the single place where queries meet JSON: `liaison query` (JSON lines in, JSON lines
// out), the CLI's `--json` output of every query command, and the C API's batch entry point all
// go through it, so the three can never disagree.
//
// Requests:
//   {"op":"degree","from":A,"to":B}           {"op":"degree","from":A,"to":[B1,B2]}
//   {"op":"reach","from":A,"depth":3}         {"op":"paths","from":A,"to":B,"k":5}
//   {"op":"mutual","a":A,"b":B}               {"op":"suggest","for":A,"k":10,"score":"common"}
// Options are the CLI's long flags with '-' turned into '_': max_depth, depth, list, where
// ({"company":"X"} or ["company=X"]), limit, k, max_hops, avoid ([X,Y]), score, hub_cap, and the
// budget: max_visited, timeout_ms. Member ids are external ids (non-negative integers).
// An answer echoes the request's op and members; a failed request answers
//   {"error":{"code":"unknown_member"|"invalid_argument"|"bad_request"|"resource_exhausted"|
//             "deadline_exceeded"|"internal","message":"..."}}
// Thread-safety: every function may be called from any number of threads on one snapshot.

#ifndef LIAISON_JSON_API_H_
#define LIAISON_JSON_API_H_

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "liaison/graph.h"

namespace liaison {

// Answers one request (a JSON object as text) with one JSON object as text, without a newline.
// Never fails: errors are answered as {"error":{...}}.
std::string AnswerJson(const Snapshot& g, std::string_view request);

struct BatchOptions {
  int threads = 0;            // 0 = all hardware threads; 1 = on the calling thread
  size_t chunk_lines = 256;   // lines per unit of work; at most 4 × threads units in flight
};

struct BatchReport {
  uint64_t lines = 0;   // requests answered (blank lines are skipped)
  uint64_t errors = 0;  // answered with {"error":...}
};

// Reads JSON lines from `in` and writes one answer line per request to `out`, in input order.
// Fails only when `out` fails (I/O error); bad requests are answered, and the batch goes on.
absl::Status RunJsonLines(const Snapshot& g, std::istream& in, std::ostream& out,
                          const BatchOptions& options, BatchReport* report);

}  // namespace liaison

#endif  // LIAISON_JSON_API_H_
