// TopK: the k best items of a stream, in a bounded heap (O(log k) per accepted item, O(1) per
// rejected one), for rankings such as people-you-may-know.
//
// `better(a, b)` is a strict weak order that is true when a ranks before b; it must break every
// tie (e.g. by member id) so that results are deterministic. The heap's front is the worst kept
// item, the bar a new item must clear once k items are kept.

#ifndef LIAISON_ENGINE_ALGORITHMS_TOPK_H_
#define LIAISON_ENGINE_ALGORITHMS_TOPK_H_

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace liaison {

template <typename T, typename Better>
class TopK {
 public:
  // REQUIRES: k >= 1.
  TopK(size_t k, Better better) : k_(k), better_(std::move(better)) { heap_.reserve(k); }

  // Keeps x if it ranks among the k best so far; true when kept.
  bool Offer(const T& x) {
    if (heap_.size() < k_) {
      heap_.push_back(x);
      std::push_heap(heap_.begin(), heap_.end(), better_);
      return true;
    }
    if (!better_(x, heap_.front())) return false;
    std::pop_heap(heap_.begin(), heap_.end(), better_);
    heap_.back() = x;
    std::push_heap(heap_.begin(), heap_.end(), better_);
    return true;
  }

  size_t size() const { return heap_.size(); }
  bool full() const { return heap_.size() == k_; }
  // The worst kept item. REQUIRES: size() > 0.
  const T& worst() const { return heap_.front(); }

  // The kept items, best first; leaves the TopK empty.
  std::vector<T> TakeSorted() {
    std::sort_heap(heap_.begin(), heap_.end(), better_);
    return std::exchange(heap_, {});
  }

 private:
  size_t k_;
  Better better_;
  std::vector<T> heap_;
};

}  // namespace liaison

#endif  // LIAISON_ENGINE_ALGORITHMS_TOPK_H_
