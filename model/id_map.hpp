#pragma once
// A hash map from string IDs to records that stay where they are: the index of live tokens
// by ID, of leases by lease ID, of IAM users by name. Open addressing (linear probing, no
// tombstones: an erasure shifts the entries after it back) over an array of slots that hold
// each key's full hash and a pointer to its record, `std::pair<const Key, V>`, allocated
// on its own so that its address never changes while it is in the map. The record holds
// its key's characters (basic_id_key), up to Key::inline_size of them.
//
// Why not std::unordered_map: at 100,000s of records a lookup there walks a bucket (one
// cache miss), the node before the bucket's first (another), the node, and the key's
// characters, each a miss on a cold record; and it divides by a prime. Here a lookup reads
// one slot (16 bytes, four to a cache line), compares the stored hash, and only on a match
// reads the record, whose first bytes are its key: one miss, no division. The string-keyed
// maps on the request path were the largest single item of the reference workload's profile
// at N = 100,000 (docs/performance.md).
//
// An erased record's block is kept for the next record (spare blocks, last erased first): a
// token's record, a lease's, an IAM user's lives for hours of the lab's time, so its block
// went back to the allocator cold, among neighbours as cold, whose headers and free lists the
// allocator reads and writes to merge them (docs/performance.md, "The steps of 2026-12-06
// (midday)"). A spare is the block just written by the erasure, taken by the next insertion while
// still in the cache. The spares are bounded by a quarter of the records (and 64), so that the
// map's memory follows its live records, not their history. Under AddressSanitizer a spare is
// poisoned past its link: a read of an erased record is still reported.
//
// Iteration order depends on the keys' hashes and on the order of insertions and erasures,
// as std::unordered_map's does (deterministic for a given run, but no order to show): every
// caller that lists records sorts them. Iterators are invalidated by an insertion or an
// erasure; pointers and references to records are not, until their record is erased.

#include "model/inline_string.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <new>
#include <sanitizer/asan_interface.h>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace tokenlab {

/// An id_map's key: a string whose characters sit in the key itself, up to inline_size of
/// them, and on the heap beyond (inline_string). Neither copied nor moved: it is made where
/// its record is.
template <std::size_t InlineSize>
class basic_id_key {
public:
  static constexpr std::size_t inline_size = InlineSize;

  explicit basic_id_key(std::string_view s)
    : s_(s) {}
  basic_id_key(const basic_id_key&) = delete;
  basic_id_key& operator=(const basic_id_key&) = delete;

  const char* data() const { return s_.data(); }
  std::size_t size() const { return s_.size(); }
  std::string_view view() const { return s_.view(); }
  operator std::string_view() const { return view(); }
  std::string str() const { return s_.str(); }

  friend bool operator==(const basic_id_key& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(std::string_view a, const basic_id_key& b) { return a == b.view(); }
  friend bool operator!=(const basic_id_key& a, std::string_view b) { return a.view() != b; }
  friend bool operator!=(std::string_view a, const basic_id_key& b) { return a != b.view(); }

private:
  inline_string<InlineSize> s_;
};

/// The key of most maps: a token's ID (28 characters), a lease's (such as "aws/creds/app/"
/// and 24 more), an entity's (36) sit in it.
using id_key = basic_id_key<44>;

/// The key of a map of longer IDs: an IAM user's name, up to 64 characters.
using long_id_key = basic_id_key<64>;

template <class V, class Key = id_key>
class id_map {
public:
  using key_type = Key;
  using mapped_type = V;
  using value_type = std::pair<const Key, V>;

private:
  struct slot {
    std::size_t hash = 0;
    value_type* record = nullptr; ///< null: the slot is free
  };

  template <class Value>
  class basic_iterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using pointer = Value*;
    using reference = Value&;

    basic_iterator() = default;
    basic_iterator(const slot* at, const slot* end)
      : at_(at)
      , end_(end) {
      skip_free();
    }
    /// An iterator converts to a const_iterator.
    template <class Other, class = std::enable_if_t<!std::is_same_v<Other, Value>>>
    basic_iterator(const basic_iterator<Other>& other)
      : at_(other.at_)
      , end_(other.end_) {}

