#pragma once
// A simulation's pending events (a fleet's slot events, the alarm's expiry timers) and the
// queue that gives them back earliest first, ties in arming order.
//
// The queue is a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990), which serves what a
// simulation's events mostly are: pushed at or after the last instant taken out (a timer or a
// slot event is armed now or later, never in the past). Items wait in buckets by the highest
// bit in which their instant differs from the last instant taken out; taking out the earliest
// empties the lowest bucket into lower ones, so an item moves down a few times in its life,
// each time read and written in order along its bucket. The four-child heap it replaces sifted
// each item taken out through about ten levels at 400,000 items, a cache miss each: the
// fleet's handler (most of it the heap's sift) and the alarm's pruning took 9.1 % of a run
// at N = 100,000, and 4.0 % with these queues (docs/decisions.md).
//
// The alarm takes cancelled timers off the front before their instant has come, so a timer
// may be armed before the last instant taken out: those few wait in a small binary heap of
// their own (`early_`), all before the buckets' events.
//
// A bucket is a chain of fixed blocks of events, not a vector: a vector grew by doubling into
// memory no one had touched for a while (a copy of every event each time) and gave it back
// when emptied: its growth was a fifth of a run's writes that missed the cache at
// N = 30,000. The blocks a bucket empties go to the queue's spare blocks, last in first out,
// so the next events armed or moved down are written where events were just read; the queue
// keeps the blocks its most events at once needed, and gives them back when it goes.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
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
      throw std::length_error("pending_event: more places or events than the queue can order");
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

/// Pending events, earliest first (a total order: instant, then arming number).
class pending_queue {
public:
  pending_queue() = default;
  // Its buckets point into its own slabs.
  pending_queue(const pending_queue&) = delete;
  pending_queue& operator=(const pending_queue&) = delete;

  bool empty() const { return size_ + early_.size() == 0; }
  std::size_t size() const { return size_ + early_.size(); }
  /// Blocks of events the queue holds, in its buckets and spare (1 KiB each).
  std::size_t blocks() const {
    return slabs_.empty() ? 0 : (slabs_.size() - 1) * slab_blocks + slab_used_;
  }

  /// The earliest event; the queue is not empty.
  const pending_event& top() const {
    if (!early_.empty())
      return early_.front();
    if (head_ < now_.size())
      return now_[head_];
    return best_[lowest()];
  }

  void push(pending_event x) {
    if (key(x) < last_) {
      early_.push_back(x);
      std::push_heap(early_.begin(), early_.end(), after{});
      return;
    }
    put(x);
    ++size_;
  }

  /// Takes the earliest event out; the queue is not empty.
  pending_event pop() {
    if (!early_.empty()) {
      std::pop_heap(early_.begin(), early_.end(), after{});
      const auto x = early_.back();
      early_.pop_back();
      return x;
    }
    if (head_ == now_.size())
      refill();
    const auto x = now_[head_++];
    if (head_ == now_.size()) {
      now_.clear();
      head_ = 0;
    }
    --size_;
    return x;
  }

