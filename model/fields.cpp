// The logical framework's conversion of request fields (sdk/framework/field_data.go
// getPrimitive, FieldData.Validate) and the Go parsing it reaches: strconv.ParseInt and
// ParseBool, time.ParseDuration, parseutil.ParseDurationSecond and ParseCommaStringSlice,
// mapstructure's weak decoding, with Go's error texts.

#include "model/fields.hpp"

#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <limits>

namespace tokenlab {

namespace {

// --- Go's number and duration parsing (strconv, time), as the framework reaches them ---

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}


// strconv's underscoreOK: underscores only between digits (base-prefixed literals only).
bool underscore_ok(std::string_view s) {
  char saw = '^';
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+'))
    s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (lower_ascii(s[1]) == 'b' || lower_ascii(s[1]) == 'o' || lower_ascii(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower_ascii(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    const char c = lower_ascii(s[i]);
    if (is_digit(c) || (hex && c >= 'a' && c <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0')
        return false;
      saw = '_';
      continue;
    }
    if (saw == '_')
      return false;
    saw = '!';
  }
  return saw != '_';
}

// strconv.ParseInt(s, base, 64) for base 0 or 10; on failure `reason` is Go's.
std::optional<std::int64_t> go_parse_int(std::string_view s0, int base, std::string& reason) {
  reason = "invalid syntax";
  std::string_view s = s0;
  if (s.empty())
    return std::nullopt;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty())
    return std::nullopt;
  const bool base0 = base == 0;
  if (base0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower_ascii(s[1]) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower_ascii(s[1]) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower_ascii(s[1]) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  }
  const std::uint64_t cutoff = std::numeric_limits<std::uint64_t>::max() / base + 1;
  std::uint64_t n = 0;
  bool underscores = false;
  bool range = false;
  for (char c0 : s) {
    const char c = lower_ascii(c0);
    int d = 0;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    }
    if (is_digit(c))
      d = c - '0';
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 10;
    else
      return std::nullopt;
    if (d >= base)
      return std::nullopt;
    if (range)
      continue;
    if (n >= cutoff) {
      range = true;
      continue;
    }
    n *= static_cast<std::uint64_t>(base);
    const std::uint64_t n1 = n + static_cast<std::uint64_t>(d);
    if (n1 < n) {
      range = true;
      continue;
    }
    n = n1;
  }
  if (underscores && !underscore_ok(s0))
    return std::nullopt;
  constexpr std::uint64_t limit = std::uint64_t{1} << 63;
  if (range || (!neg && n >= limit) || (neg && n > limit)) {
    reason = "value out of range";
    return std::nullopt;
  }
  if (neg)
    return n == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(n);
  return static_cast<std::int64_t>(n);
}

// time.ParseDuration in nanoseconds, with Go's error texts.
std::optional<std::int64_t> go_parse_duration(std::string_view orig, std::string& err) {
  constexpr std::uint64_t limit = std::uint64_t{1} << 63;
  std::string_view s = orig;
  std::uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0")
    return 0;
  if (s.empty()) {
    err = texts::go_invalid_duration(orig);
    return std::nullopt;
  }
  while (!s.empty()) {
    std::uint64_t v = 0;
    std::uint64_t f = 0;
    double scale = 1;
    if (!(s[0] == '.' || is_digit(s[0]))) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
    // leadingInt
    std::size_t pl = s.size();
    std::size_t i = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (v > limit / 10) {
        err = texts::go_invalid_duration(orig);
        return std::nullopt;
      }
      v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (v > limit) {
        err = texts::go_invalid_duration(orig);
        return std::nullopt;
      }
    }
    s.remove_prefix(i);
    const bool pre = pl != s.size();
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      pl = s.size();
      bool overflow = false;
      std::size_t j = 0;
      for (; j < s.size() && is_digit(s[j]); ++j) {
        if (overflow)
          continue;
        if (f > (limit - 1) / 10) {
          overflow = true;
          continue;
        }
        const std::uint64_t y = f * 10 + static_cast<std::uint64_t>(s[j] - '0');
        if (y > limit) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      s.remove_prefix(j);
      post = pl != s.size();
    }
    if (!pre && !post) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
    std::size_t u = 0;
    while (u < s.size() && !(s[u] == '.' || is_digit(s[u])))
      ++u;
    if (u == 0) {
      err = texts::go_missing_unit(orig);
      return std::nullopt;
    }
    const std::string_view unit_text = s.substr(0, u);
    s.remove_prefix(u);
    std::uint64_t unit = 0;
    if (unit_text == "ns")
      unit = 1;
    else if (unit_text == "us" || unit_text == "\xC2\xB5s" || unit_text == "\xCE\xBCs")
      unit = 1000;
    else if (unit_text == "ms")
      unit = 1000000;
    else if (unit_text == "s")
      unit = 1000000000;
    else if (unit_text == "m")
      unit = 60ULL * 1000000000;
    else if (unit_text == "h")
      unit = 3600ULL * 1000000000;
    else {
      err = texts::go_unknown_unit(unit_text, orig);
      return std::nullopt;
    }
    if (v > limit / unit) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
    v *= unit;
    if (f > 0) {
      v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > limit) {
        err = texts::go_invalid_duration(orig);
        return std::nullopt;
      }
    }
    d += v;
    if (d > limit) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
  }
  if (neg)
    return d == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(d);
  if (d > limit - 1) {
    err = texts::go_invalid_duration(orig);
    return std::nullopt;
  }
  return static_cast<std::int64_t>(d);
}

