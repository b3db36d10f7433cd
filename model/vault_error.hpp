#pragma once
// Errors as values, in Vault's words. A vault_error is what Vault's HTTP API answers with:
// a status code and one or more messages. The texts themselves live in model/texts.hpp.

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tokenlab {

/// An error response of Vault's API: `{"errors":[...]}` with an HTTP status.
struct vault_error {
  int status = 400;
  std::vector<std::string> messages;

  /// 400: logical.ErrInvalidRequest and error responses.
  static vault_error invalid(std::string msg) { return {400, {std::move(msg)}}; }
  /// 403: logical.ErrPermissionDenied.
  static vault_error denied(std::string msg) { return {403, {std::move(msg)}}; }
  /// 500: a plain error returned by a handler (e.g. CalculateTTL's errors at renewal).
  static vault_error internal(std::string msg) { return {500, {std::move(msg)}}; }

  /// The first message (most errors carry exactly one; a 404 of a read may carry none).
  std::string message() const { return messages.empty() ? std::string{} : messages.front(); }

  friend bool operator==(const vault_error& a, const vault_error& b) {
    return a.status == b.status && a.messages == b.messages;
  }
};

/// A value or a vault_error.
template <class T>
class outcome {
public:
  outcome(T value)
    : v_(std::move(value)) {}
  outcome(vault_error err)
    : v_(std::move(err)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

  const vault_error& error() const { return std::get<1>(v_); }

private:
  std::variant<T, vault_error> v_;
};

} // namespace tokenlab
