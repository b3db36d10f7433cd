#include "model/go_base64.hpp"

#include <cstdint>

namespace tokenlab::go_base64 {

std::string encode(std::string_view in, std::string_view alphabet, bool pad) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char ch : in) {
    acc = (acc << 8) | static_cast<std::uint8_t>(ch);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(alphabet[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0)
    out.push_back(alphabet[(acc << (6 - bits)) & 0x3F]);
  while (pad && out.size() % 4 != 0)
    out.push_back('=');
  return out;
}

// '\r' and '\n' are skipped; '=' is padding only when `padded`: "==" after two characters,
// "=" after three, then nothing but newlines.
decoded decode(std::string_view in, std::string_view alphabet, bool padded) {
  decoded out;
  std::size_t si = 0;
  while (true) {
    int vals[4] = {0, 0, 0, 0};
    int len = 4;
    for (int j = 0; j < 4; ++j) {
      if (si == in.size()) {
        if (j == 0)
          return out;
        if (j == 1 || padded) {
          out.bad_at = si - static_cast<std::size_t>(j);
          return out;
        }
        len = j;
        break;
      }
      const char ch = in[si++];
      if (ch == '\n' || ch == '\r') {
        --j;
        continue;
      }
      const auto pos = alphabet.find(ch);
      if (pos != std::string_view::npos) {
        vals[j] = static_cast<int>(pos);
        continue;
      }
      if (!padded || ch != '=' || j < 2) {
        out.bad_at = si - 1;
        return out;
      }
      // Padding: "==" after two characters, "=" after three; then only newlines.
      if (j == 2) {
        while (si < in.size() && (in[si] == '\n' || in[si] == '\r'))
          ++si;
        if (si == in.size() || in[si] != '=') {
          out.bad_at = si == in.size() ? in.size() : si - 1;
          return out;
        }
        ++si;
      }
      while (si < in.size() && (in[si] == '\n' || in[si] == '\r'))
        ++si;
      if (si < in.size()) {
        out.bad_at = si;
        return out;
      }
      len = j;
      break;
    }
    const std::uint32_t v = (static_cast<std::uint32_t>(vals[0]) << 18) |
                            (static_cast<std::uint32_t>(vals[1]) << 12) |
                            (static_cast<std::uint32_t>(vals[2]) << 6) |
                            static_cast<std::uint32_t>(vals[3]);
    out.bytes.push_back(static_cast<char>((v >> 16) & 0xFF));
    if (len >= 3)
      out.bytes.push_back(static_cast<char>((v >> 8) & 0xFF));
    if (len == 4)
      out.bytes.push_back(static_cast<char>(v & 0xFF));
    if (len < 4)
      return out;
  }
}

} // namespace tokenlab::go_base64
