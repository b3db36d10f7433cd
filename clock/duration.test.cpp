#include "clock/duration.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <tuple>

using namespace tokenlab;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

namespace {

sim_duration ms(std::int64_t n) {
  return milliseconds{n};
}

} // namespace

TEST_CASE("a plain integer duration is a number of seconds, as in Vault's API") {
  auto [text, expected] = GENERATE(table<std::string, std::int64_t>({
    {"3600", 3'600'000},
    {"0", 0},
    {"-5", -5'000},
    {"+7", 7'000},
    {"007", 7'000},
    {"2764800", 2'764'800'000},
  }));
  CAPTURE(text);
  auto d = parse_duration(text);
  REQUIRE(d.has_value());
  CHECK(d->count() == expected);
}

TEST_CASE("a Go duration string parses with Go's units, signs and decimals") {
  auto [text, expected] = GENERATE(table<std::string, std::int64_t>({
    {"768h", 2'764'800'000},
    {"1h30m", 5'400'000},
    {"1.5h", 5'400'000},
    {"1.5s", 1'500},
    {"500ms", 500},
    {"30m", 1'800'000},
    {"38s", 38'000},
    {"1h59m17s", 7'157'000},
    {"-1m30s", -90'000},
    {"+2h", 7'200'000},
    {"-0", 0},
    {".5s", 500},
    {"5.s", 5'000},
    {"1m0.25s", 60'250},
    {"2000000us", 2'000},
    {"2000000\xC2\xB5s", 2'000}, // U+00B5 micro sign
    {"2000000\xCE\xBCs", 2'000}, // U+03BC greek mu
    {"3000000000ns", 3'000},
    {"10h0m0s", 36'000'000},
  }));
  CAPTURE(text);
  auto d = parse_duration(text);
  REQUIRE(d.has_value());
  CHECK(d->count() == expected);
}

TEST_CASE("a trailing d counts whole days, as parseutil.ParseDurationSecond does") {
  CHECK(parse_duration("7d") == sim_duration{hours{168}});
  CHECK(parse_duration("32d") == sim_duration{hours{768}});
  CHECK(parse_duration("-1d") == sim_duration{hours{-24}});
  CHECK(parse_duration("0d") == sim_duration{0});
}

TEST_CASE("sub-millisecond parts of a duration are truncated toward zero") {
  CHECK(parse_duration("1500us") == ms(1));
  CHECK(parse_duration("999999ns") == ms(0));
  CHECK(parse_duration("-1.9ms") == ms(-1));
  CHECK(parse_duration("1.0009s") == ms(1000));
}

TEST_CASE("an invalid duration names the problem and where it starts") {
  auto [text, offset, message] = GENERATE(table<std::string, std::size_t, std::string>({
    {"", 0, R"(invalid duration "": empty duration)"},
    {"6x", 1, R"(invalid duration "6x": unknown unit "x")"},
    {"1h30", 4, R"(invalid duration "1h30": missing unit)"},
    {"h", 0, R"(invalid duration "h": expected a number)"},
    {"-", 1, R"(invalid duration "-": expected a number)"},
    {"1h.m", 2, R"(invalid duration "1h.m": expected a number)"},
    {"1.5d", 1, R"(invalid duration "1.5d": days must be a whole number)"},
    {"xd", 0, R"(invalid duration "xd": days must be a whole number)"},
    {"3 h", 1, R"(invalid duration "3 h": unknown unit " h")"},
    {"1H", 1, R"(invalid duration "1H": unknown unit "H")"},
    {"99999999999999999999", 0, R"(invalid duration "99999999999999999999": out of range)"},
    {"9223372037s", 0, R"(invalid duration "9223372037s": out of range)"},
    {"9223372037", 0, R"(invalid duration "9223372037": out of range)"},
    {"106752d", 0, R"(invalid duration "106752d": out of range)"},
    {"2562048h", 0, R"(invalid duration "2562048h": out of range)"},
    {"1h2562047h", 2, R"(invalid duration "1h2562047h": out of range)"},
  }));
  CAPTURE(text);
  duration_error err;
  CHECK_FALSE(parse_duration(text, &err).has_value());
  CHECK(err.offset == offset);
  CHECK(err.message == message);
}

TEST_CASE("the largest durations Go can hold still parse") {
  // 2562047h47m16.854775807s is Go's max Duration; 9223372036 s is the largest whole second.
  CHECK(parse_duration("2562047h47m16.854775807s") == ms(9'223'372'036'854));
  CHECK(parse_duration("9223372036") == ms(9'223'372'036'000));
  CHECK(parse_duration("-2562047h47m16.854775808s") == ms(-9'223'372'036'854));
}

TEST_CASE("the CLI prints durations the way Vault's humanDuration does") {
  auto [value, expected] = GENERATE(table<std::int64_t, std::string>({
    {2'764'800'000, "768h"},
    {2'592'000'000, "720h"},
    {1'800'000, "30m"},
    {7'157'000, "1h59m17s"},
    {3'600'000, "1h"},
    {14'400'000, "4h"},
    {38'000, "38s"},
    {90'000, "1m30s"},
    {0, "0s"},
    {36'000'000, "10h"},
    {3'661'000, "1h1m1s"},
    {3'605'000, "1h5s"},
    {1'500, "1.5s"},
    {500, "500ms"},
    {-90'000, "-1m30s"},
    {-3'600'000, "-1h"},
    {60'000, "1m"},
    {4'200'000, "1h10m"},
  }));
  CAPTURE(value);
  CHECK(format_duration(ms(value)) == expected);
}

TEST_CASE("a duration prints exactly as Go's Duration.String") {
  auto [value, expected] = GENERATE(table<std::int64_t, std::string>({
    {32'400'000, "9h0m0s"},
    {1'500, "1.5s"},
    {0, "0s"},
    {250, "250ms"},
    {1, "1ms"},
    {90'000, "1m30s"},
    {7'157'000, "1h59m17s"},
    {2'764'800'000, "768h0m0s"},
    {60'250, "1m0.25s"},
    {1'001, "1.001s"},
    {-1'500, "-1.5s"},
    {-250, "-250ms"},
  }));
  CAPTURE(value);
  CHECK(format_go_duration(ms(value)) == expected);
}

TEST_CASE("the most negative duration still prints") {
  CHECK(format_go_duration(sim_duration{INT64_MIN}) == "-2562047788015h12m55.808s");
}

TEST_CASE("a printed duration parses back to the same value") {
  auto value = GENERATE(as<std::int64_t>{}, 0, 1, 999, 1'000, 59'999, 3'600'000, 7'157'000,
                        2'764'800'000, -90'000, 86'399'999);
  CAPTURE(value);
  CHECK(parse_duration(format_duration(ms(value))) == ms(value));
  CHECK(parse_duration(format_go_duration(ms(value))) == ms(value));
}

TEST_CASE("round_to_second rounds as Go's Time.Round(time.Second): a half second goes up") {
  CHECK(round_to_second(sim_time{milliseconds{600499}}) == sim_time{secs(600)});
  CHECK(round_to_second(sim_time{milliseconds{600500}}) == sim_time{secs(601)});
  CHECK(round_to_second(sim_time{milliseconds{601500}}) == sim_time{secs(602)});
  CHECK(round_to_second(sim_time{milliseconds{600000}}) == sim_time{secs(600)});
}