// parseutil.ParseDurationSecond on a string, in nanoseconds.
std::optional<std::int64_t> go_duration_second_ns(std::string_view s, std::string& err) {
  constexpr std::int64_t second = 1000000000;
  constexpr std::int64_t day = 86400 * second;
  const auto mul = [&](std::int64_t v, std::int64_t unit) -> std::optional<std::int64_t> {
    if (v != 0 && (v > std::numeric_limits<std::int64_t>::max() / unit ||
                   v < std::numeric_limits<std::int64_t>::min() / unit)) {
      err = "multiplication overflow";
      return std::nullopt;
    }
    return v * unit;
  };
  if (s.empty())
    return 0;
  std::string reason;
  if (auto v = go_parse_int(s, 10, reason))
    return mul(*v, second);
  if (s.back() == 'd') {
    auto days = s.substr(0, s.size() - 1);
    auto v = go_parse_int(days, 10, reason);
    if (!v) {
      err = texts::parse_int_error(days, reason);
      return std::nullopt;
    }
    return mul(*v, day);
  }
  return go_parse_duration(s, err);
}

} // namespace

// --- the framework's field conversion ---

bool field_bool(std::string_view v) {
  return v.empty() ? false : parse_go_bool(v).value_or(false);
}

std::int64_t field_int(std::string_view v) {
  std::string reason;
  return v.empty() ? 0 : go_parse_int(v, 0, reason).value_or(0);
}

sim_duration field_duration(std::string_view v) {
  std::string err;
  return secs(parse_duration_second(v, &err).value_or(0));
}

std::optional<std::int64_t> parse_duration_second(std::string_view text, std::string* err) {
  std::string e;
  auto ns = go_duration_second_ns(text, e);
  if (!ns) {
    if (err)
      *err = e;
    return std::nullopt;
  }
  const std::int64_t seconds = *ns / 1000000000;
  if (seconds < 0) {
    if (err)
      *err = texts::negative_value(seconds);
    return std::nullopt;
  }
  return seconds;
}

std::vector<std::string> parse_comma_slice(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty())
    return out;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    out.push_back(go_trim_space(text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                          : comma - start)));
    if (comma == std::string_view::npos)
      return out;
    start = comma + 1;
  }
}

