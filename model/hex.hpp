#pragma once
// Hexadecimal digits, read as Go's encoding/hex and JSON's \u escapes read them.

namespace tokenlab {

/// The value of hexadecimal digit `c` (either case), or -1 when it is not one.
constexpr int hex_digit_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

} // namespace tokenlab