    reference operator*() const { return *at_->record; }
    pointer operator->() const { return at_->record; }
    basic_iterator& operator++() {
      ++at_;
      skip_free();
      return *this;
    }
    basic_iterator operator++(int) {
      auto was = *this;
      ++*this;
      return was;
    }
    friend bool operator==(const basic_iterator& a, const basic_iterator& b) {
      return a.at_ == b.at_;
    }
    friend bool operator!=(const basic_iterator& a, const basic_iterator& b) {
      return a.at_ != b.at_;
    }

  private:
    friend class id_map;
    template <class>
    friend class basic_iterator;
    void skip_free() {
      while (at_ != end_ && at_->record == nullptr)
        ++at_;
    }
    const slot* at_ = nullptr;
    const slot* end_ = nullptr;
  };

public:
  using iterator = basic_iterator<value_type>;
  using const_iterator = basic_iterator<const value_type>;

  id_map() = default;
  id_map(const id_map&) = delete;
  id_map& operator=(const id_map&) = delete;
  id_map(id_map&& other) noexcept
    : slots_(std::move(other.slots_))
    , size_(std::exchange(other.size_, 0))
    , spare_(std::exchange(other.spare_, nullptr))
    , spares_(std::exchange(other.spares_, 0)) {
    other.slots_.clear();
  }
  id_map& operator=(id_map&& other) noexcept {
    if (this != &other) {
      clear();
      drop_spares(0);
      slots_ = std::move(other.slots_);
      size_ = std::exchange(other.size_, 0);
      spare_ = std::exchange(other.spare_, nullptr);
      spares_ = std::exchange(other.spares_, 0);
      other.slots_.clear();
    }
    return *this;
  }
  ~id_map() {
    clear();
    drop_spares(0);
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  iterator begin() { return {slots_.data(), slots_.data() + slots_.size()}; }
  iterator end() { return {slots_.data() + slots_.size(), slots_.data() + slots_.size()}; }
  const_iterator begin() const { return {slots_.data(), slots_.data() + slots_.size()}; }
  const_iterator end() const {
    return {slots_.data() + slots_.size(), slots_.data() + slots_.size()};
  }

  iterator find(std::string_view key) {
    auto i = locate(key, hash_of(key));
    return i == npos ? end() : at(i);
  }
  const_iterator find(std::string_view key) const {
    auto i = locate(key, hash_of(key));
    return i == npos ? end() : const_iterator{at_const(i)};
  }
  std::size_t count(std::string_view key) const { return locate(key, hash_of(key)) != npos; }

  /// The record of `key`, made from `args` if there is none (then `second` is true).
  template <class... Args>
  std::pair<iterator, bool> try_emplace(std::string_view key, Args&&... args) {
    const auto h = hash_of(key);
    if (auto i = locate(key, h); i != npos)
      return {at(i), false};
    reserve(size_ + 1);
    void* block = take_block();
    value_type* record = nullptr;
    try {
      record = ::new (block) value_type(std::piecewise_construct, std::forward_as_tuple(key),
                                        std::forward_as_tuple(std::forward<Args>(args)...));
    } catch (...) {
      keep_block(block);
      throw;
    }
    auto i = free_slot(h);
    slots_[i] = slot{h, record};
    ++size_;
    return {at(i), true};
  }
  V& operator[](std::string_view key) { return try_emplace(key).first->second; }

  /// Erases the record `it` names; returns nothing (iterators are invalidated).
  void erase(const_iterator it) {
    auto i = static_cast<std::size_t>(it.at_ - slots_.data());
    destroy(slots_[i].record);
    slots_[i] = slot{};
    --size_;
    shift_back(i);
    drop_spares(max_spares());
  }
  std::size_t erase(std::string_view key) {
    auto i = locate(key, hash_of(key));
    if (i == npos)
      return 0;
    erase(const_iterator{at_const(i)});
    return 1;
  }

  /// Erases every record (their blocks kept as spares, up to the bound of an empty map).
  void clear() {
    for (auto& s : slots_)
      if (s.record != nullptr)
        destroy(std::exchange(s.record, nullptr));
    size_ = 0;
    drop_spares(max_spares());
  }

  /// Blocks of erased records kept for the next ones.
  std::size_t spares() const { return spares_; }

  /// Room for `n` records without growing the slots again.
  void reserve(std::size_t n) {
    if (n * 4 <= slots_.size() * 3) // at most three in four slots used
      return;
    std::size_t capacity = 16;
    while (n * 4 > capacity * 3)
      capacity *= 2;
    std::vector<slot> old(capacity);
    old.swap(slots_);
    for (const auto& s : old)
      if (s.record != nullptr)
        slots_[free_slot(s.hash)] = s;
  }

private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // A spare block holds the next spare's address where its record was.
  struct spare_block {
    spare_block* next;
  };
  static_assert(sizeof(value_type) >= sizeof(spare_block) &&
                  alignof(value_type) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__,
                "a record's block holds a spare's link, and operator new aligns it");

  std::size_t max_spares() const { return std::max<std::size_t>(64, size_ / 4); }
  // Under AddressSanitizer a spare is poisoned past its link, so that a read through a
  // pointer to an erased record is reported as it was when the block was freed.
  void keep_block(void* block) {
    spare_ = ::new (block) spare_block{spare_};
    ++spares_;
    ASAN_POISON_MEMORY_REGION(static_cast<char*>(block) + sizeof(spare_block),
                              sizeof(value_type) - sizeof(spare_block));
  }
  void* pop_spare() {
    auto* b = spare_;
    spare_ = b->next;
    --spares_;
    ASAN_UNPOISON_MEMORY_REGION(b, sizeof(value_type));
    return b; // a spare_block ends with nothing to destroy
  }
  void* take_block() { return spare_ ? pop_spare() : ::operator new(sizeof(value_type)); }
  void destroy(value_type* record) {
    record->~value_type();
    keep_block(record);
  }
  /// Gives spares back to the allocator down to `keep` (one or two at an erasure: the bound
  /// falls by a quarter of one).
  void drop_spares(std::size_t keep) {
    while (spares_ > keep)
      ::operator delete(pop_spare());
  }

  // std::hash<std::string_view> hashes a string's characters as std::hash<std::string> does.
  static std::size_t hash_of(std::string_view key) { return std::hash<std::string_view>{}(key); }
  std::size_t mask() const { return slots_.size() - 1; }

  std::size_t locate(std::string_view key, std::size_t h) const {
    if (slots_.empty())
      return npos;
    for (auto i = h & mask();; i = (i + 1) & mask()) {
      const auto& s = slots_[i];
      if (s.record == nullptr)
        return npos;
      if (s.hash == h && s.record->first == key)
        return i;
    }
  }
  std::size_t free_slot(std::size_t h) const {
    auto i = h & mask();
    while (slots_[i].record != nullptr)
      i = (i + 1) & mask();
    return i;
  }
  // Backward-shift deletion: each entry after the freed slot `hole`, up to the next free
  // slot, moves into the hole if its home slot is not between the hole and it (cyclically),
  // so that every entry stays reachable from its home without tombstones.
  void shift_back(std::size_t hole) {
    for (auto j = (hole + 1) & mask(); slots_[j].record != nullptr; j = (j + 1) & mask()) {
      const auto home = slots_[j].hash & mask();
      const auto from_home = (j - home) & mask(); // how far j is past its home
      const auto from_hole = (j - hole) & mask(); // how far j is past the hole
      if (from_home >= from_hole) {
        slots_[hole] = slots_[j];
        slots_[j] = slot{};
        hole = j;
      }
    }
  }
  iterator at(std::size_t i) { return {slots_.data() + i, slots_.data() + slots_.size()}; }
  const_iterator at_const(std::size_t i) const {
    return {slots_.data() + i, slots_.data() + slots_.size()};
  }

  std::vector<slot> slots_;
  std::size_t size_ = 0;
  spare_block* spare_ = nullptr; ///< the last erased record's block, first
  std::size_t spares_ = 0;
};

} // namespace tokenlab