std::optional<bool> parse_go_bool(std::string_view v) {
  if (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True")
    return true;
  if (v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "false" || v == "False")
    return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_duration_second_ns(std::string_view text, std::string* err) {
  std::string e;
  auto ns = go_duration_second_ns(text, e);
  if (!ns && err)
    *err = e;
  return ns;
}

std::optional<std::int64_t> parse_go_int(std::string_view text, int base, std::string* err) {
  std::string reason;
  auto v = go_parse_int(text, base, reason);
  if (!v && err)
    *err = texts::parse_int_error(text, reason);
  return v;
}

std::optional<sim_duration> parse_duration_text(std::string_view text, std::string* err) {
  auto ns = parse_duration_second_ns(text, err);
  if (!ns)
    return std::nullopt;
  return sim_duration{*ns / 1000000};
}

std::optional<sim_duration> parse_go_duration(std::string_view text, std::string* err) {
  std::string e;
  auto ns = go_parse_duration(text, e);
  if (!ns) {
    if (err)
      *err = e;
    return std::nullopt;
  }
  return sim_duration{*ns / 1000000};
}

std::string map_from_string_error(std::string_view name) {
  return "'" + std::string{name} + "' expected a map, got 'string'";
}

std::vector<std::string> parse_string_slice(std::string_view text) {
  if (text.empty())
    return {};
  return {go_trim_space(text)};
}

std::optional<std::map<std::string, std::string>> parse_kv_pairs(std::string_view text,
                                                                 std::string* err) {
  // mapstructure cannot decode a string into a map, so the framework decodes it as a list
  // of pairs: a lone string becomes a list of one.
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    if (err)
      *err = texts::invalid_key_pair(text);
    return std::nullopt;
  }
  return std::map<std::string, std::string>{
    {std::string{text.substr(0, eq)}, std::string{text.substr(eq + 1)}}};
}

std::optional<std::string> conversion_error(field_kind kind, std::string_view value) {
  switch (kind) {
    case field_kind::string:
    case field_kind::string_slice:
    case field_kind::comma_string_slice: return std::nullopt;
    case field_kind::map: return map_from_string_error("");
    case field_kind::kv_pairs: {
      std::string err;
      if (parse_kv_pairs(value, &err))
        return std::nullopt;
      return err;
    }
    case field_kind::boolean:
      if (value.empty() || parse_go_bool(value))
        return std::nullopt;
      return texts::cannot_parse_as("bool", texts::parse_bool_error(value));
    case field_kind::integer: {
      if (value.empty())
        return std::nullopt;
      std::string reason;
      if (go_parse_int(value, 0, reason))
        return std::nullopt;
      return texts::cannot_parse_as("int", texts::parse_int_error(value, reason));
    }
    case field_kind::duration: {
      std::string err;
      if (parse_duration_second(value, &err))
        return std::nullopt;
      return err;
    }
  }
  return std::nullopt;
}

std::optional<std::string> validate_fields(const field_map& raw, const field_schema& schema) {
  for (const auto& [key, value] : raw) {
    auto s = schema.find(key);
    if (s == schema.end())
      continue;
    if (auto e = conversion_error(s->second, value))
      return texts::field_conversion(value, key, *e);
  }
  return std::nullopt;
}

std::optional<vault_error> check_fields(const field_map& raw, const field_schema& schema,
                                        bool existence_check) {
  auto e = validate_fields(raw, schema);
  if (!e)
    return std::nullopt;
  return vault_error::invalid(existence_check ? *e : texts::field_validation_failed(*e));
}

std::vector<std::string> unknown_fields(const field_map& raw, const field_schema& schema) {
  std::vector<std::string> out;
  for (const auto& kv : raw)
    if (schema.count(kv.first) == 0)
      out.push_back(kv.first);
  return out;
}

api_response write_response(std::vector<std::string> warnings, const field_map& raw,
                            const field_schema& schema) {
  api_response r;
  if (warnings.empty()) {
    r.status = 204;
    return r;
  }
  if (auto ignored = unknown_fields(raw, schema); !ignored.empty())
    warnings.push_back(texts::ignored_parameters(ignored));
  r.warnings = std::move(warnings);
  return r;
}

std::string field_text(const field_map& fields, std::string_view key) {
  auto it = fields.find(std::string{key});
  return it == fields.end() ? std::string{} : it->second;
}

} // namespace tokenlab
