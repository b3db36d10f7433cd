#include "clock/calendar.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>

using namespace tokenlab;
using std::chrono::hours;
using std::chrono::milliseconds;

namespace {

sim_time at_ms(std::int64_t n) {
  return sim_time{milliseconds{n}};
}

} // namespace

TEST_CASE("the default epoch is 2024-01-01T00:00:00Z") {
  CHECK(default_epoch_unix == 1'704'067'200);
  CHECK(parse_rfc3339_utc("2024-01-01T00:00:00Z") == default_epoch_unix);
  CHECK(format_rfc3339(sim_time{}, default_epoch_unix) == "2024-01-01T00:00:00Z");
}

TEST_CASE("a token's creation_time is the epoch plus the whole seconds since t=0") {
  CHECK(unix_seconds(at_ms(0), default_epoch_unix) == 1'704'067'200);
  CHECK(unix_seconds(at_ms(43'900), default_epoch_unix) == 1'704'067'243);
  CHECK(unix_seconds(sim_time{secs(7200)}, 0) == 7200);
}

TEST_CASE("issue and expire times print in UTC with Go's RFC3339Nano trimming") {
  auto [offset_ms, expected] = GENERATE(table<std::int64_t, std::string>({
    {43'000, "2024-01-01T00:00:43Z"},
    {43'250, "2024-01-01T00:00:43.25Z"},
    {43'500, "2024-01-01T00:00:43.5Z"},
    {43'001, "2024-01-01T00:00:43.001Z"},
    {43'120, "2024-01-01T00:00:43.12Z"},
    {7'157'000 + 43'000, "2024-01-01T02:00:00Z"},
    {2'764'800'000, "2024-02-02T00:00:00Z"},            // + 768h
    {(31 + 28) * 86'400'000LL, "2024-02-29T00:00:00Z"}, // 2024 is a leap year
    {366 * 86'400'000LL - 1, "2024-12-31T23:59:59.999Z"},
    {366 * 86'400'000LL, "2025-01-01T00:00:00Z"},
  }));
  CAPTURE(offset_ms);
  CHECK(format_rfc3339(at_ms(offset_ms), default_epoch_unix) == expected);
}

TEST_CASE("dates far from the default epoch print correctly") {
  CHECK(format_rfc3339(sim_time{}, 0) == "1970-01-01T00:00:00Z");
  CHECK(format_rfc3339(at_ms(-1), 0) == "1969-12-31T23:59:59.999Z");
  CHECK(format_rfc3339(sim_time{}, 951'782'400) == "2000-02-29T00:00:00Z");
  CHECK(format_rfc3339(sim_time{}, 4'107'542'400) == "2100-03-01T00:00:00Z");
  CHECK(format_rfc3339(sim_time{}, 253'402'300'799) == "9999-12-31T23:59:59Z");
}

TEST_CASE("an RFC 3339 UTC timestamp parses into unix seconds") {
  auto [text, expected] = GENERATE(table<std::string, std::int64_t>({
    {"1970-01-01T00:00:00Z", 0},
    {"2024-01-01T00:00:43Z", 1'704'067'243},
    {"2024-02-29T12:34:56Z", 1'709'210'096},
    {"2000-02-29T00:00:00Z", 951'782'400},
    {"1969-12-31T23:59:59Z", -1},
    {"9999-12-31T23:59:59Z", 253'402'300'799},
  }));
  CAPTURE(text);
  CHECK(parse_rfc3339_utc(text) == expected);
}

TEST_CASE("a malformed or impossible timestamp is refused") {
  auto text = GENERATE(
    as<std::string>{}, "", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00+00:00",
    "2024-01-01 00:00:00Z", "2024-01-01T00:00:00.5Z", "2024-1-01T00:00:00Z", "2024-13-01T00:00:00Z",
    "2024-00-10T00:00:00Z", "2024-01-00T00:00:00Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
    "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z", "2024-01-01T00:00:60Z",
    "2024-01-01t00:00:00z", "+024-01-01T00:00:00Z", "2024-01-01T00:00:00ZZ");
  CAPTURE(text);
  CHECK_FALSE(parse_rfc3339_utc(text).has_value());
}

TEST_CASE("a formatted instant parses back to its unix seconds") {
  auto unix = GENERATE(as<std::int64_t>{}, 0, 1'704'067'200, 1'709'210'096, 951'782'400,
                       4'102'444'800, 1'234'567'890);
  CAPTURE(unix);
  CHECK(parse_rfc3339_utc(format_rfc3339(sim_time{}, unix)) == unix);
}

TEST_CASE("report lines show virtual time as an offset from t=0") {
  CHECK(format_offset(sim_time{}) == "t+0s");
  CHECK(format_offset(sim_time{hours{6}}) == "t+6h");
  CHECK(format_offset(sim_time{secs(7157)}) == "t+1h59m17s");
  CHECK(format_offset(at_ms(1'500)) == "t+1.5s");
  CHECK(format_offset(sim_time{secs(43)}) == "t+43s");
  CHECK(format_offset(sim_time{secs(-5)}) == "t-5s");
}
