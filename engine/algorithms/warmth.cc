// The recency table and the per-snapshot reference date behind HopWeight() (warmth.h).

#include "engine/algorithms/warmth.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

namespace liaison {

uint32_t RecencyPermille(uint32_t age_days) {
  // Ages span the PackedDate range (16 bits), so one table answers every age.
  static const auto* const kTable = [] {
    auto* t = new std::array<uint16_t, 65536>;
    for (uint32_t age = 0; age < t->size(); ++age) {
      const double r = 0.5 + 0.5 * std::exp2(-static_cast<double>(age) / kRecencyHalfLifeDays);
      (*t)[age] = static_cast<uint16_t>(std::lround(1000.0 * r));
    }
    return t;
  }();
  return (*kTable)[std::min<uint32_t>(age_days, 65535)];
}

PackedDate NewestSinceDate(const Snapshot& g) {
  if (!g.has_since()) return kNoDate;
  const std::span<const PackedDate> since = g.parts().since;
  const std::shared_ptr<const void>& storage = g.parts().storage;
  // Per thread, so no lock; the weak_ptr identifies the snapshot's storage without keeping it
  // alive, and owner equality cannot be fooled by a recycled address while the snapshot lives.
  struct Cache {
    std::weak_ptr<const void> owner;
    const PackedDate* data = nullptr;
    size_t size = 0;
    PackedDate newest = kNoDate;
  };
  thread_local Cache cache;
  if (storage != nullptr && cache.data == since.data() && cache.size == since.size() &&
      !cache.owner.owner_before(storage) && !storage.owner_before(cache.owner) &&
      !cache.owner.expired()) {
    return cache.newest;
  }
  const PackedDate newest = since.empty() ? kNoDate : *std::max_element(since.begin(), since.end());
  if (storage != nullptr) cache = Cache{storage, since.data(), since.size(), newest};
  return newest;
}

}  // namespace liaison
