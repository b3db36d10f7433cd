#include "reports/markup.hpp"

#include <cstdint>

namespace tokenlab {

namespace {

// The length of the valid UTF-8 sequence at text[i], or 0 when it is not one (overlong forms,
// surrogates and code points past U+10FFFF are invalid, as Unicode says).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto c0 = b(0);
  std::size_t n = 0;
  std::uint32_t lo = 0;
  std::uint32_t cp = 0;
  if (c0 < 0x80)
    return 1;
  if ((c0 & 0xE0) == 0xC0)
    n = 2, lo = 0x80, cp = c0 & 0x1Fu;
  else if ((c0 & 0xF0) == 0xE0)
    n = 3, lo = 0x800, cp = c0 & 0x0Fu;
  else if ((c0 & 0xF8) == 0xF0)
    n = 4, lo = 0x10000, cp = c0 & 0x07u;
  else
    return 0;
  if (i + n > text.size())
    return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (b(k) & 0x3Fu);
  }
  if (cp < lo || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
    return 0;
  return n;
}

} // namespace

std::string xml_escape(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&#39;"; ++i; continue;
      default: break;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD"; // U+FFFD
      ++i;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

} // namespace tokenlab
