#pragma once
// inline_string<N>: a string whose characters sit in the object itself, up to N of them, and
// on the heap beyond. For the IDs a record keeps by the hundred thousand (a token's ID,
// accessor, parent, entity and cubbyhole IDs, its path; a lease's ID and owner): each of
// them in a std::string is a heap block of its own, allocated when the record is made and
// freed when it goes, a cold block read at each freeing (docs/performance.md, "The cost per
// event by counts"). Every ID the lab draws sits in its record: a token's (28 characters)
// in a token_id_string, an entity's (36) and an AWS lease's (38) in an id_string; a custom
// token ID, a batch token or a long path may not, and goes to the heap.
//
// It reads as a std::string_view (`view()`, an implicit conversion, comparisons with any
// string), and copies and moves as a value. `str()` makes a std::string where one is needed.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace tokenlab {

template <std::size_t N>
class inline_string {
  template <class S>
  using if_text = std::enable_if_t<
    std::is_convertible_v<const S&, std::string_view> && !std::is_same_v<S, inline_string>, int>;

public:
  static constexpr std::size_t inline_size = N;

  inline_string() noexcept {} // user-provided: its characters need no zeroing
  inline_string(std::string_view s) { assign_new(s); }
  inline_string(const std::string& s) { assign_new(s); }
  inline_string(const char* s) { assign_new(s); }
  inline_string(const inline_string& other) { assign_new(other.view()); }
  inline_string(inline_string&& other) noexcept { take(other); }
  ~inline_string() { release(); }

  inline_string& operator=(const inline_string& other) { return *this = other.view(); }
  inline_string& operator=(inline_string&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  inline_string& operator=(std::string_view s) {
    // Characters of its own (a view of itself) are copied out before its room is given back.
    if (on_heap() && !s.empty() && s.data() >= heap() && s.data() < heap() + size_)
      return *this = inline_string{std::string{s}};
    release();
    assign_new(s);
    return *this;
  }
  inline_string& operator=(const std::string& s) { return *this = std::string_view{s}; }
  inline_string& operator=(const char* s) { return *this = std::string_view{s}; }

  const char* data() const { return on_heap() ? heap() : chars_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::string_view view() const { return {data(), size_}; }
  operator std::string_view() const { return view(); }
  std::string str() const { return std::string{view()}; }
  void clear() { release(); }

  friend bool operator==(const inline_string& a, const inline_string& b) {
    return a.view() == b.view();
  }
  friend bool operator!=(const inline_string& a, const inline_string& b) { return !(a == b); }
  template <class S, if_text<S> = 0>
  friend bool operator==(const inline_string& a, const S& b) {
    return a.view() == std::string_view{b};
  }
  template <class S, if_text<S> = 0>
  friend bool operator==(const S& a, const inline_string& b) {
    return std::string_view{a} == b.view();
  }
  template <class S, if_text<S> = 0>
  friend bool operator!=(const inline_string& a, const S& b) {
    return !(a == b);
  }
  template <class S, if_text<S> = 0>
  friend bool operator!=(const S& a, const inline_string& b) {
    return !(a == b);
  }

private:
  bool on_heap() const { return size_ > N; }
  // A longer string's characters are on the heap, their address in chars_' first bytes.
  char* heap() const {
    char* at;
    std::memcpy(&at, chars_, sizeof at);
    return at;
  }
  // Into an empty string (nothing to give back); still empty if the allocation throws.
  void assign_new(std::string_view s) {
    if (s.size() > N) {
      char* to = new char[s.size()];
      std::memcpy(to, s.data(), s.size());
      std::memcpy(chars_, &to, sizeof to);
    } else if (!s.empty()) {
      std::memmove(chars_, s.data(), s.size()); // a view of its own characters may overlap
    }
    size_ = static_cast<std::uint32_t>(s.size());
  }
  void take(inline_string& other) noexcept {
    size_ = other.size_;
    std::memcpy(chars_, other.chars_, on_heap() ? sizeof(char*) : size_);
    other.size_ = 0;
  }
  void release() {
    if (on_heap())
      delete[] heap();
    size_ = 0;
  }

  static_assert(N >= sizeof(char*), "a longer string's address sits in the characters' room");
  std::uint32_t size_ = 0;
  char chars_[N]; ///< the characters, or where they are
};

/// A token's ID ("hvs." and 24 characters), accessor or cubbyhole ID (24), its path: 32
/// bytes, a std::string's size, with no heap block of their own.
using token_id_string = inline_string<28>;
/// Longer IDs: an entity's (36 characters), a lease's (38).
using id_string = inline_string<44>;

} // namespace tokenlab
