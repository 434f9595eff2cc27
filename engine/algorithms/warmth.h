// Warmth of an introduction path (the formula is documented on IntroPath::warmth in
// include/liaison/query.h) and the saturating arithmetic used to count shortest paths.
//
// A hop's weight is an integer in 1..1000 (thousandths), so a path's warmth is an exact integer
// product of at most kMaxPathHops factors (< 10^18 < 2^63): rankings never depend on the order of
// floating-point multiplications, and the search and the tests agree bit for bit.

#ifndef LIAISON_ENGINE_ALGORITHMS_WARMTH_H_
#define LIAISON_ENGINE_ALGORITHMS_WARMTH_H_

#include <cstdint>
#include <limits>

#include "liaison/graph.h"

namespace liaison {

inline constexpr uint32_t kWarmthScale = 1000;       // a hop weight of 1000 is warmth 1.0
inline constexpr uint32_t kUnknownDateRecency = 750;  // the factor of a 5-year-old connection
inline constexpr double kRecencyHalfLifeDays = 1826.25;  // 5 years: the decaying half halves

// round(1000 * (0.5 + 0.5 * 2^(-age_days / kRecencyHalfLifeDays))), from a table (age >= 0).
uint32_t RecencyPermille(uint32_t age_days);

// The weight of one hop: max(1, (q * r + 127) / 255) with r = RecencyPermille(reference - since)
// (age clamped at 0), or kUnknownDateRecency when since == kNoDate. `q` is the strength byte.
inline uint32_t HopWeight(uint8_t q, PackedDate since, PackedDate reference) {
  const uint32_t r = since == kNoDate ? kUnknownDateRecency
                                      : RecencyPermille(reference > since ? reference - since : 0);
  const uint32_t w = (uint32_t{q} * r + 127) / 255;
  return w == 0 ? 1 : w;
}

// The newest since-date of the snapshot (kNoDate when it has none): the recency reference, so
// answers depend on the snapshot only, never on the wall clock. O(m) the first time per thread
// and snapshot, then cached (the cache recognises the snapshot by its storage owner).
PackedDate NewestSinceDate(const Snapshot& g);

inline uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  const uint64_t s = a + b;
  return s < a ? std::numeric_limits<uint64_t>::max() : s;
}
inline uint64_t SaturatingMul(uint64_t a, uint64_t b) {
  uint64_t p;
  return __builtin_mul_overflow(a, b, &p) ? std::numeric_limits<uint64_t>::max() : p;
}

}  // namespace liaison

#endif  // LIAISON_ENGINE_ALGORITHMS_WARMTH_H_
