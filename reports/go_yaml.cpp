#include "reports/go_yaml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <string_view>
#include <vector>

namespace tokenlab {

namespace {

using ojson = nlohmann::ordered_json;

// ---- yaml.v2 yamlprivateh.go: byte classes of a UTF-8 string ------------------------------

// The byte at i, or 0 past the end (where Go's emitter never reads on valid input).
unsigned char at(std::string_view s, std::size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

int width(unsigned char b) {
  if ((b & 0x80) == 0x00)
    return 1;
  if ((b & 0xE0) == 0xC0)
    return 2;
  if ((b & 0xF0) == 0xE0)
    return 3;
  if ((b & 0xF8) == 0xF0)
    return 4;
  return 1; // not reached on valid UTF-8
}

bool is_printable(std::string_view s, std::size_t i) {
  const unsigned char b = at(s, i);
  const unsigned char b1 = at(s, i + 1);
  const unsigned char b2 = at(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) ||
         (b > 0xC2 && b < 0xED) || (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

bool is_space(std::string_view s, std::size_t i) {
  return at(s, i) == ' ';
}

bool is_blank(std::string_view s, std::size_t i) {
  return at(s, i) == ' ' || at(s, i) == '\t';
}

bool is_break(std::string_view s, std::size_t i) {
  const unsigned char b = at(s, i);
  return b == '\r' || b == '\n' || (b == 0xC2 && at(s, i + 1) == 0x85) ||
         (b == 0xE2 && at(s, i + 1) == 0x80 && (at(s, i + 2) == 0xA8 || at(s, i + 2) == 0xA9));
}

bool is_blankz(std::string_view s, std::size_t i) {
  return is_blank(s, i) || is_break(s, i) || at(s, i) == 0;
}

// is_bom looks at the start of the value whatever i is (as yaml.v2 does).
bool is_bom(std::string_view s) {
  return at(s, 0) == 0xEF && at(s, 1) == 0xBB && at(s, 2) == 0xBF;
}

// ---- resolve.go: what a plain scalar would read back as -----------------------------------

bool all_digits(std::string_view s, int base) {
  if (s.empty())
    return false;
  for (const char c : s) {
    int d = -1;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    if (d < 0 || d >= base)
      return false;
  }
  return true;
}

// strconv.ParseUint(s, 0, 64) with values up to `limit` (and, after the sign, ParseInt): the
// base prefixes 0x, 0b, 0o and a leading 0 for octal; false on a syntax or range error.
bool go_parse_uint(std::string_view s, std::uint64_t limit) {
  std::uint64_t base = 10;
  if (s.size() > 1 && s[0] == '0') {
    const char p = s[1];
    base = p == 'x' || p == 'X' ? 16 : p == 'b' || p == 'B' ? 2 : 8;
    s.remove_prefix(p == 'x' || p == 'X' || p == 'b' || p == 'B' || p == 'o' || p == 'O' ? 2 : 1);
  }
  if (!all_digits(s, static_cast<int>(base)))
    return false;
  std::uint64_t v = 0;
  for (const char c : s) {
    const auto d = static_cast<std::uint64_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    if (v > (limit - d) / base)
      return false;
    v = v * base + d;
  }
  return true;
}

bool go_parse_int(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const std::uint64_t max = std::uint64_t{1} << 63;
  return go_parse_uint(s, negative ? max : max - 1);
}

// strconv.ParseFloat on text that matched yaml's float pattern: fails only out of range.
bool go_parse_float_in_range(const std::string& s) {
  const double d = std::strtod(s.c_str(), nullptr);
  return !std::isinf(d);
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in(int month, int year) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool digit(std::string_view s, std::size_t i) {
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

// time.Parse's getnum(value, false): one or two digits.
bool getnum(std::string_view& s, int& out) {
  if (!digit(s, 0))
    return false;
  if (!digit(s, 1)) {
    out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

// resolve.go parseTimestamp: time.Parse with "2006-1-2T15:4:5.999999999Z07:00" (or `t`),
// "2006-1-2 15:4:5.999999999" and "2006-1-2".
bool is_timestamp(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9')
    ++i;
  if (i != 4 || i == s.size() || s[i] != '-')
    return false;
  const int year = std::atoi(std::string(s.substr(0, 4)).c_str());
  std::string_view v = s.substr(5);
  int month = 0;
  int day = 0;
  if (!getnum(v, month) || v.empty() || v[0] != '-')
    return false;
  v.remove_prefix(1);
  if (!getnum(v, day))
    return false;
  if (month < 1 || month > 12 || day < 1 || day > days_in(month, year))
    return false;
  if (v.empty())
    return true; // "2006-1-2"
  const char sep = v[0];
  if (sep != 'T' && sep != 't' && sep != ' ')
    return false;
  if (sep == ' ')
    while (!v.empty() && v[0] == ' ')
      v.remove_prefix(1);
  else
    v.remove_prefix(1);
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!getnum(v, hour) || v.empty() || v[0] != ':')
    return false;
  v.remove_prefix(1);
  if (!getnum(v, minute) || v.empty() || v[0] != ':')
    return false;
  v.remove_prefix(1);
  if (!getnum(v, second))
    return false;
  if (hour > 23 || minute > 59 || second > 59)
    return false;
  if (v.size() >= 2 && (v[0] == '.' || v[0] == ',') && digit(v, 1)) {
    v.remove_prefix(1);
    while (digit(v, 0))
      v.remove_prefix(1);
  }
  if (sep == ' ')
    return v.empty();
  if (!v.empty() && v[0] == 'Z')
    return v.size() == 1;
  // ±hh:mm
  if (v.size() != 6 || (v[0] != '+' && v[0] != '-') || v[3] != ':' || !digit(v, 1) ||
      !digit(v, 2) || !digit(v, 4) || !digit(v, 5))
    return false;
  const int zh = (v[1] - '0') * 10 + (v[2] - '0');
  const int zm = (v[4] - '0') * 10 + (v[5] - '0');
  return zh <= 24 && zm <= 60;
}

// Tells whether resolve("", s) gives another tag than !!str (bool, null, int, float,
// timestamp; the merge key `<<` is never looked up, its first byte being no hint).
bool resolves_to_other_than_string(const std::string& s) {
  static const char* const special[] = {
    "y",    "Y",    "yes",  "Yes",   "YES",   "true",  "True",  "TRUE",  "on",    "On",
    "ON",   "n",    "N",    "no",    "No",    "NO",    "false", "False", "FALSE", "off",
    "Off",  "OFF",  "",     "~",     "null",  "Null",  "NULL",  ".nan",  ".NaN",  ".NAN",
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
  };
  if (s.empty())
    return true; // "" is null
  const unsigned char c = static_cast<unsigned char>(s[0]);
  char hint = 0;
  if (c == '+' || c == '-')
    hint = 'S';
  else if (c >= '0' && c <= '9')
    hint = 'D';
  else if (std::string_view("yYnNtTfFoO~").find(static_cast<char>(c)) != std::string_view::npos)
    hint = 'M';
  else if (c == '.')
    hint = '.';
  if (hint == 0)
    return false;
  for (const char* sp : special)
    if (s == sp)
      return true;
  if (hint == 'M')
    return false;
  static const std::regex yaml_float(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (hint == '.') {
    // strconv.ParseFloat of a decimal that starts with '.'.
    static const std::regex dot_float(R"(^\.[0-9]+([eE][-+]?[0-9]+)?$)");
    return std::regex_match(s, dot_float) && go_parse_float_in_range(s);
  }
  if (is_timestamp(s))
    return true;
  std::string plain;
  for (const char ch : s)
    if (ch != '_')
      plain += ch;
  if (go_parse_int(plain))
    return true;
  if (go_parse_uint(plain, ~std::uint64_t{0}))
    return true;
  return std::regex_match(plain, yaml_float) && go_parse_float_in_range(plain);
}

// encode.go isBase60Float: still quoted on the way out for YAML 1.1 parsers.
bool is_base60_float(const std::string& s) {
  if (s.empty())
    return false;
  const char c = s[0];
  if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.find(':') == std::string::npos)
    return false;
  static const std::regex base60(R"(^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$)");
  return std::regex_match(s, base60);
}

// ---- emitterc.go --------------------------------------------------------------------------

enum class style { plain, single_quoted, double_quoted, literal };

struct scalar_analysis {
  bool multiline = false;
  bool block_plain_allowed = true;
  bool single_quoted_allowed = true;
  bool block_allowed = true;
};

// yaml_emitter_analyze_scalar (with unicode output on, as yaml.Marshal sets it), for block
// context: the flow indicators (`,`, `[`, …) matter only inside flow collections.
scalar_analysis analyze(std::string_view value) {
  scalar_analysis a;
  if (value.empty()) {
    a.block_allowed = false;
    return a;
  }
  bool block_indicators = false;
  bool line_breaks = false;
  bool special_characters = false;
  bool leading_space = false;
  bool leading_break = false;
  bool trailing_space = false;
  bool trailing_break = false;
  bool break_space = false;
  bool space_break = false;
  bool previous_space = false;
  bool previous_break = false;
  if (value.size() >= 3 && (value.substr(0, 3) == "---" || value.substr(0, 3) == "..."))
    block_indicators = true;
  bool preceded_by_whitespace = true;
  for (std::size_t i = 0, w = 0; i < value.size(); i += w) {
    w = static_cast<std::size_t>(width(at(value, i)));
    const bool followed_by_whitespace = i + w >= value.size() || is_blank(value, i + w);
    const char c = value[i];
    if (i == 0) {
      switch (c) {
        case '#':
        case ',':
        case '[':
        case ']':
        case '{':
        case '}':
        case '&':
        case '*':
        case '!':
        case '|':
        case '>':
        case '\'':
        case '"':
        case '%':
        case '@':
        case '`': block_indicators = true; break;
        case '?':
        case ':':
        case '-':
          if (followed_by_whitespace)
            block_indicators = true;
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ':':
          if (followed_by_whitespace)
            block_indicators = true;
          break;
        case '#':
          if (preceded_by_whitespace)
            block_indicators = true;
          break;
        default: break;
      }
    }
    if (!is_printable(value, i))
      special_characters = true;
    // A space or a break: whether it leads, trails, or follows the other kind.
    auto mark = [&](bool& leading, bool& trailing, bool& after_other, bool previous_other) {
      leading = leading || i == 0;
      trailing = trailing || i + w == value.size();
      after_other = after_other || previous_other;
    };
    if (is_space(value, i)) {
      mark(leading_space, trailing_space, break_space, previous_break);
      previous_space = true;
      previous_break = false;
    } else if (is_break(value, i)) {
      line_breaks = true;
      mark(leading_break, trailing_break, space_break, previous_space);
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = is_blankz(value, i);
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    a.block_plain_allowed = false;
  }
  if (trailing_space)
    a.block_allowed = false;
  if (break_space) {
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
  }
  if (space_break || special_characters) {
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
    a.block_allowed = false;
  }
  if (line_breaks) {
    a.block_plain_allowed = false;
  }
  if (block_indicators)
    a.block_plain_allowed = false;
  return a;
}

// The rune that starts at byte i of valid UTF-8.
std::uint32_t rune_at(std::string_view s, std::size_t i) {
  const unsigned char b = at(s, i);
  const int w = width(b);
  std::uint32_t v = w == 1 ? b : w == 2 ? (b & 0x1Fu) : w == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (int k = 1; k < w; ++k)
    v = (v << 6) + (at(s, i + static_cast<std::size_t>(k)) & 0x3Fu);
  return v;
}

// A scalar as the encoder hands it to the emitter: its text and the style it asks for.
struct scalar {
  std::string text;
  style wanted = style::plain;
};

// strconv.FormatFloat(f, 'g', -1, 64), with yaml's names for the infinities and NaN.
std::string go_float(double f) {
  if (std::isnan(f))
    return ".nan";
  if (std::isinf(f))
    return f > 0 ? ".inf" : "-.inf";
  // The shortest digits that read back as f.
  char buf[40];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
    if (std::strtod(buf, nullptr) == f)
      break;
  }
  std::string e(buf);
  const std::size_t epos = e.find('e');
  std::string mant = e.substr(0, epos);
  const int exp = std::atoi(e.c_str() + epos + 1);
  std::string digits;
  const bool negative = mant[0] == '-';
  for (const char c : mant)
    if (c >= '0' && c <= '9')
      digits += c;
  std::string out = negative ? "-" : "";
  if (exp < -4 || exp >= 6) { // %e past these exponents (the shortest form's precision 6)
    out += digits.substr(0, 1);
    if (digits.size() > 1)
      out += "." + digits.substr(1);
    const int a = exp < 0 ? -exp : exp;
    out += std::string("e") + (exp < 0 ? "-" : "+") + (a < 10 ? "0" : "") + std::to_string(a);
    return out;
  }
  if (exp < 0)
    return out + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  const auto whole = static_cast<std::size_t>(exp + 1);
  if (digits.size() <= whole)
    return out + digits + std::string(whole - digits.size(), '0');
  return out + digits.substr(0, whole) + "." + digits.substr(whole);
}

// What the encoder makes of a JSON scalar that yaml.Unmarshal read back (encode.go).
scalar scalar_of(const ojson& v) {
  switch (v.type()) {
    case ojson::value_t::null: return {"null", style::plain};
    case ojson::value_t::boolean: return {v.get<bool>() ? "true" : "false", style::plain};
    case ojson::value_t::number_integer:
      return {std::to_string(v.get<std::int64_t>()), style::plain};
    case ojson::value_t::number_unsigned:
      return {std::to_string(v.get<std::uint64_t>()), style::plain};
    case ojson::value_t::number_float: {
      const double f = v.get<double>();
      // json.Marshal writes an integral float below 1e21 without a fraction, which
      // yaml.Unmarshal then reads as an int.
      if (std::isfinite(f) && std::floor(f) == f && std::fabs(f) < 1e21) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.0f", f);
        return {buf, style::plain};
      }
      return {go_float(f), style::plain};
    }
    default: break;
  }
  // stringv
  scalar s{v.get<std::string>(), style::plain};
  const bool can_use_plain = !resolves_to_other_than_string(s.text) && !is_base60_float(s.text);
  if (s.text.find('\n') != std::string::npos)
    s.wanted = style::literal;
  else if (!can_use_plain)
    s.wanted = style::double_quoted;
  return s;
}

class emitter {
public:
  std::string out;

  void document(const ojson& root) {
    node(root, false, false);
    write_indent(); // the implicit document end
  }

private:
  static constexpr int best_indent = 2;
  static constexpr int best_width = 80;

  int column = 0;
  int indent = -1;
  std::vector<int> indents;
  bool whitespace = true;
  bool indention = true;
  bool mapping_context = false;
  bool simple_key_context = false;

  void put(char c) {
    out += c;
    ++column;
  }
  void put_break() {
    out += '\n';
    column = 0;
  }
  void write(std::string_view s, std::size_t& i) {
    const auto w = static_cast<std::size_t>(width(at(s, i)));
    out.append(s.substr(i, w));
    i += w;
    ++column;
  }
  void write_all(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
      write(s, i);
  }
  void write_break(std::string_view s, std::size_t& i) {
    if (s[i] == '\n') {
      put_break();
      ++i;
    } else {
      write(s, i);
      column = 0;
    }
  }
  void increase_indent(bool flow, bool indentless) {
    indents.push_back(indent);
    if (indent < 0)
      indent = flow ? best_indent : 0;
    else if (!indentless)
      indent += best_indent;
  }
  void pop_indent() {
    indent = indents.back();
    indents.pop_back();
  }
  void write_indent() {
    const int ind = std::max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace))
      put_break();
    while (column < ind)
      put(' ');
    whitespace = true;
    indention = true;
  }
  void write_indicator(std::string_view indicator, bool need_whitespace, bool is_whitespace,
                       bool is_indention) {
    if (need_whitespace && !whitespace)
      put(' ');
    write_all(indicator);
    whitespace = is_whitespace;
    indention = indention && is_indention;
  }

  // yaml_emitter_emit_node: a node in the given context (the value of a mapping, a key).
  void node(const ojson& v, bool mapping, bool simple_key) {
    mapping_context = mapping;
    simple_key_context = simple_key;
    if (v.is_object())
      return v.empty() ? empty_flow("{", "}") : block_mapping(v);
    if (v.is_array())
      return v.empty() ? empty_flow("[", "]") : block_sequence(v);
    emit_scalar(scalar_of(v));
  }

  void empty_flow(std::string_view open, std::string_view close) {
    write_indicator(open, true, true, false);
    write_indicator(close, false, false, false);
  }

  void block_sequence(const ojson& v) {
    increase_indent(false, mapping_context && !indention);
    for (const auto& item : v) {
      write_indent();
      write_indicator("-", true, false, true);
      node(item, false, false);
    }
    pop_indent();
  }

  void block_mapping(const ojson& v) {
    increase_indent(false, false);
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end(); ++it)
      keys.push_back(it.key());
    std::stable_sort(keys.begin(), keys.end(), go_yaml_key_less);
    for (const auto& k : keys) {
      write_indent();
      const ojson key(k);
      // yaml_emitter_check_simple_key: a one-line scalar of at most 128 bytes.
      if (!analyze(k).multiline && k.size() <= 128) {
        node(key, true, true);
        write_indicator(":", false, false, false);
      } else {
        write_indicator("?", true, false, true);
        node(key, true, false);
        write_indent();
        write_indicator(":", true, false, true);
      }
      node(v.at(k), true, false);
    }
    pop_indent();
  }

  // yaml_emitter_select_scalar_style, then yaml_emitter_process_scalar. No scalar is ever in
  // flow context here: only empty collections are written in flow style.
  void emit_scalar(const scalar& s) {
    const scalar_analysis a = analyze(s.text);
    style st = s.wanted;
    if (simple_key_context && a.multiline)
      st = style::double_quoted;
    if (st == style::plain) {
      if (!a.block_plain_allowed)
        st = style::single_quoted;
      if (s.text.empty() && simple_key_context)
        st = style::single_quoted;
    }
    if (st == style::single_quoted && !a.single_quoted_allowed)
      st = style::double_quoted;
    if (st == style::literal && (!a.block_allowed || simple_key_context))
      st = style::double_quoted;
    increase_indent(true, false);
    const bool allow_breaks = !simple_key_context;
    switch (st) {
      case style::plain: write_plain(s.text, allow_breaks); break;
      case style::single_quoted: write_single_quoted(s.text, allow_breaks); break;
      case style::double_quoted: write_double_quoted(s.text, allow_breaks); break;
      case style::literal: write_literal(s.text); break;
    }
    pop_indent();
  }

  void write_plain(std::string_view value, bool allow_breaks) {
    if (!whitespace)
      put(' ');
    write_folding(value, allow_breaks, false);
    whitespace = false;
    indention = false;
  }

  void write_single_quoted(std::string_view value, bool allow_breaks) {
    write_indicator("'", true, false, false);
    write_folding(value, allow_breaks, true);
    write_indicator("'", false, false, false);
    whitespace = false;
    indention = false;
  }

  // The loop yaml_emitter_write_plain_scalar and yaml_emitter_write_single_quoted_scalar
  // share: a space past best_width becomes a line break (in quotes, not the first or last
  // character), breaks are written doubled, and in quotes a quote is doubled.
  void write_folding(std::string_view value, bool allow_breaks, bool quoted) {
    bool spaces = false;
    bool breaks = false;
    for (std::size_t i = 0; i < value.size();) {
      if (is_space(value, i)) {
        const bool inside = !quoted || (i > 0 && i < value.size() - 1);
        if (allow_breaks && !spaces && column > best_width && inside && !is_space(value, i + 1)) {
          write_indent();
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (is_break(value, i)) {
        if (!breaks && value[i] == '\n')
          put_break();
        write_break(value, i);
        indention = true;
        breaks = true;
      } else {
        if (breaks)
          write_indent();
        if (quoted && value[i] == '\'')
          put('\'');
        write(value, i);
        indention = false;
        spaces = false;
        breaks = false;
      }
    }
  }

  void write_double_quoted(std::string_view value, bool allow_breaks) {
    static const char hex[] = "0123456789ABCDEF";
    bool spaces = false;
    write_indicator("\"", true, false, false);
    for (std::size_t i = 0; i < value.size();) {
      if (!is_printable(value, i) || is_bom(value) || is_break(value, i) || value[i] == '"' ||
          value[i] == '\\') {
        const std::uint32_t v = rune_at(value, i);
        i += static_cast<std::size_t>(width(at(value, i)));
        put('\\');
        switch (v) {
          case 0x00: put('0'); break;
          case 0x07: put('a'); break;
          case 0x08: put('b'); break;
          case 0x09: put('t'); break;
          case 0x0A: put('n'); break;
          case 0x0B: put('v'); break;
          case 0x0C: put('f'); break;
          case 0x0D: put('r'); break;
          case 0x1B: put('e'); break;
          case 0x22: put('"'); break;
          case 0x5C: put('\\'); break;
          case 0x85: put('N'); break;
          case 0xA0: put('_'); break;
          case 0x2028: put('L'); break;
          case 0x2029: put('P'); break;
          default: {
            const int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
            put(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
            for (int k = (digits - 1) * 4; k >= 0; k -= 4)
              put(hex[(v >> k) & 0x0F]);
          }
        }
        spaces = false;
      } else if (is_space(value, i)) {
        if (allow_breaks && !spaces && column > best_width && i > 0 && i < value.size() - 1) {
          write_indent();
          if (is_space(value, i + 1))
            put('\\');
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else {
        write(value, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    whitespace = false;
    indention = false;
  }

  // yaml_emitter_write_block_scalar_hints
  void write_block_hints(std::string_view value) {
    if (is_space(value, 0) || is_break(value, 0))
      write_indicator(std::string(1, static_cast<char>('0' + best_indent)), false, false, false);
    char chomp = 0;
    if (value.empty()) {
      chomp = '-';
    } else {
      std::size_t i = value.size() - 1;
      while ((at(value, i) & 0xC0) == 0x80)
        --i;
      if (!is_break(value, i)) {
        chomp = '-';
      } else if (i == 0) {
        chomp = '+';
      } else {
        --i;
        while ((at(value, i) & 0xC0) == 0x80)
          --i;
        if (is_break(value, i))
          chomp = '+';
      }
    }
    if (chomp != 0)
      write_indicator(std::string(1, chomp), false, false, false);
  }

  void write_literal(std::string_view value) {
    write_indicator("|", true, false, false);
    write_block_hints(value);
    put_break();
    indention = true;
    whitespace = true;
    bool breaks = true;
    for (std::size_t i = 0; i < value.size();) {
      if (is_break(value, i)) {
        write_break(value, i);
        indention = true;
        breaks = true;
      } else {
        if (breaks)
          write_indent();
        write(value, i);
        indention = false;
        breaks = false;
      }
    }
  }
};

// A rune of valid UTF-8 (the strings were made valid first).
std::vector<std::uint32_t> runes(std::string_view s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size(); i += static_cast<std::size_t>(width(at(s, i))))
    out.push_back(rune_at(s, i));
  return out;
}

bool is_letter(std::uint32_t r) {
  if (r < 0x80)
    return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  return true;
}

bool is_digit_rune(std::uint32_t r) {
  return r >= '0' && r <= '9';
}

} // namespace

bool go_yaml_key_less(const std::string& a, const std::string& b) {
  const auto ar = runes(a);
  const auto br = runes(b);
  for (std::size_t i = 0; i < ar.size() && i < br.size(); ++i) {
    if (ar[i] == br[i])
      continue;
    const bool al = is_letter(ar[i]);
    const bool bl = is_letter(br[i]);
    if (al && bl)
      return ar[i] < br[i];
    if (al || bl)
      return bl;
    std::uint64_t an = 0;
    std::uint64_t bn = 0;
    if (ar[i] == '0' || br[i] == '0') {
      for (std::size_t j = i; j-- > 0 && is_digit_rune(ar[j]);) {
        if (ar[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    std::size_t ai = i;
    std::size_t bi = i;
    for (; ai < ar.size() && is_digit_rune(ar[ai]); ++ai)
      an = an * 10 + (ar[ai] - '0');
    for (; bi < br.size() && is_digit_rune(br[bi]); ++bi)
      bn = bn * 10 + (br[bi] - '0');
    if (an != bn)
      return static_cast<std::int64_t>(an) < static_cast<std::int64_t>(bn);
    if (ai != bi)
      return ai < bi;
    return ar[i] < br[i];
  }
  return ar.size() < br.size();
}

std::string go_yaml_marshal(const ojson& j) {
  // json.Marshal replaces invalid UTF-8 with U+FFFD before yaml ever sees the text.
  const ojson clean = ojson::parse(j.dump(-1, ' ', false, ojson::error_handler_t::replace));
  emitter e;
  e.document(clean);
  return e.out;
}

} // namespace tokenlab
