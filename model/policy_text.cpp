#include "model/policy_text.hpp"

#include "model/go_text.hpp"

#include <cctype>
#include <cstdlib>
#include <limits>
#include <utility>

namespace tokenlab::hcl {

namespace {

constexpr char32_t eof_rune = 0;
constexpr char32_t rune_error = 0xFFFD;

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

// hcl/scanner, statement for statement: positions and error texts must match Vault's.
class scanner {
public:
  explicit scanner(std::string_view src)
    : src_(src) {
    src_pos_.line = 1;
  }

  token scan() {
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

  /// The last error reported (Vault's Parse keeps the last one), if any.
  std::optional<std::pair<pos, std::string>> error;

private:
  char32_t next() {
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
  void unread() {
    rd_ -= static_cast<size_t>(last_read_);
    src_pos_ = prev_pos_;
  }
  char32_t peek() const { return decode_rune(src_.substr(rd_)).first; }

  void err(const char* msg) {
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

  void scan_comment(char32_t ch) {
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

  tok scan_number(char32_t ch) {
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
  char32_t scan_mantissa(char32_t ch) {
    bool scanned = false;
    while (is_decimal(ch)) {
      ch = next();
      scanned = true;
    }
    if (scanned && ch != eof_rune)
      unread();
    return ch;
  }
  char32_t scan_fraction(char32_t ch) {
    if (ch == '.')
      ch = scan_mantissa(peek());
    return ch;
  }
  char32_t scan_exponent(char32_t ch) {
    if (ch == 'e' || ch == 'E') {
      ch = next();
      if (ch == '-' || ch == '+')
        ch = next();
      ch = scan_mantissa(ch);
    }
    return ch;
  }

  void scan_heredoc() {
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

  void scan_string() {
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
  void scan_escape() {
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
  void scan_digits(char32_t ch, int base, int n) {
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
  std::string scan_identifier() {
    int offs = src_pos_.offset - last_char_len_;
    char32_t ch = next();
    while (is_letter(ch) || is_decimal(ch) || ch == '-' || ch == '.')
      ch = next();
    if (ch != eof_rune)
      unread();
    return std::string{
      src_.substr(static_cast<size_t>(offs), static_cast<size_t>(src_pos_.offset - offs))};
  }

  std::string_view src_;
  size_t rd_ = 0;
  int last_read_ = 0;
  pos src_pos_;
  pos prev_pos_;
  int last_char_len_ = 0;
  int last_line_len_ = 0;
  int tok_start_ = 0;
  pos tok_pos_;
};

// hcl/parser: recursive descent with one token of look-back (scan/unscan), comments skipped.
class parser {
public:
  explicit parser(std::string_view src)
    : sc_(src) {}

  enum class status { ok, eof, error };
  std::string error; // set when a step returns status::error

  // objectList: items up to `}` (obj) or the end; a comma after an item is allowed.
  status object_list(bool obj, std::vector<item>& out) {
    for (;;) {
      if (obj) {
        token t = scan();
        unscan();
        if (t.type == tok::rbrace)
          break;
      }
      item it;
      status s = object_item(it);
      if (s == status::eof)
        break;
      if (s == status::error)
        return s;
      out.push_back(std::move(it));
      if (scan().type != tok::comma)
        unscan();
    }
    return status::ok;
  }

  scanner& source() { return sc_; }

private:
  token scan() {
    if (buffered_) {
      buffered_ = false;
      return tok_;
    }
    do
      tok_ = sc_.scan();
    while (tok_.type == tok::comment);
    return tok_;
  }
  void unscan() { buffered_ = true; }
  status fail(const pos& at, const std::string& msg) {
    error = pos_error(at, msg);
    return status::error;
  }

  status object_item(item& o) {
    status s = object_key(o.keys);
    if (!o.keys.empty() && s == status::eof)
      s = status::ok;
    if (!o.keys.empty() && s == status::error && tok_.type == tok::rbrace) {
      // Keys without a value inside an object: report the missing value below instead.
      s = status::ok;
      tok_.type = tok::eof;
    }
    if (s != status::ok)
      return s;
    if (tok_.type == tok::assign) {
      o.assign = tok_.at;
      s = object(o.val);
    } else if (tok_.type == tok::lbrace) {
      s = object_type(o.val);
    } else {
      std::string keys;
      for (const auto& k : o.keys)
        keys += (keys.empty() ? "" : " ") + k.text;
      return fail(tok_.at, "key '" + keys + "' expected start of object ('{') or assignment ('=')");
    }
    if (s != status::ok)
      return s;
    scan(); // hcl looks ahead for a line comment here; the scan can report scanner errors
    unscan();
    return status::ok;
  }

  status object_key(std::vector<token>& keys) {
    for (;;) {
      token t = scan();
      switch (t.type) {
        case tok::eof: return status::eof;
        case tok::assign:
          if (keys.size() > 1 || keys.empty()) {
            bool nested = keys.size() > 1;
            keys.clear();
            return fail(tok_.at, nested ? std::string{"nested object expected: LBRACE got: "} +
                                            tok_name(tok_.type)
                                        : std::string{"no object keys found!"});
          }
          return status::ok;
        case tok::lbrace:
          if (keys.empty())
            return fail(tok_.at, "expected: IDENT | STRING got: LBRACE");
          return status::ok;
        case tok::ident:
        case tok::string: keys.push_back(t); break;
        case tok::illegal: return fail(tok_.at, "illegal character");
        default:
          return fail(tok_.at, std::string{"expected: IDENT | STRING | ASSIGN | LBRACE got: "} +
                                 tok_name(tok_.type));
      }
    }
  }

  status object(node& out) {
    token t = scan();
    switch (t.type) {
      case tok::number:
      case tok::floating:
      case tok::boolean:
      case tok::string:
      case tok::heredoc: out.tok = tok_; return status::ok;
      case tok::lbrace: return object_type(out);
      case tok::lbrack: return list_type(out);
      case tok::eof: return status::eof;
      default:
        // Go prints the token with %+v, i.e. its String(): `<pos> <type> <text>`.
        return fail(t.at, "Unknown token: " + t.at.str() + " " + tok_name(t.type) + " " + t.text);
    }
  }

  status object_type(node& out) {
    out.type = node::kind::object;
    out.tok = tok_;
    status s = object_list(true, out.items);
    if (s == status::error && tok_.type != tok::rbrace)
      return s;
    token t = scan();
    if (t.type != tok::rbrace)
      return fail(t.at, std::string{"object expected closing RBRACE got: "} + tok_name(t.type));
    return status::ok;
  }

  status list_type(node& out) {
    out.type = node::kind::list;
    out.tok = tok_;
    bool need_comma = false;
    for (;;) {
      token t = scan();
      if (need_comma && t.type != tok::comma && t.type != tok::rbrack)
        return fail(t.at, std::string{"error parsing list, expected comma or list end, got: "} +
                            tok_name(t.type));
      switch (t.type) {
        case tok::boolean:
        case tok::number:
        case tok::floating:
        case tok::string:
        case tok::heredoc:
          out.elems.emplace_back().tok = tok_;
          need_comma = true;
          break;
        case tok::comma:
          scan();
          unscan();
          need_comma = false;
          break;
        case tok::lbrace:
        case tok::lbrack: {
          bool obj = t.type == tok::lbrace;
          node n;
          if ((obj ? object_type(n) : list_type(n)) != status::ok)
            return fail(t.at, std::string{"error while trying to parse "} +
                                (obj ? "object" : "list") + " within list: " + error);
          out.elems.push_back(std::move(n));
          need_comma = obj; // hcl forgets the comma after a nested list
          break;
        }
        case tok::rbrack: return status::ok;
        default:
          return fail(t.at,
                      std::string{"unexpected token while parsing list: "} + tok_name(t.type));
      }
    }
  }

  scanner sc_;
  token tok_;
  bool buffered_ = false;
};

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

std::string pos_error(const pos& at, const std::string& msg) {
  return "At " + at.str() + ": " + msg;
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

bool is_json(std::string_view src) {
  size_t i = src.find_first_not_of(" \t\n\v\f\r");
  return i != std::string_view::npos && src[i] == '{';
}

outcome<std::vector<item>> parse(std::string_view src) {
  std::string text{src};
  for (size_t i = text.find("\r\n"); i != std::string::npos; i = text.find("\r\n", i))
    text.erase(i, 1);
  parser p{text};
  std::vector<item> items;
  auto s = p.object_list(false, items);
  if (p.source().error)
    return vault_error::invalid(pos_error(p.source().error->first, p.source().error->second));
  if (s == parser::status::error)
    return vault_error::invalid(p.error);
  for (const auto& it : items)
    for (const auto& k : it.keys)
      if (k.type == tok::string && !unquote(k.text))
        return vault_error::invalid("unquote " + k.text + " err: invalid syntax");
  return items;
}

namespace {

pos where(const node& n) {
  return n.tok.at;
}

// strconv.ParseInt(s, base, 64) for bases 10 and 0 (0x.. hex, 0.. octal); nullopt + Go's text.
std::optional<std::int64_t> parse_int(std::string_view s, bool base0, std::string& error) {
  std::string_view digits = s;
  bool neg = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    neg = digits[0] == '-';
    digits.remove_prefix(1);
  }
  int base = 10;
  if (base0 && digits.size() > 1 && digits[0] == '0') {
    bool hex = digits[1] == 'x' || digits[1] == 'X';
    base = hex ? 16 : 8;
    digits.remove_prefix(hex ? 2 : 1);
  }
  error = "strconv.ParseInt: parsing " + go_quote(s) + ": invalid syntax";
  if (digits.empty())
    return std::nullopt;
  unsigned long long v = 0;
  bool range = false;
  for (char c : digits) {
    int d = digit_val(static_cast<unsigned char>(c));
    if (d >= base)
      return std::nullopt;
    if (v > (std::numeric_limits<unsigned long long>::max() - static_cast<unsigned>(d)) / base)
      range = true;
    else
      v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
  }
  constexpr auto max = static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max());
  if (range || v > max + (neg ? 1 : 0)) {
    error = "strconv.ParseInt: parsing " + go_quote(s) + ": value out of range";
    return std::nullopt;
  }
  return neg ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
}

// time.ParseDuration (Go 1.20): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, in nanoseconds.
std::optional<std::int64_t> parse_go_duration(std::string_view s, std::string& error) {
  const std::string orig = go_quote(s);
  error = "time: invalid duration " + orig;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0")
    return 0;
  if (s.empty())
    return std::nullopt;
  static const std::pair<std::string_view, double> units[] = {
    {"ns", 1},   {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"\xCE\xBCs", 1e3},
    {"ms", 1e6}, {"s", 1e9},  {"m", 60e9},        {"h", 3600e9},
  };
  double total = 0;
  while (!s.empty()) {
    auto is_num = [](char c) { return c == '.' || (c >= '0' && c <= '9'); };
    if (!is_num(s[0]))
      return std::nullopt;
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
      ++i;
    bool pre = i > 0;
    std::string number{s.substr(0, i)};
    bool post = false;
    if (i < s.size() && s[i] == '.') {
      size_t j = ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
      post = i > j;
      number += "." + std::string{s.substr(j, i - j)};
    }
    if (!pre && !post)
      return std::nullopt;
    size_t u = i;
    while (u < s.size() && !is_num(s[u]))
      ++u;
    if (u == i) {
      error = "time: missing unit in duration " + orig;
      return std::nullopt;
    }
    std::string_view unit = s.substr(i, u - i);
    const double* scale = nullptr;
    for (const auto& [name, ns] : units)
      if (name == unit)
        scale = &ns;
    if (scale == nullptr) {
      error = "time: unknown unit " + go_quote(unit) + " in duration " + orig;
      return std::nullopt;
    }
    total += std::strtod(number.c_str(), nullptr) * *scale;
    if (total > 9.223372036854775807e18)
      return std::nullopt;
    s.remove_prefix(u);
  }
  return static_cast<std::int64_t>(neg ? -total : total);
}

} // namespace

std::vector<item> filter(const std::vector<item>& items, std::string_view key) {
  auto fold_equal = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(a[i])) !=
          std::tolower(static_cast<unsigned char>(b[i])))
        return false;
    return true;
  };
  std::vector<item> out;
  for (const auto& it : items)
    if (!it.keys.empty() && fold_equal(it.keys[0].value(), key)) {
      out.push_back(it);
      out.back().keys.erase(out.back().keys.begin());
    }
  return out;
}

const char* go_type(const node& n) {
  switch (n.type) {
    case node::kind::literal: return "*ast.LiteralType";
    case node::kind::list: return "*ast.ListType";
    default: return "*ast.ObjectType";
  }
}

std::optional<std::string> decode_string(const std::vector<item>& matches, const std::string& name,
                                         std::string& out) {
  auto unknown = [&](const pos& at, const char* type) {
    return pos_error(at, name + ": unknown type for string " + type);
  };
  for (const auto& m : matches) // prefix matches (`policy "x" {...}`) come first, as an ObjectList
    if (!m.keys.empty())
      return unknown(m.keys[0].at, "*ast.ObjectList");
  for (const auto& m : matches) {
    const node& v = m.val;
    if (v.type == node::kind::object)
      return unknown(v.items.empty() ? pos{} : v.items[0].keys[0].at, "*ast.ObjectList");
    if (v.type == node::kind::list || v.tok.type == tok::boolean || v.tok.type == tok::floating)
      return unknown(where(v), go_type(v));
    out = v.tok.value();
  }
  return std::nullopt;
}

std::optional<std::string> decode_strings(const std::vector<item>& matches, const std::string& name,
                                          std::vector<std::string>& out) {
  auto unknown = [&](const pos& at, size_t i, const char* type) {
    return pos_error(at, name + "[" + std::to_string(i) + "]: unknown type for string " + type);
  };
  for (const auto& m : matches)
    if (!m.keys.empty())
      return unknown(m.keys[0].at, 0, "*ast.ObjectItem");
  for (const auto& m : matches) {
    const node& v = m.val;
    if (v.type == node::kind::object) {
      if (!v.items.empty())
        return unknown(v.items[0].keys[0].at, 0, "*ast.ObjectItem");
    } else if (v.type == node::kind::literal) {
      return pos_error(where(v), "unknown slice type: *ast.LiteralType");
    }
    for (size_t i = 0; i < v.elems.size(); ++i) {
      const node& e = v.elems[i];
      if (e.type != node::kind::literal || e.tok.type == tok::boolean ||
          e.tok.type == tok::floating)
        return unknown(where(e), i, go_type(e));
      out.push_back(e.tok.value());
    }
  }
  return std::nullopt;
}

std::string multi_error(const std::vector<std::string>& errors) {
  if (errors.size() == 1)
    return "1 error occurred:\n\t* " + errors[0] + "\n\n";
  std::string points;
  for (const auto& e : errors)
    points += (points.empty() ? "* " : "\n\t* ") + e;
  return std::to_string(errors.size()) + " errors occurred:\n\t" + points + "\n\n";
}

std::optional<std::int64_t> duration_second(const node& n, std::string& error) {
  constexpr std::int64_t second = 1000000000;
  if (n.type == node::kind::literal && n.tok.type == tok::number) {
    auto v = parse_int(n.tok.text, true, error);
    return v ? std::optional<std::int64_t>{*v * second} : std::nullopt;
  }
  if (n.type == node::kind::literal && n.tok.type == tok::floating) // Duration(f) truncates
    return static_cast<std::int64_t>(std::strtod(n.tok.text.c_str(), nullptr)) * second;
  if (n.type != node::kind::literal || n.tok.type == tok::boolean) {
    error = "could not parse duration from input";
    return std::nullopt;
  }
  std::string s = n.tok.value();
  if (s.empty())
    return 0;
  std::string ignored;
  if (auto v = parse_int(s, false, ignored))
    return *v * second;
  if (s.back() == 'd') {
    auto v = parse_int(std::string_view{s}.substr(0, s.size() - 1), false, error);
    return v ? std::optional<std::int64_t>{*v * 24 * 3600 * second} : std::nullopt;
  }
  return parse_go_duration(s, error);
}

} // namespace tokenlab::hcl
