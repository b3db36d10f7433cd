#include "clock/calendar.hpp"

#include "clock/duration.hpp"

#include <cstdio>

namespace tokenlab {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, day 0 =
// 1970-01-01). Pure integer arithmetic: no timegm, no TZ, the same result on every machine.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return {y, m, d};
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/// Reads `n` decimal digits at `pos`, or -1.
int read_digits(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

} // namespace

std::int64_t unix_seconds(sim_time t, std::int64_t epoch_unix) {
  return epoch_unix + whole_seconds(t.time_since_epoch());
}

std::string format_rfc3339(sim_time t, std::int64_t epoch_unix) {
  // Floor (not truncation) so that an instant before the epoch still lands on the right
  // calendar second with a positive fraction.
  const std::int64_t total_ms = epoch_unix * 1000 + millis(t);
  const std::int64_t secs_total = floor_div(total_ms, 1000);
  const auto frac_ms = static_cast<int>(total_ms - secs_total * 1000);
  const std::int64_t days = floor_div(secs_total, 86400);
  const auto sod = static_cast<int>(secs_total - days * 86400);
  const civil c = civil_from_days(days);

  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d", static_cast<long long>(c.year),
                c.month, c.day, sod / 3600, (sod / 60) % 60, sod % 60);
  std::string out = buf;
  if (frac_ms != 0) {
    // RFC3339Nano drops trailing zeros of the fraction (and the dot if nothing remains).
    std::string frac = std::to_string(frac_ms + 1000).substr(1);
    while (frac.back() == '0')
      frac.pop_back();
    out += '.';
    out += frac;
  }
  out += 'Z';
  return out;
}

std::optional<std::int64_t> parse_rfc3339_utc(std::string_view text) {
  // Positions of "YYYY-MM-DDTHH:MM:SSZ".
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  const int year = read_digits(text, 0, 4);
  const int month = read_digits(text, 5, 2);
  const int day = read_digits(text, 8, 2);
  const int hour = read_digits(text, 11, 2);
  const int minute = read_digits(text, 14, 2);
  const int second = read_digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 59)
    return std::nullopt;
  if (static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month)))
    return std::nullopt;
  const std::int64_t days =
    days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

std::string format_offset(sim_time t) {
  // Instants before t=0 do not occur in scenarios; print them readably anyway.
  const sim_duration d = t.time_since_epoch();
  if (d.count() < 0)
    return "t-" + format_duration(-d);
  return "t+" + format_duration(d);
}

} // namespace tokenlab
