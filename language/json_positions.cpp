#include "language/json_positions.hpp"

#include "model/hex.hpp"

#include <algorithm>

namespace tokenlab::detail {

namespace {

bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

unsigned hex4(std::string_view t, std::size_t at) {
  unsigned v = 0;
  for (std::size_t k = 0; k < 4 && at + k < t.size(); ++k)
    v = v * 16 + static_cast<unsigned>(std::max(0, hex_digit_value(t[at + k])));
  return v;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the escape at `t[i]` (a backslash); returns the offset past it.
std::size_t decode_escape(std::string_view t, std::size_t i, std::string& out) {
  const char c = i + 1 < t.size() ? t[i + 1] : '\\';
  switch (c) {
    case 'b': out += '\b'; return i + 2;
    case 'f': out += '\f'; return i + 2;
    case 'n': out += '\n'; return i + 2;
    case 'r': out += '\r'; return i + 2;
    case 't': out += '\t'; return i + 2;
    case 'u': break;
    default: out += c; return i + 2; // \" \\ \/
  }
  unsigned cp = hex4(t, i + 2);
  std::size_t next = i + 6;
  const bool high = cp >= 0xD800 && cp <= 0xDBFF;
  if (high && next + 1 < t.size() && t[next] == '\\' && t[next + 1] == 'u') {
    const unsigned low = hex4(t, next + 2);
    if (low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      next += 6;
    }
  }
  append_utf8(out, cp);
  return next;
}

// Decodes the string literal opening at `open`; returns the offset past its closing quote.
std::size_t decode_string(std::string_view t, std::size_t open, std::string& out,
                          std::vector<std::size_t>* offsets) {
  std::size_t i = open + 1;
  while (i < t.size() && t[i] != '"') {
    const std::size_t before = out.size();
    const std::size_t next = t[i] == '\\' ? decode_escape(t, i, out) : (out += t[i], i + 1);
    if (offsets != nullptr)
      offsets->insert(offsets->end(), out.size() - before, i);
    i = next;
  }
  if (offsets != nullptr)
    offsets->push_back(i);
  return i + 1;
}

class scanner {
public:
  explicit scanner(std::string_view text)
    : t_(text) {
    if (t_.compare(0, 3, "\xEF\xBB\xBF") == 0)
      i_ = 3;
  }

  json_pos value(int depth) {
    skip_ws();
    json_pos p;
    p.start = i_;
    if (i_ >= t_.size())
      return p;
    if (depth <= 0 || (t_[i_] != '{' && t_[i_] != '[')) {
      skip_value();
      return p;
    }
    const bool object = t_[i_] == '{';
    const char close = object ? '}' : ']';
    ++i_;
    skip_ws();
    while (i_ < t_.size() && t_[i_] != close) {
      if (object)
        member(p, depth);
      else
        p.elements.push_back(value(depth - 1));
      skip_ws();
      if (i_ < t_.size() && t_[i_] == ',')
        ++i_;
      skip_ws();
    }
    ++i_;
    return p;
  }

private:
  void member(json_pos& p, int depth) {
    const std::size_t key_start = i_;
    std::string key;
    i_ = decode_string(t_, i_, key, nullptr);
    skip_ws();
    if (i_ < t_.size() && t_[i_] == ':')
      ++i_;
    json_pos m = value(depth - 1);
    m.key_start = key_start;
    if (p.members.count(key) != 0 && duplicate_ == std::string_view::npos)
      duplicate_ = key_start;
    p.members[key] = std::move(m); // nlohmann keeps the last of duplicate keys too
  }

public:
  std::size_t duplicate() const { return duplicate_; }

private:

  void skip_ws() {
    while (i_ < t_.size() && is_ws(t_[i_]))
      ++i_;
  }

  void skip_string() {
    for (++i_; i_ < t_.size(); ++i_) {
      if (t_[i_] == '\\')
        ++i_;
      else if (t_[i_] == '"')
        break;
    }
    ++i_;
  }

  // Skips one value without recursion (nesting may be deep).
  void skip_value() {
    int nesting = 0;
    while (i_ < t_.size()) {
      const char c = t_[i_];
      if (c == '"') {
        skip_string();
        if (nesting == 0)
          return;
        continue;
      }
      if (c == '{' || c == '[') {
        ++nesting;
      } else if (c == '}' || c == ']') {
        if (nesting == 0)
          return;
        if (--nesting == 0) {
          ++i_;
          return;
        }
      } else if (nesting == 0 && (c == ',' || is_ws(c))) {
        return;
      }
      ++i_;
    }
  }

  std::string_view t_;
  std::size_t i_ = 0;
  std::size_t duplicate_ = std::string_view::npos;
};

} // namespace

json_pos scan_json_positions(std::string_view text, int depth) {
  scanner s(text);
  json_pos top = s.value(depth);
  top.duplicate_key = s.duplicate();
  return top;
}

std::size_t find_number(std::string_view text, std::string_view literal) {
  const auto number_char = [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  };
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (number_char(c) && (i == 0 || !number_char(text[i - 1])) &&
               text.compare(i, literal.size(), literal) == 0 &&
               (i + literal.size() == text.size() || !number_char(text[i + literal.size()]))) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::vector<std::size_t> string_offsets(std::string_view text, std::size_t open) {
  std::vector<std::size_t> offsets;
  std::string ignored;
  decode_string(text, open, ignored, &offsets);
  return offsets;
}

line_index::line_index(std::string_view text, std::string file)
  : file_(std::move(file)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n')
      line_starts_.push_back(i + 1);
}

source_loc line_index::at(std::size_t offset) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - line_starts_.begin());
  const std::size_t start = line_starts_[line - 1];
  return source_loc{file_, static_cast<int>(line), static_cast<int>(offset - start) + 1};
}

} // namespace tokenlab::detail
