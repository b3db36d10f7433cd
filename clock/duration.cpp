#include "clock/duration.hpp"

#include <cstdint>
#include <limits>

namespace tokenlab {

namespace {

// Go computes durations in unsigned 64-bit nanoseconds with 1<<63 as the overflow bound;
// we do the same so that every input Vault accepts (and only those) parses, and only then
// truncate to the lab's milliseconds.
constexpr std::uint64_t two_63 = std::uint64_t{1} << 63;
constexpr std::uint64_t ns_per_ms = 1'000'000;
constexpr std::uint64_t ns_per_s = 1'000'000'000;

struct unit_entry {
  std::string_view name;
  std::uint64_t ns;
};

// Go's time.unitMap, including both spellings of "µs" (U+00B5 micro sign, U+03BC mu).
constexpr unit_entry units[] = {
  {"ns", 1},         {"us", 1'000},   {"\xC2\xB5s", 1'000}, {"\xCE\xBCs", 1'000},
  {"ms", ns_per_ms}, {"s", ns_per_s}, {"m", 60 * ns_per_s}, {"h", 3600 * ns_per_s},
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::nullopt_t fail(duration_error* err, std::string_view text, std::size_t offset,
                    const std::string& reason) {
  if (err != nullptr) {
    err->offset = offset;
    err->message = "invalid duration " + quote(text) + ": " + reason;
  }
  return std::nullopt;
}

/// The result of strconv.ParseInt(s, 10, 64): ok, syntax error at `bad`, or out of range.
struct int_parse {
  enum { ok, syntax, range } status = syntax;
  std::int64_t value = 0;
  std::size_t bad = 0;
};

int_parse parse_int64(std::string_view s) {
  int_parse r;
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  if (i == s.size()) {
    r.bad = i;
    return r;
  }
  std::uint64_t mag = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    if (!is_digit(s[i])) {
      r.bad = i;
      return r;
    }
    auto digit = static_cast<std::uint64_t>(s[i] - '0');
    if (mag > (two_63 - digit) / 10)
      overflow = true;
    else
      mag = mag * 10 + digit;
  }
  if (overflow || (!neg && mag > two_63 - 1)) {
    r.status = int_parse::range;
    return r;
  }
  r.status = int_parse::ok;
  r.value = neg ? static_cast<std::int64_t>(0 - mag) : static_cast<std::int64_t>(mag);
  return r;
}

/// `v` whole `unit_ns` units in milliseconds, or nullopt when Go's Duration cannot hold it.
std::optional<sim_duration> scaled(std::int64_t v, std::uint64_t unit_ns) {
  const auto limit = static_cast<std::int64_t>((two_63 - 1) / unit_ns);
  if (v > limit || v < -limit)
    return std::nullopt;
  const auto ms_per_unit = static_cast<std::int64_t>(unit_ns / ns_per_ms);
  return sim_duration{v * ms_per_unit};
}

// Go's time.ParseDuration, on nanoseconds.
std::optional<sim_duration> parse_go(std::string_view text, duration_error* err) {
  std::size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    neg = text[i] == '-';
    ++i;
  }
  if (text.substr(i) == "0")
    return sim_duration{0};
  if (i == text.size())
    return fail(err, text, i, "expected a number");

  std::uint64_t total = 0;
  while (i < text.size()) {
    const std::size_t part_start = i;
    if (!(text[i] == '.' || is_digit(text[i])))
      return fail(err, text, i, "expected a number");

    std::uint64_t whole = 0;
    const std::size_t int_start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (whole > two_63 / 10)
        return fail(err, text, part_start, "out of range");
      whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
      if (whole > two_63)
        return fail(err, text, part_start, "out of range");
    }
    const bool pre = i != int_start;

    // Go keeps consuming fraction digits after it stops accumulating them.
    std::uint64_t frac = 0;
    double scale = 1;
    bool post = false;
    if (i < text.size() && text[i] == '.') {
      ++i;
      const std::size_t frac_start = i;
      bool overflow = false;
      for (; i < text.size() && is_digit(text[i]); ++i) {
        if (overflow)
          continue;
        if (frac > (two_63 - 1) / 10) {
          overflow = true;
          continue;
        }
        std::uint64_t y = frac * 10 + static_cast<std::uint64_t>(text[i] - '0');
        if (y > two_63) {
          overflow = true;
          continue;
        }
        frac = y;
        scale *= 10;
      }
      post = i != frac_start;
    }
    if (!pre && !post)
      return fail(err, text, part_start, "expected a number");

    const std::size_t unit_start = i;
    for (; i < text.size() && !(text[i] == '.' || is_digit(text[i])); ++i) {
    }
    if (i == unit_start)
      return fail(err, text, unit_start, "missing unit");
    const std::string_view unit_name = text.substr(unit_start, i - unit_start);
    std::uint64_t unit = 0;
    for (const auto& u : units)
      if (u.name == unit_name)
        unit = u.ns;
    if (unit == 0)
      return fail(err, text, unit_start, "unknown unit " + quote(unit_name));

    if (whole > two_63 / unit)
      return fail(err, text, part_start, "out of range");
    whole *= unit;
    if (frac > 0) {
      // Same float expression as Go, so fractional hours round to the same nanosecond.
      whole +=
        static_cast<std::uint64_t>(static_cast<double>(frac) * (static_cast<double>(unit) / scale));
      if (whole > two_63)
        return fail(err, text, part_start, "out of range");
    }
    total += whole;
    if (total > two_63)
      return fail(err, text, part_start, "out of range");
  }
  if (!neg && total > two_63 - 1)
    return fail(err, text, 0, "out of range");
  // Integer division truncates toward zero for both signs, which is the truncation we want.
  const auto ms = static_cast<std::int64_t>(total / ns_per_ms);
  return sim_duration{neg ? -ms : ms};
}

void append_uint(std::string& out, std::uint64_t v) {
  out += std::to_string(v);
}

} // namespace

