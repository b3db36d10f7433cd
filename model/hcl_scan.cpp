// HCL v1's scanner (hcl/scanner, as Vault 1.14 vendors it: github.com/hashicorp/hcl
// v1.0.1-vault-5), statement for statement, so that a policy's tokens, the positions they carry
// and the scanner's errors (`literal not terminated`, `illegal char`, ...) are Vault's.

#include "model/hcl_internal.hpp"

#include <cctype>

namespace tokenlab::hcl::detail {

scanner::scanner(std::string_view src)
  : src_(src) {
  src_pos_.line = 1;
}

token scanner::scan() {
  char32_t ch = next();
  while (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
    ch = next();
  tok t = tok::illegal;
  tok_start_ = src_pos_.offset - last_char_len_;
  tok_pos_.offset = src_pos_.offset - last_char_len_;
  if (src_pos_.column > 0) {
    tok_pos_.line = src_pos_.line;
    tok_pos_.column = src_pos_.column;
  } else {
    tok_pos_.line = src_pos_.line - 1;
    tok_pos_.column = last_line_len_;
  }
  if (is_letter(ch)) {
    t = tok::ident;
    auto lit = scan_identifier();
    if (lit == "true" || lit == "false")
      t = tok::boolean;
  } else if (is_decimal(ch)) {
    t = scan_number(ch);
  } else {
    switch (ch) {
      case eof_rune: t = tok::eof; break;
      case '"':
        t = tok::string;
        scan_string();
        break;
      case '#':
      case '/':
        t = tok::comment;
        scan_comment(ch);
        break;
      case '.':
        t = tok::period;
        ch = peek();
        if (is_decimal(ch)) {
          t = tok::floating;
          ch = scan_mantissa(ch);
          scan_exponent(ch);
        }
        break;
      case '<':
        t = tok::heredoc;
        scan_heredoc();
        break;
      case '[': t = tok::lbrack; break;
      case ']': t = tok::rbrack; break;
      case '{': t = tok::lbrace; break;
      case '}': t = tok::rbrace; break;
      case ',': t = tok::comma; break;
      case '=': t = tok::assign; break;
      case '+': t = tok::add; break;
      case '-':
        if (is_decimal(peek()))
          t = scan_number(next());
        else
          t = tok::sub;
        break;
      default: err("illegal char");
    }
  }
  int tok_end = src_pos_.offset;
  std::string text;
  if (tok_start_ >= 0 && tok_end >= tok_start_)
    text = std::string{
      src_.substr(static_cast<size_t>(tok_start_), static_cast<size_t>(tok_end - tok_start_))};
  tok_start_ = tok_end;
  return token{t, tok_pos_, std::move(text)};
}

char32_t scanner::next() {
  auto [ch, size] = decode_rune(src_.substr(rd_));
  if (size == 0) {
    ++src_pos_.column;
    last_char_len_ = 0;
    return eof_rune;
  }
  rd_ += static_cast<size_t>(size);
  last_read_ = size;
  prev_pos_ = src_pos_;
  ++src_pos_.column;
  last_char_len_ = size;
  src_pos_.offset += size;
  if (ch == rune_error && size == 1) {
    err("illegal UTF-8 encoding");
    return ch;
  }
  if (ch == '\n') {
    ++src_pos_.line;
    last_line_len_ = src_pos_.column;
    src_pos_.column = 0;
  }
  if (ch == 0) {
    err("unexpected null character (0x00)");
    return eof_rune;
  }
  if (ch == 0xE123) {
    err("unicode code point U+E123 reserved for internal use");
    return rune_error;
  }
  return ch;
}

void scanner::unread() {
  rd_ -= static_cast<size_t>(last_read_);
  src_pos_ = prev_pos_;
}

char32_t scanner::peek() const {
  return decode_rune(src_.substr(rd_)).first;
}

void scanner::err(const char* msg) {
  pos p;
  p.offset = src_pos_.offset - last_char_len_;
  if (src_pos_.column > 0) {
    p.line = src_pos_.line;
    p.column = src_pos_.column;
  } else if (last_line_len_ > 0) {
    p.line = src_pos_.line - 1;
    p.column = last_line_len_;
  } else {
    p.line = 1;
    p.column = 1;
  }
  error.emplace(p, msg);
}

void scanner::scan_comment(char32_t ch) {
  if (ch == '#' || (ch == '/' && peek() != '*')) {
    if (ch == '/' && peek() != '/') {
      err("expected '/' for comment");
      return;
    }
    ch = next();
    while (ch != '\n' && ch != eof_rune)
      ch = next();
    if (ch != eof_rune)
      unread();
    return;
  }
  if (ch == '/') {
    next();
    ch = next();
  }
  for (;;) {
    if (ch == eof_rune) {
      err("comment not terminated");
      break;
    }
    char32_t ch0 = ch;
    ch = next();
    if (ch0 == '*' && ch == '/')
      break;
  }
}

tok scanner::scan_number(char32_t ch) {
  if (ch == '0') {
    ch = next();
    if (ch == 'x' || ch == 'X') {
      ch = next();
      bool found = false;
      while (digit_val(ch) < 16) {
        ch = next();
        found = true;
      }
      if (!found)
        err("illegal hexadecimal number");
      if (ch != eof_rune)
        unread();
      return tok::number;
    }
    bool illegal_octal = false;
    while (is_decimal(ch)) {
      ch = next();
      if (ch == '8' || ch == '9')
        illegal_octal = true;
    }
    if (ch == 'e' || ch == 'E') {
      scan_exponent(ch);
      return tok::floating;
    }
    if (ch == '.') {
      ch = scan_fraction(ch);
      if (ch == 'e' || ch == 'E')
        scan_exponent(next());
      return tok::floating;
    }
    if (illegal_octal)
      err("illegal octal number");
    if (ch != eof_rune)
      unread();
    return tok::number;
  }
  scan_mantissa(ch);
  ch = next();
  if (ch == 'e' || ch == 'E') {
    scan_exponent(ch);
    return tok::floating;
  }
  if (ch == '.') {
    ch = scan_fraction(ch);
    if (ch == 'e' || ch == 'E')
      scan_exponent(next());
    return tok::floating;
  }
  if (ch != eof_rune)
    unread();
  return tok::number;
}

char32_t scanner::scan_mantissa(char32_t ch) {
  bool scanned = false;
  while (is_decimal(ch)) {
    ch = next();
    scanned = true;
  }
  if (scanned && ch != eof_rune)
    unread();
  return ch;
}

char32_t scanner::scan_fraction(char32_t ch) {
  if (ch == '.')
    ch = scan_mantissa(peek());
  return ch;
}

char32_t scanner::scan_exponent(char32_t ch) {
  if (ch == 'e' || ch == 'E') {
    ch = next();
    if (ch == '-' || ch == '+')
      ch = next();
    ch = scan_mantissa(ch);
  }
  return ch;
}

void scanner::scan_heredoc() {
  if (next() != '<') {
    err("heredoc expected second '<', didn't see it");
    return;
  }
  int offs = src_pos_.offset;
  char32_t ch = next();
  if (ch == '-')
    ch = next();
  while (is_letter(ch) || is_decimal(ch))
    ch = next();
  if (ch == eof_rune) {
    err("heredoc not terminated");
    return;
  }
  if (ch == '\r' && peek() == '\n')
    ch = next();
  if (ch != '\n') {
    err("invalid characters in heredoc anchor");
    return;
  }
  std::string_view ident = src_.substr(
    static_cast<size_t>(offs), static_cast<size_t>(src_pos_.offset - last_char_len_ - offs));
  if (ident.empty() || ident == "-") {
    err("zero-length heredoc anchor");
    return;
  }
  if (ident[0] == '-')
    ident.remove_prefix(1);
  // A line ends the heredoc when it is `^[[:space:]]*<anchor>\r*$`.
  auto is_anchor = [&](std::string_view line) {
    size_t i = 0;
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
      ++i;
    line.remove_prefix(i);
    if (line.substr(0, ident.size()) != ident)
      return false;
    line.remove_prefix(ident.size());
    return line.find_first_not_of('\r') == std::string_view::npos;
  };
  int line_start = src_pos_.offset;
  for (;;) {
    ch = next();
    if (ch == '\n') {
      int len = src_pos_.offset - last_char_len_ - line_start;
      if (len >= static_cast<int>(ident.size()) &&
          is_anchor(src_.substr(static_cast<size_t>(line_start), static_cast<size_t>(len))))
        break;
      line_start = src_pos_.offset;
    }
    if (ch == eof_rune) {
      err("heredoc not terminated");
      return;
    }
  }
}

void scanner::scan_string() {
  int braces = 0;
  for (;;) {
    char32_t ch = next();
    if ((ch == '\n' && braces == 0) || ch == eof_rune) {
      err("literal not terminated");
      return;
    }
    if (ch == '"' && braces == 0)
      break;
    if (braces == 0 && ch == '$' && peek() == '{') {
      ++braces;
      next();
    } else if (braces > 0 && ch == '{') {
      ++braces;
    }
    if (braces > 0 && ch == '}')
      --braces;
    if (ch == '\\')
      scan_escape();
  }
}

void scanner::scan_escape() {
  char32_t ch = next();
  switch (ch) {
    case 'a':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
    case 'v':
    case '\\':
    case '"': break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': scan_digits(ch, 8, 3); break;
    case 'x': scan_digits(next(), 16, 2); break;
    case 'u': scan_digits(next(), 16, 4); break;
    case 'U': scan_digits(next(), 16, 8); break;
    default: err("illegal char escape");
  }
}

void scanner::scan_digits(char32_t ch, int base, int n) {
  int start = n;
  while (n > 0 && digit_val(ch) < base) {
    ch = next();
    if (ch == eof_rune)
      break;
    --n;
  }
  if (n > 0)
    err("illegal char escape");
  if (n != start && ch != eof_rune)
    unread();
}

std::string scanner::scan_identifier() {
  int offs = src_pos_.offset - last_char_len_;
  char32_t ch = next();
  while (is_letter(ch) || is_decimal(ch) || ch == '-' || ch == '.')
    ch = next();
  if (ch != eof_rune)
    unread();
  return std::string{
    src_.substr(static_cast<size_t>(offs), static_cast<size_t>(src_pos_.offset - offs))};
}

} // namespace tokenlab::hcl::detail
