#include "datasets/generators/kronecker.h"

#include "absl/strings/str_cat.h"
#include "oneapi/tbb/parallel_for.h"

namespace liaison::generators {
namespace {

constexpr uint64_t kBatchRows = uint64_t{1} << 20;

// splitmix64: a counter-based stream, so row r's randomness depends only on (seed, r).
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A bijection on [0, 2^scale): odd multiplier and xor-shift, both invertible modulo 2^scale.
inline uint64_t Scramble(uint64_t v, int scale, uint64_t k1, uint64_t k2) {
  const uint64_t mask = (scale == 64) ? ~uint64_t{0} : (uint64_t{1} << scale) - 1;
  v = (v * (k1 | 1)) & mask;
  v ^= v >> (scale / 2 + 1);
  v = (v * (k2 | 1)) & mask;
  return v;
}

}  // namespace

absl::Status ValidateKroneckerOptions(const KroneckerOptions& o) {
  if (o.scale < 1 || o.scale > 31) {
    return absl::InvalidArgumentError(absl::StrCat("scale ", o.scale, " is outside 1..31"));
  }
  if (o.edge_factor < 1 || o.edge_factor > 1024) {
    return absl::InvalidArgumentError(absl::StrCat("edge factor ", o.edge_factor, " is outside 1..1024"));
  }
  return absl::OkStatus();
}

void KroneckerRows(const KroneckerOptions& o, uint64_t begin, uint64_t end, ConnectionBatch* out) {
  const uint64_t k1 = Mix(o.seed ^ 0x5bd1e995), k2 = Mix(o.seed ^ 0x27d4eb2f);
  // Probability thresholds in 1/2^32 units: A, A+B, A+B+C.
  constexpr uint64_t kA = 2448131359ULL;   // 0.57 * 2^32
  constexpr uint64_t kAB = 3264175145ULL;  // 0.76 * 2^32
  constexpr uint64_t kABC = 4080218931ULL; // 0.95 * 2^32
  out->a.resize(end - begin);
  out->b.resize(end - begin);
  for (uint64_t r = begin; r < end; ++r) {
    uint64_t state = Mix(o.seed * 0x9e3779b97f4a7c15ULL + r);
    uint64_t u = 0, v = 0;
    for (int bit = 0; bit < o.scale; ++bit) {
      if ((bit & 1) == 0) state = Mix(state);
      const uint64_t x = (bit & 1) ? (state >> 32) : (state & 0xffffffffULL);
      const uint64_t quadrant = x < kA ? 0 : x < kAB ? 1 : x < kABC ? 2 : 3;
      u = (u << 1) | (quadrant >> 1);
      v = (v << 1) | (quadrant & 1);
    }
    out->a[r - begin] = Scramble(u, o.scale, k1, k2);
    out->b[r - begin] = Scramble(v, o.scale, k1, k2);
  }
}

absl::StatusOr<std::vector<ConnectionBatch>> KroneckerConnections(const KroneckerOptions& o) {
  if (absl::Status s = ValidateKroneckerOptions(o); !s.ok()) return s;
  const uint64_t rows = static_cast<uint64_t>(o.edge_factor) << o.scale;
  const uint64_t num_batches = (rows + kBatchRows - 1) / kBatchRows;
  std::vector<ConnectionBatch> batches(num_batches);
  tbb::parallel_for(uint64_t{0}, num_batches, [&](uint64_t b) {
    const uint64_t begin = b * kBatchRows, end = std::min(rows, begin + kBatchRows);
    KroneckerRows(o, begin, end, &batches[b]);
  });
  return batches;
}

}  // namespace liaison::generators