std::optional<sim_duration> parse_duration(std::string_view text, duration_error* err) {
  // Vault treats "" as "not given" (zero); callers here only parse values that were given,
  // so an empty one is a mistake worth reporting.
  if (text.empty())
    return fail(err, text, 0, "empty duration");

  const int_parse as_int = parse_int64(text);
  if (as_int.status == int_parse::ok) {
    if (auto d = scaled(as_int.value, ns_per_s))
      return d;
    return fail(err, text, 0, "out of range");
  }
  if (as_int.status == int_parse::range)
    return fail(err, text, 0, "out of range");

  if (text.back() == 'd') {
    const std::string_view days = text.substr(0, text.size() - 1);
    const int_parse as_days = parse_int64(days);
    if (as_days.status == int_parse::syntax)
      return fail(err, text, as_days.bad, "days must be a whole number");
    if (as_days.status == int_parse::ok)
      if (auto d = scaled(as_days.value, 86400 * ns_per_s))
        return d;
    return fail(err, text, 0, "out of range");
  }
  return parse_go(text, err);
}

std::string format_go_duration(sim_duration d) {
  const std::int64_t ms = d.count();
  // Magnitude in unsigned arithmetic so that the most negative value has one too.
  const std::uint64_t u =
    ms < 0 ? 0 - static_cast<std::uint64_t>(ms) : static_cast<std::uint64_t>(ms);
  std::string out = ms < 0 ? "-" : "";
  if (u == 0)
    return "0s";
  if (u < 1000) {
    // Go picks "ms" below one second; whole milliseconds leave no fraction to print.
    append_uint(out, u);
    out += "ms";
    return out;
  }
  const std::uint64_t total_s = u / 1000;
  const std::uint64_t frac_ms = u % 1000;
  const std::uint64_t hours = total_s / 3600;
  const std::uint64_t minutes = (total_s / 60) % 60;
  const std::uint64_t seconds = total_s % 60;
  if (hours > 0) {
    append_uint(out, hours);
    out += 'h';
  }
  if (hours > 0 || minutes > 0) {
    append_uint(out, minutes);
    out += 'm';
  }
  append_uint(out, seconds);
  if (frac_ms > 0) {
    std::string frac = std::to_string(frac_ms + 1000).substr(1); // zero-padded to 3 digits
    while (frac.back() == '0')
      frac.pop_back();
    out += '.';
    out += frac;
  }
  out += 's';
  return out;
}

std::string format_duration(sim_duration d) {
  if (d.count() == 0)
    return "0s";
  std::string s = format_go_duration(d);
  const std::string_view tail = "m0s";
  if (s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0)
    s.erase(s.size() - 2);
  const auto idx = s.find("h0m");
  if (idx != std::string::npos && idx > 0)
    s.erase(idx + 1, 2);
  return s;
}

} // namespace tokenlab
