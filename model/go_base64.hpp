#pragma once
// Go's encoding/base64 as Vault uses it: the standard and URL alphabets, with or without '='
// padding, and the non-strict decoder (newlines skipped, the unused low bits of a last
// character ignored) that names the byte at fault as CorruptInputError does.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tokenlab::go_base64 {

inline constexpr std::string_view std_alphabet =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline constexpr std::string_view url_alphabet =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// EncodeToString: StdEncoding (std alphabet, padded), RawStdEncoding, RawURLEncoding, …
std::string encode(std::string_view bytes, std::string_view alphabet, bool padded);

/// DecodeString's result: the bytes, or the index of the input byte at fault
/// (`illegal base64 data at input byte N`).
struct decoded {
  std::string bytes;
  std::optional<std::size_t> bad_at;
};

/// DecodeString, quantum by quantum as Go's decodeQuantum reads it.
decoded decode(std::string_view text, std::string_view alphabet, bool padded);

} // namespace tokenlab::go_base64
