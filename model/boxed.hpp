#pragma once
// boxed<T>: an optional value kept on the heap. It reads like std::optional (`if (b)`,
// `*b`, `b->x`, `b = T{…}`, `b.reset()`) and copies deeply, but moving it moves a pointer.
// For a large member that is usually absent or handed on whole: a response's auth block
// crosses several actors' messages, and each hop moves its response.

#include <memory>
#include <optional>
#include <utility>

namespace tokenlab {

template <class T>
class boxed {
public:
  using value_type = T;

  boxed() noexcept = default;
  boxed(std::nullopt_t) noexcept {}
  boxed(const T& v) : p_(std::make_unique<T>(v)) {}
  boxed(T&& v) : p_(std::make_unique<T>(std::move(v))) {}
  boxed(const boxed& other) : p_(other.p_ ? std::make_unique<T>(*other.p_) : nullptr) {}
  boxed(boxed&&) noexcept = default;
  ~boxed() = default;

  boxed& operator=(const boxed& other) {
    if (this != &other)
      p_ = other.p_ ? std::make_unique<T>(*other.p_) : nullptr;
    return *this;
  }
  boxed& operator=(boxed&&) noexcept = default;
  boxed& operator=(std::nullopt_t) noexcept {
    p_.reset();
    return *this;
  }

  template <class... Args>
  T& emplace(Args&&... args) {
    p_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *p_;
  }
  void reset() noexcept { p_.reset(); }

  bool has_value() const noexcept { return p_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  T& operator*() noexcept { return *p_; }
  const T& operator*() const noexcept { return *p_; }
  T* operator->() noexcept { return p_.get(); }
  const T* operator->() const noexcept { return p_.get(); }

  friend bool operator==(const boxed& a, const boxed& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }
  friend bool operator!=(const boxed& a, const boxed& b) { return !(a == b); }

private:
  std::unique_ptr<T> p_;
};

} // namespace tokenlab
