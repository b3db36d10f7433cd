// The values of HCL v1's tokens, as Vault 1.14 reads a policy: Go's UTF-8 decoding (ReadRune),
// hcl/token (positions, type names, Token.Value with unindentHeredoc) and hcl/strconv.Unquote.
// The scanner, parser and decoder that use them are hcl_scan.cpp, hcl_parse.cpp and
// hcl_decode.cpp.

#include "model/policy_text.hpp"

#include "model/hcl_internal.hpp"

#include <vector>

namespace tokenlab::hcl {

namespace detail {

// Decodes one UTF-8 rune as Go's ReadRune: size 0 at the end, (U+FFFD, 1) when invalid.
std::pair<char32_t, int> decode_rune(std::string_view s) {
  if (s.empty())
    return {eof_rune, 0};
  auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x80)
    return {c, 1};
  int n = (c >= 0xC2 && c <= 0xDF)   ? 2
          : (c >= 0xE0 && c <= 0xEF) ? 3
          : (c >= 0xF0 && c <= 0xF4) ? 4
                                     : 0;
  if (n == 0 || s.size() < static_cast<size_t>(n))
    return {rune_error, 1};
  char32_t r = c & (0x7Fu >> n);
  for (int i = 1; i < n; ++i) {
    auto cc = static_cast<unsigned char>(s[i]);
    if ((cc & 0xC0) != 0x80)
      return {rune_error, 1};
    r = (r << 6) | (cc & 0x3Fu);
  }
  if ((n == 3 && r < 0x800) || (n == 4 && (r < 0x10000 || r > 0x10FFFF)) ||
      (r >= 0xD800 && r <= 0xDFFF))
    return {rune_error, 1};
  return {r, n};
}

bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         (c >= 0x80 && c != rune_error);
}
bool is_decimal(char32_t c) {
  return c >= '0' && c <= '9';
}
int digit_val(char32_t c) {
  if (c >= '0' && c <= '9')
    return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f')
    return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F')
    return static_cast<int>(c - 'A' + 10);
  return 16;
}

} // namespace detail

using namespace detail;

namespace {

void append_rune(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
    r = rune_error;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

} // namespace

namespace detail {

// hcl/strconv.Unquote of a scanned string literal (quotes included); `${...}` passes verbatim.
std::optional<std::string> unquote(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"')
    return std::nullopt;
  s = s.substr(1, s.size() - 2);
  std::string out;
  while (!s.empty()) {
    if (s[0] == '$' && s.size() > 1 && s[1] == '{') {
      size_t i = 2;
      int braces = 1;
      for (; i < s.size() && braces > 0; ++i)
        braces += s[i] == '{' ? 1 : s[i] == '}' ? -1 : 0;
      if (braces != 0)
        return std::nullopt;
      out += s.substr(0, i);
      s.remove_prefix(i);
      continue;
    }
    if (s[0] == '\n' || s[0] == '"')
      return std::nullopt;
    if (s[0] != '\\') {
      out += s[0];
      s.remove_prefix(1);
      continue;
    }
    if (s.size() < 2)
      return std::nullopt;
    char c = s[1];
    s.remove_prefix(2);
    static constexpr std::string_view simple = "abfnrtv\\\"", value = "\a\b\f\n\r\t\v\\\"";
    if (auto k = simple.find(c); k != std::string_view::npos) {
      out += value[k];
    } else if (c == 'x' || c == 'u' || c == 'U') {
      size_t n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      if (s.size() < n)
        return std::nullopt;
      char32_t v = 0;
      for (size_t j = 0; j < n; ++j) {
        if (digit_val(static_cast<unsigned char>(s[j])) > 15)
          return std::nullopt;
        v = (v << 4) | static_cast<char32_t>(digit_val(static_cast<unsigned char>(s[j])));
      }
      s.remove_prefix(n);
      if (c == 'x')
        out += static_cast<char>(v);
      else if (v > 0x10FFFF)
        return std::nullopt;
      else
        append_rune(out, v);
    } else if (c >= '0' && c <= '7') {
      if (s.size() < 2 || s[0] < '0' || s[0] > '7' || s[1] < '0' || s[1] > '7')
        return std::nullopt;
      int v = ((c - '0') << 6) | ((s[0] - '0') << 3) | (s[1] - '0');
      if (v > 255)
        return std::nullopt;
      out += static_cast<char>(v);
      s.remove_prefix(2);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

} // namespace detail

namespace {

// token.unindentHeredoc: the body of `<<EOF` as written; `<<-EOF` loses the terminator's indent.
std::string heredoc_body(std::string_view h) {
  size_t idx = h.find('\n');
  if (idx == std::string_view::npos)
    return {};
  if (h.size() < 3 || h[2] != '-')
    return std::string{h.substr(idx + 1, h.size() - idx + 1 - (idx + 1))};
  std::string_view body = h.substr(idx + 1, h.size() - idx + 2 - (idx + 1));
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    size_t nl = body.find('\n', start);
    lines.push_back(body.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos)
      break;
    start = nl + 1;
  }
  std::string_view prefix = lines.back();
  for (auto l : lines)
    if (l.substr(0, prefix.size()) != prefix) {
      std::string raw{h.substr(idx + 1, h.size() - idx + 1 - (idx + 1))};
      return raw.erase(raw.find_last_not_of(" \t") + 1);
    }
  std::string out;
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k > 0)
      out += '\n';
    if (k + 1 < lines.size())
      out += lines[k].substr(prefix.size());
  }
  return out;
}

} // namespace

std::string pos::str() const {
  return line > 0 ? std::to_string(line) + ":" + std::to_string(column) : "-";
}

const char* tok_name(tok t) {
  static constexpr const char* names[] = {
    "ILLEGAL", "EOF",    "COMMENT", "IDENT",  "NUMBER", "FLOAT",  "BOOL",   "STRING", "HEREDOC",
    "LBRACK",  "LBRACE", "COMMA",   "PERIOD", "RBRACK", "RBRACE", "ASSIGN", "ADD",    "SUB",
  };
  return names[static_cast<int>(t)];
}

std::string token::value() const {
  if (type == tok::string) {
    // A string the scanner lets through but strconv rejects ("\777") makes Vault panic; here it
    // reads as empty (parse() refuses it as a top-level key).
    auto v = unquote(text);
    return v ? *v : std::string{};
  }
  if (type == tok::heredoc)
    return heredoc_body(text);
  return text;
}

} // namespace tokenlab::hcl
