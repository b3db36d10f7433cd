#pragma once
// shared_value<T>: a value that many records hold and none changes, kept once. A token's
// policy list, metadata and origin are the same for every token of a fleet's logins ("app",
// "default"; username=pod; userpass-pod at auth/userpass/login/pod); in each token entry
// they were heap blocks or strings of their own, made at the login and freed, read cold,
// when the token ended (docs/performance.md, "The cost per event by counts"). The token
// store interns them (`interner`), so that the entries of equal values share one.
//
// It reads as a `const T&` (an implicit conversion, `get()`, `->`, and a container's
// `begin`, `end`, `size` and `empty`), and is made from a T. A value equal to T's default (an
// empty container) holds no block. To change it, assign a new T, or `change()` it: that
// copies the value first unless this holder alone has it.

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <set>
#include <utility>

namespace tokenlab {

template <class T>
class shared_value {
public:
  shared_value() = default;
  shared_value(T v) { // implicit: `entry.policies = sanitized_list;`
    if (!is_default(v))
      p_ = std::make_shared<T>(std::move(v)); // not a const object: change() may change it
  }
  template <class U = T>
  shared_value(std::initializer_list<typename U::value_type> items)
    : shared_value(T(items)) {}

  const T& get() const noexcept { return p_ ? *p_ : none(); }
  operator const T&() const noexcept { return get(); }
  const T* operator->() const noexcept { return &get(); }

  // Only for a container (a test of whether it is a range must not fail to compile).
  template <class U = T>
  auto begin() const noexcept -> decltype(std::declval<const U&>().begin()) {
    return get().begin();
  }
  template <class U = T>
  auto end() const noexcept -> decltype(std::declval<const U&>().end()) {
    return get().end();
  }
  std::size_t size() const noexcept { return get().size(); }
  bool empty() const noexcept { return get().empty(); }

  /// The value to change in place: a copy of its own first, unless this holder alone has it
  /// (an interned value is also the interner's, so never changed through here).
  T& change() {
    if (!p_ || p_.use_count() > 1) {
      auto mine = std::make_shared<T>(get());
      T& v = *mine;
      p_ = std::move(mine);
      return v;
    }
    // Made by make_shared<T> above (or from a T), never a const object: safe to change.
    return const_cast<T&>(*p_);
  }

  friend bool operator==(const shared_value& a, const shared_value& b) {
    return a.p_ == b.p_ || a.get() == b.get();
  }
  friend bool operator!=(const shared_value& a, const shared_value& b) { return !(a == b); }
  friend bool operator==(const shared_value& a, const T& b) { return a.get() == b; }
  friend bool operator==(const T& a, const shared_value& b) { return a == b.get(); }

private:
  template <class>
  friend class interner;

  static const T& none() noexcept {
    static const T value;
    return value;
  }
  // A container: empty; another value: equal to its default.
  template <class U>
  static auto is_default(const U& v, int) -> decltype(v.empty()) {
    return v.empty();
  }
  template <class U>
  static bool is_default(const U& v, long) {
    return v == none();
  }
  static bool is_default(const T& v) { return is_default(v, 0); }

  std::shared_ptr<const T> p_;
};

/// The distinct values of T that records hold, each once: `intern(v)` gives the block an
/// equal value already has, or keeps v's. A value no record holds any more is dropped when
/// the table has doubled since it was last swept, so the table follows the live records, not
/// their history.
template <class T>
class interner {
public:
  shared_value<T> intern(shared_value<T> v) {
    if (!v.p_)
      return v;
    // A fleet's logins give the same value again and again: the last one first, by ==.
    if (last_ && (last_ == v.p_ || *last_ == *v.p_))
      return from(last_);
    if (auto known = held_.find(v.p_); known != held_.end())
      return from(last_ = *known);
    if (held_.size() >= sweep_at_)
      sweep();
    held_.insert(v.p_);
    last_ = v.p_;
    return v;
  }

  /// How many distinct values the table holds (live or not yet swept).
  std::size_t size() const noexcept { return held_.size(); }

private:
  struct by_value {
    bool operator()(const std::shared_ptr<const T>& a, const std::shared_ptr<const T>& b) const {
      return *a < *b;
    }
  };

  static shared_value<T> from(std::shared_ptr<const T> p) {
    shared_value<T> v;
    v.p_ = std::move(p);
    return v;
  }

  void sweep() {
    last_.reset();
    for (auto i = held_.begin(); i != held_.end();)
      i = i->use_count() == 1 ? held_.erase(i) : std::next(i);
    sweep_at_ = held_.size() * 2 < min_sweep ? min_sweep : held_.size() * 2;
  }

  static constexpr std::size_t min_sweep = 64;
  std::set<std::shared_ptr<const T>, by_value> held_;
  std::shared_ptr<const T> last_; ///< the value last interned or found (one of held_)
  std::size_t sweep_at_ = min_sweep;
};

} // namespace tokenlab
