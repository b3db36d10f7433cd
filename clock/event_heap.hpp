#pragma once
// A min-heap with four children per node, for a simulation's pending events: half the depth
// of a binary heap, and a node's children side by side in memory, so that taking the
// earliest of 100,000 pending events touches half the cache lines (the fleet's slots: a
// binary heap's sift was 5 % of a run at N = 100,000). `Before(a, b)` is a strict order;
// with a total one (an instant, then an arming number) the order things come out in does
// not depend on the heap's shape.

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace tokenlab {

template <class T, class Before>
class event_heap {
public:
  explicit event_heap(Before before = {})
    : before_(std::move(before)) {}

  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  void reserve(std::size_t n) { items_.reserve(n); }
  void clear() { items_.clear(); }

  /// The earliest item; the heap is not empty.
  const T& top() const { return items_.front(); }

  void push(T x) {
    auto i = items_.size();
    items_.push_back(x);
    while (i > 0) {
      const auto parent = (i - 1) / arity;
      if (!before_(x, items_[parent]))
        break;
      items_[i] = std::move(items_[parent]);
      i = parent;
    }
    items_[i] = std::move(x);
  }

  /// Takes the earliest item out; the heap is not empty.
  T pop() {
    T earliest = std::move(items_.front());
    T last = std::move(items_.back());
    items_.pop_back();
    if (!items_.empty())
      sift_down(0, std::move(last));
    return earliest;
  }

  /// Keeps only the items for which `keep(item)` holds, in heap order again (linear time).
  template <class Keep>
  void keep_only(Keep keep) {
    items_.erase(std::remove_if(items_.begin(), items_.end(), [&](const T& x) { return !keep(x); }),
                 items_.end());
    const auto n = items_.size();
    if (n < 2)
      return;
    for (auto i = (n - 2) / arity + 1; i-- > 0;) // every node with a child, deepest first
      sift_down(i, std::move(items_[i]));
  }

private:
  static constexpr std::size_t arity = 4;

  // Puts `x` at place i (empty, or holding x itself) or below, where the order holds.
  void sift_down(std::size_t i, T x) {
    const auto n = items_.size();
    for (;;) {
      const auto first = i * arity + 1;
      if (first >= n)
        break;
      auto best = first;
      for (auto c = first + 1; c < std::min(first + arity, n); ++c)
        if (before_(items_[c], items_[best]))
          best = c;
      if (!before_(items_[best], x))
        break;
      items_[i] = std::move(items_[best]);
      i = best;
    }
    items_[i] = std::move(x);
  }

  std::vector<T> items_;
  Before before_;
};

} // namespace tokenlab