  /// Keeps only the events for which `keep(event)` holds (linear time).
  template <class Keep>
  void keep_only(Keep keep) {
    auto gone = [&](const pending_event& x) { return !keep(x); };
    early_.erase(std::remove_if(early_.begin(), early_.end(), gone), early_.end());
    std::make_heap(early_.begin(), early_.end(), after{});
    now_.erase(now_.begin(), now_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
    now_.erase(std::remove_if(now_.begin(), now_.end(), gone), now_.end());
    size_ = now_.size();
    for (std::size_t i = 1; i < buckets; ++i) {
      block* const first = later_[i];
      if (first == nullptr)
        continue;
      // The events kept move up to the front of the chain, in place: the writing never
      // passes the reading.
      block* w = first;
      std::uint32_t wn = 0;
      std::size_t kept = 0;
      for (const block* r = first; r != nullptr; r = r->next)
        for (std::uint32_t k = 0; k < r->count; ++k) {
          const auto x = r->events[k];
          if (!keep(x))
            continue;
          if (wn == block::room) {
            w->count = wn;
            w = w->next;
            wn = 0;
          }
          if (kept++ == 0 || pending_event_before{}(x, best_[i]))
            best_[i] = x;
          w->events[wn++] = x;
        }
      size_ += kept;
      block* rest = w->next;
      w->count = wn;
      w->next = nullptr;
      if (kept == 0) {
        rest = first;
        later_[i] = nullptr;
        filled_ &= ~bit(i);
      }
      release_chain(rest);
    }
  }

  /// Takes every event out; the queue keeps its blocks for the events to come.
  void clear() {
    early_.clear();
    now_.clear();
    head_ = 0;
    for (auto& b : later_)
      release_chain(std::exchange(b, nullptr));
    filled_ = 0;
    size_ = 0;
  }

private:
  static constexpr std::size_t buckets = 65; ///< 0: at the last instant; i: bit i-1 differs

  /// A block of a bucket's events: 1 KiB. An event never straddles two cache lines, as
  /// blocks are 16-byte aligned and events 16 bytes.
  struct block {
    static constexpr std::uint32_t room = 63;
    block* next = nullptr;
    std::uint32_t count = 0;
    pending_event events[room];
  };
  static_assert(sizeof(block) == 1024);

  /// The reverse order, for std::push_heap's max-heap: the earliest event at the front.
  struct after {
    bool operator()(const pending_event& a, const pending_event& b) const {
      return pending_event_before{}(b, a);
    }
  };

  /// An instant as an unsigned number in the same order.
  static std::uint64_t key(const pending_event& x) {
    return static_cast<std::uint64_t>(x.at) ^ (std::uint64_t{1} << 63);
  }
  static std::uint64_t bit(std::size_t i) { return std::uint64_t{1} << (i - 1); }
  /// The bucket of `k` after the last instant `last`: 0 when equal, else one past the
  /// highest bit in which they differ.
  static std::size_t bucket(std::uint64_t k, std::uint64_t last) {
    return k == last ? 0 : 64 - static_cast<std::size_t>(__builtin_clzll(k ^ last));
  }
  /// The lowest non-empty bucket after `now_`; there is one.
  std::size_t lowest() const { return static_cast<std::size_t>(__builtin_ctzll(filled_)) + 1; }

  /// An empty block chained before `next`: the spare last given back, else the next of the
  /// last slab (a new slab when it has none left).
  block* take_block(block* next) {
    block* b;
    if (spare_ != nullptr) {
      b = std::exchange(spare_, spare_->next);
    } else {
      if (slabs_.empty() || slab_used_ == slab_blocks) {
        slabs_.push_back(std::make_unique<block[]>(slab_blocks));
        slab_used_ = 0;
      }
      b = &slabs_.back()[slab_used_++];
    }
    b->next = next;
    b->count = 0;
    return b;
  }
  /// Gives a block back to the spares, and returns the one after it in its chain.
  block* release(block* b) {
    block* next = b->next;
    b->next = spare_;
    spare_ = b;
    return next;
  }
  /// Gives a chain of blocks back to the spares.
  void release_chain(block* b) {
    while (b != nullptr)
      b = release(b);
  }

  void put(const pending_event& x) {
    const auto i = bucket(key(x), last_);
    if (i == 0) {
      // At the last instant: after every event there, as it was armed after them.
      now_.push_back(x);
      return;
    }
    // A bucket's first block is the one being filled; the blocks after it are full.
    block*& first = later_[i];
    if (first == nullptr) {
      first = take_block(nullptr);
      best_[i] = x;
      filled_ |= bit(i);
    } else {
      if (pending_event_before{}(x, best_[i]))
        best_[i] = x;
      if (first->count == block::room)
        first = take_block(first);
    }
    first->events[first->count++] = x;
  }

  // The events at the next instant come to `now_`, in arming order: the lowest bucket's
  // earliest instant becomes the last one, and its events move to lower buckets.
  void refill() {
    const auto i = lowest();
    block* b = std::exchange(later_[i], nullptr);
    last_ = key(best_[i]);
    filled_ &= ~bit(i);
    while (b != nullptr) {
      for (std::uint32_t k = 0; k < b->count; ++k)
        put(b->events[k]); // into a bucket below i: they share the bits above i-1 with the new last
      // The block read is the next one taken: its lines are in the cache.
      b = release(b);
    }
    std::sort(now_.begin(), now_.end(), pending_event_before{});
  }

  std::vector<pending_event> early_; ///< pushed before the last instant taken out: a heap
  std::vector<pending_event> now_;   ///< bucket 0: at the last instant, in arming order
  std::size_t head_ = 0;             ///< the events of `now_` before it were taken out
  std::array<block*, buckets> later_{};       ///< buckets 1..64 (0 unused): chains of blocks
  std::array<pending_event, buckets> best_{}; ///< each non-empty bucket's earliest
  std::uint64_t filled_ = 0;                  ///< bit i-1: bucket i is not empty
  std::uint64_t last_ = 0; ///< the key of the last instant taken out (the least at first)
  std::size_t size_ = 0;   ///< in the buckets (`now_` from `head_` on, and `later_`)
  block* spare_ = nullptr; ///< blocks no bucket holds, the last given back first
  /// The blocks, 64 to a slab (64 KiB): the queue's memory in few places, given back when it
  /// goes.
  static constexpr std::size_t slab_blocks = 64;
  std::vector<std::unique_ptr<block[]>> slabs_;
  std::size_t slab_used_ = 0; ///< blocks of the last slab taken
};

} // namespace tokenlab
