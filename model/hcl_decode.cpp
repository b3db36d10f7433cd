// HCL v1's decoder (hcl/decoder.go) as ParseACLPolicy uses it: ObjectList.Filter, decoding
// into a Go string or []string with hcl's error texts, and what Vault does with the values:
// go-multierror's list format and parseutil.ParseDurationSecond (over Go's strconv.ParseInt and
// time.ParseDuration).

#include "model/policy_text.hpp"

#include "model/go_text.hpp"
#include "model/hcl_internal.hpp"

#include <cctype>
#include <cstdlib>
#include <limits>
#include <utility>

namespace tokenlab::hcl {

using namespace detail;

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
