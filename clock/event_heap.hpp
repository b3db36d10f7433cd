#pragma once
// A min-heap with four children per node, for a simulation's pending events: half the depth
// of a binary heap, and a node's children side by side in memory, so that taking the
// earliest of 100,000 pending events touches half the cache lines (the fleet's slots: a
// binary heap's sift was 5 % of a run at N = 100,000). `Before(a, b)` is a strict order;
// with a total one (an instant, then an arming number) the order things come out in does
// not depend on the heap's shape.
//
// The items sit in cache-line-aligned storage, three places after its start, so that a
// node's four children share one 64-byte line when an item is 16 bytes (pending_event): a
// sift then misses the cache once per level, not two or three times.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

namespace tokenlab {

/// A pending event in 16 bytes: its instant (clock ticks), then its arming number and the
/// place it names (a fleet's slot, an alarm's timer) packed into one tie-breaker, so that
/// ties at an instant come out in arming order.
struct pending_event {
  static constexpr unsigned place_bits = 28; ///< up to 268 million places
  static constexpr std::uint64_t max_seq = (std::uint64_t{1} << (64 - place_bits)) - 1;

  std::int64_t at = 0;
  std::uint64_t tie = 0; ///< arming number << place_bits | place

  /// The event armed `seq`-th, for `place`; std::length_error past the packing's range (a
  /// place beyond 2^28, or more than 6.8e10 events armed).
  static pending_event make(std::int64_t at, std::uint64_t seq, std::uint32_t place) {
    if (place >> place_bits != 0 || seq > max_seq)
      throw std::length_error("pending_event: more places or events than the heap can order");
    return {at, seq << place_bits | place};
  }

  std::uint32_t place() const {
    return static_cast<std::uint32_t>(tie & ((std::uint64_t{1} << place_bits) - 1));
  }
  std::uint64_t seq() const { return tie >> place_bits; }
};

/// The earliest instant first, ties in arming order.
struct pending_event_before {
  bool operator()(const pending_event& a, const pending_event& b) const {
    return a.at != b.at ? a.at < b.at : a.tie < b.tie;
  }
};

/// Storage aligned to a cache line.
template <class T>
struct line_allocator {
  using value_type = T;
  static constexpr std::align_val_t line{64};

  line_allocator() = default;
  template <class U>
  line_allocator(const line_allocator<U>&) noexcept {}

  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), line)); }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, line); }

  template <class U>
  bool operator==(const line_allocator<U>&) const noexcept {
    return true;
  }
  template <class U>
  bool operator!=(const line_allocator<U>&) const noexcept {
    return false;
  }
};

template <class T, class Before>
class event_heap {
public:
  explicit event_heap(Before before = {})
    : items_(pad)
    , before_(std::move(before)) {}

  bool empty() const { return items_.size() == pad; }
  std::size_t size() const { return items_.size() - pad; }
  void reserve(std::size_t n) { items_.reserve(n + pad); }
  void clear() { items_.resize(pad); }

  /// The earliest item; the heap is not empty.
  const T& top() const { return items_[pad]; }

  void push(T x) {
    auto i = size();
    items_.push_back(x);
    while (i > 0) {
      const auto parent = (i - 1) / arity;
      if (!before_(x, at(parent)))
        break;
      at(i) = std::move(at(parent));
      i = parent;
    }
    at(i) = std::move(x);
  }

  /// Takes the earliest item out; the heap is not empty.
  T pop() {
    T earliest = std::move(at(0));
    T last = std::move(items_.back());
    items_.pop_back();
    if (!empty())
      sift_down(0, std::move(last));
    return earliest;
  }

  /// Keeps only the items for which `keep(item)` holds, in heap order again (linear time).
  template <class Keep>
  void keep_only(Keep keep) {
    items_.erase(
      std::remove_if(items_.begin() + pad, items_.end(), [&](const T& x) { return !keep(x); }),
      items_.end());
    const auto n = size();
    if (n < 2)
      return;
    for (auto i = (n - 2) / arity + 1; i-- > 0;) // every node with a child, deepest first
      sift_down(i, std::move(at(i)));
  }

private:
  static constexpr std::size_t arity = 4;
  /// Unused places before the root: the children of node i (4i+1 .. 4i+4) start at a
  /// multiple of four places, a line of 16-byte items.
  static constexpr std::size_t pad = arity - 1;

  T& at(std::size_t i) { return items_[i + pad]; }

  // Puts `x` at place i (empty, or holding x itself) or below, where the order holds.
  void sift_down(std::size_t i, T x) {
    const auto n = size();
    for (;;) {
      const auto first = i * arity + 1;
      if (first >= n)
        break;
      auto best = first;
      for (auto c = first + 1; c < std::min(first + arity, n); ++c)
        if (before_(at(c), at(best)))
          best = c;
      if (!before_(at(best), x))
        break;
      at(i) = std::move(at(best));
      i = best;
    }
    at(i) = std::move(x);
  }

  std::vector<T, line_allocator<T>> items_;
  Before before_;
};

} // namespace tokenlab
