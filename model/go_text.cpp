#include "model/go_text.hpp"

namespace tokenlab {

std::string go_quote(std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

namespace {

// The longest prefix of `s` of at most `most` bytes that does not split a UTF-8 sequence.
std::size_t utf8_cut(std::string_view s, std::size_t most) {
  if (s.size() <= most)
    return s.size();
  std::size_t cut = most;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
    --cut;
  return cut;
}

} // namespace

std::string quote_input(std::string_view s, std::size_t most) {
  if (s.size() <= most)
    return go_quote(s);
  std::string q = go_quote(s.substr(0, utf8_cut(s, most)));
  q.insert(q.size() - 1, "…");
  return q + " (" + std::to_string(s.size()) + " bytes)";
}

std::string printable(std::string_view text, std::size_t max_line) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool newline = end != std::string_view::npos;
    if (!newline)
      end = text.size();
    std::string_view line = text.substr(start, end - start);
    const std::size_t keep = utf8_cut(line, max_line);
    for (std::size_t i = 0; i < keep; ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 0xF];
      } else if (c == 0xC2 && i + 1 < keep && static_cast<unsigned char>(line[i + 1]) >= 0x80 &&
                 static_cast<unsigned char>(line[i + 1]) <= 0x9F) {
        const auto c1 = static_cast<unsigned char>(line[++i]);
        out += "\\u00";
        out += hex[c1 >> 4];
        out += hex[c1 & 0xF];
      } else {
        out += static_cast<char>(c);
      }
    }
    if (keep < line.size())
      out += "… (" + std::to_string(line.size() - keep) +
             (line.size() - keep == 1 ? " more byte)" : " more bytes)");
    if (newline)
      out += '\n';
    start = end + 1;
  }
  return out;
}

std::string go_trim_space(std::string_view s) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && space(s[b]))
    ++b;
  while (e > b && space(s[e - 1]))
    --e;
  return std::string{s.substr(b, e - b)};
}

} // namespace tokenlab
