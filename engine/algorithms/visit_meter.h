// VisitMeter: enforces a query's Budget (include/liaison/query.h) from inside a kernel.
//
// Visit() is called once per member whose adjacency list the query reads, with the list's length;
// Step() once per unit of work that reads no list (a heap pop, say). The deadline is checked only
// every kCheckEvery units of work, since absl::Now() costs tens of nanoseconds, and never when the
// deadline is infinite. Once exhausted, the meter stays exhausted.
//
// Thread-safety: one meter per query, used by one thread.

#ifndef LIAISON_ENGINE_ALGORITHMS_VISIT_METER_H_
#define LIAISON_ENGINE_ALGORITHMS_VISIT_METER_H_

#include <cstdint>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "liaison/query.h"

namespace liaison {

class VisitMeter {
 public:
  static constexpr uint64_t kCheckEvery = 4096;

  explicit VisitMeter(const Budget& budget)
      : max_visited_(budget.max_visited),
        deadline_(budget.deadline),
        has_deadline_(budget.deadline != absl::InfiniteFuture()) {}

  // Charges one member whose list of `list_size` entries is about to be read. False when the
  // budget is exhausted (the caller must then stop and report truncation).
  bool Visit(uint64_t list_size) {
    if (exhausted_) return false;
    if (++visited_ > max_visited_) return Exhaust();
    return Work(list_size + 1);
  }
  // Charges `units` of work that read no adjacency list.
  bool Step(uint64_t units = 1) { return exhausted_ ? false : Work(units); }

  bool exhausted() const { return exhausted_; }
  uint64_t visited() const { return visited_; }

 private:
  bool Work(uint64_t units) {
    work_ += units;
    if (has_deadline_ && work_ >= next_check_) {
      next_check_ = work_ + kCheckEvery;
      if (absl::Now() >= deadline_) return Exhaust();
    }
    return true;
  }
  bool Exhaust() {
    exhausted_ = true;
    return false;
  }

  uint64_t max_visited_;
  absl::Time deadline_;
  bool has_deadline_;
  bool exhausted_ = false;
  uint64_t visited_ = 0;
  uint64_t work_ = 0;
  uint64_t next_check_ = 0;  // the first Visit/Step checks the deadline at once
};

}  // namespace liaison

#endif  // LIAISON_ENGINE_ALGORITHMS_VISIT_METER_H_
