#!/usr/bin/env bash
# Runs the macro benchmarks (bench/macro/, target liaison-bench) with the Boost.Graph and igraph
# peers, and rewrites bench/RESULTS.md (table, known gaps, targets) and bench/results.png (plot)
# from the run. Every run also leaves bench/runs/run-<UTC time>.{json,md,dat,gp,png,log}.
#
#   bench/run.sh                    # scales S and M (the default)
#   bench/run.sh --scale S,M,L      # adds the ~10M-member network when memory allows
#   bench/run.sh --graphs kron-16   # any liaison-bench flags (liaison-bench --help)
#
# Exits non-zero, leaving RESULTS.md untouched, when the build fails or when the systems disagree
# on any answer.
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${LIAISON_BENCH_BUILD_DIR:-build/release}"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  cmake --preset release -B "$BUILD_DIR" -DLIAISON_BUILD_BENCHMARKS=ON
fi
cmake --build "$BUILD_DIR" -j2 --target liaison-bench

args=("$@")
if [[ ! " ${args[*]-} " =~ \ --(scale|graphs)[\ =] ]]; then
  args=(--scale S,M "${args[@]}")
fi
mkdir -p bench/runs
log="bench/runs/last-run.log"
start=$(date +%s)
set +e
"$BUILD_DIR/liaison-bench" --out-dir bench/runs "${args[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - start ))
base=$(ls -t bench/runs/run-*.json 2>/dev/null | head -1)
base="${base%.json}"
if [[ -n "$base" ]]; then cp "$log" "$base.log"; fi
if [[ $rc -ne 0 ]]; then
  echo "bench/run.sh: liaison-bench failed (exit $rc); bench/RESULTS.md not updated" >&2
  exit "$rc"
fi

# The micro-benchmark section (from the marker line to the end) is written by hand from the
# Google Benchmark binaries in bench/micro/; keep it across harness runs.
marker='<!-- micro-benchmarks: kept as is by bench/run.sh -->'
micro=""
if [[ -f bench/RESULTS.md ]]; then
  micro=$(awk -v m="$marker" 'found || $0 == m { found = 1; print }' bench/RESULTS.md)
fi
{
  echo "# Liaison benchmark results"
  echo
  echo "Made by \`$(echo "bench/run.sh $*" | sed 's/ *$//')\` in ${elapsed} s (build excluded); it ran"
  echo "\`$(sed -n 's/^Command: `\(.*\)`.*/\1/p' "$base.md")\`."
  echo "Raw data: \`${base#bench/}.json\` (bench/runs/ is not committed)."
  echo
  sed -n '4,$p' "$base.md" | awk '/^## Results/ { print "## Plot\n\n![p50 and p99 latency per query and system](results.png)\n"; } { print }'
  if [[ -n "$micro" ]]; then
    echo
    echo "$micro"
  fi
} > bench/RESULTS.md.new
mv bench/RESULTS.md.new bench/RESULTS.md
if [[ -f "$base.png" ]]; then
  cp "$base.png" bench/results.png
else
  echo "bench/run.sh: no plot was drawn (is gnuplot installed?)" >&2
fi
echo "bench/run.sh: wrote bench/RESULTS.md and bench/results.png from $base.* in ${elapsed} s"
