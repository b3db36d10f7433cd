#include "model/fields.hpp"
#include "model/texts.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

using strings = std::vector<std::string>;

} // namespace

// --- the framework's conversions (sdk/framework/field_data.go, parseutil, strconv, time) ---

TEST_CASE("fields: a TypeDurationSecond converts as parseutil.ParseDurationSecond, whole and positive") {
  std::string err;
  CHECK(parse_duration_second("90", &err) == 90);
  CHECK(parse_duration_second("1h30m", &err) == 5400);
  CHECK(parse_duration_second("1.5s", &err) == 1); // int(dur.Seconds())
  CHECK(parse_duration_second("7d", &err) == 604800);
  CHECK(parse_duration_second("", &err) == 0);
  CHECK(parse_duration_second("+5m", &err) == 300);
  CHECK_FALSE(parse_duration_second("abc", &err));
  CHECK(err == R"(time: invalid duration "abc")");
  CHECK_FALSE(parse_duration_second("1h30", &err));
  CHECK(err == R"(time: missing unit in duration "1h30")");
  CHECK_FALSE(parse_duration_second("6x", &err));
  CHECK(err == R"(time: unknown unit "x" in duration "6x")");
  CHECK_FALSE(parse_duration_second("1.5d", &err));
  CHECK(err == R"(strconv.ParseInt: parsing "1.5": invalid syntax)");
  CHECK_FALSE(parse_duration_second("-5", &err));
  CHECK(err == "cannot provide negative value '-5'");
  CHECK_FALSE(parse_duration_second("-2m", &err));
  CHECK(err == "cannot provide negative value '-120'");
}

TEST_CASE("fields: a bad value names the input, the field and Go's reason") {
  field_schema schema{{"token_ttl", field_kind::duration},
                      {"token_num_uses", field_kind::integer},
                      {"token_no_default_policy", field_kind::boolean},
                      {"token_policies", field_kind::comma_string_slice}};
  CHECK(validate_fields({{"token_ttl", "abc"}}, schema) ==
        R"(error converting input abc for field "token_ttl": time: invalid duration "abc")");
  CHECK(validate_fields({{"token_num_uses", "two"}}, schema) ==
        R"(error converting input two for field "token_num_uses": cannot parse '' as int: )"
        R"(strconv.ParseInt: parsing "two": invalid syntax)");
  CHECK(validate_fields({{"token_no_default_policy", "maybe"}}, schema) ==
        R"(error converting input maybe for field "token_no_default_policy": cannot parse '' )"
        R"(as bool: strconv.ParseBool: parsing "maybe": invalid syntax)");
  CHECK(validate_fields({{"token_num_uses", "99999999999999999999"}}, schema) ==
        R"(error converting input 99999999999999999999 for field "token_num_uses": cannot )"
        R"(parse '' as int: strconv.ParseInt: parsing "99999999999999999999": value out of range)");
  // Weak decoding: "" is zero/false, base prefixes are honoured, unknown keys are not checked.
  CHECK_FALSE(validate_fields({{"token_num_uses", ""}, {"token_no_default_policy", ""}}, schema));
  CHECK_FALSE(validate_fields({{"token_num_uses", "0x10"}, {"whatever", "x"}}, schema));
  CHECK(parse_comma_slice("a, b ,,c") == strings{"a", "b", "", "c"});
  CHECK(parse_comma_slice("").empty());
}

TEST_CASE("fields: a handler's own duration parse takes negatives and fractions") {
  std::string err;
  CHECK(parse_duration_text("-1", &err) == secs(-1));
  CHECK(parse_duration_text("1.5s", &err) == std::chrono::milliseconds{1500});
  CHECK(parse_duration_text("", &err) == sim_duration::zero());
  CHECK(parse_duration_text("2d", &err) == secs(172800));
  CHECK_FALSE(parse_duration_text("abc", &err));
  CHECK(err == R"(time: invalid duration "abc")");
}

TEST_CASE("fields: a string is one element of a TypeStringSlice, never split at commas") {
  CHECK(parse_string_slice(" a,b ") == strings{"a,b"});
  CHECK(parse_string_slice("").empty());
}

TEST_CASE("fields: a string is one key=value pair of a TypeKVPairs, split at its first '='") {
  std::string err;
  CHECK(parse_kv_pairs("team=web", &err) == std::map<std::string, std::string>{{"team", "web"}});
  CHECK(parse_kv_pairs("a=1,b=2", &err) == std::map<std::string, std::string>{{"a", "1,b=2"}});
  CHECK(parse_kv_pairs("k=", &err) == std::map<std::string, std::string>{{"k", ""}});
  CHECK_FALSE(parse_kv_pairs("team", &err));
  CHECK(err == R"(invalid key pair "team")");
  CHECK_FALSE(parse_kv_pairs("=web", &err));
  CHECK(err == R"(invalid key pair "=web")");
  CHECK_FALSE(parse_kv_pairs("", &err));
  CHECK(err == R"(invalid key pair "")");
  field_schema schema{{"meta", field_kind::kv_pairs}};
  CHECK(validate_fields({{"meta", "team"}}, schema) ==
        R"(error converting input team for field "meta": invalid key pair "team")");
}

TEST_CASE("fields: a bad field is a bare 400 behind an existence check, else 'Field validation "
          "failed'") {
  field_schema schema{{"num_uses", field_kind::integer}};
  const std::string text = R"(error converting input abc for field "num_uses": cannot parse '' )"
                           R"(as int: strconv.ParseInt: parsing "abc": invalid syntax)";
  auto plain = check_fields({{"num_uses", "abc"}}, schema, false);
  REQUIRE(plain);
  CHECK(plain->status == 400);
  CHECK(plain->message() == "Field validation failed: " + text);
  auto existing = check_fields({{"num_uses", "abc"}}, schema, true);
  REQUIRE(existing);
  CHECK(existing->message() == text);
  CHECK_FALSE(check_fields({{"num_uses", "7"}}, schema, false));
}

TEST_CASE("fields: unknown fields are warned about only when the handler answers with a body") {
  field_schema schema{{"known", field_kind::string}};
  field_map raw{{"known", "x"}, {"zeta", "1"}, {"alpha", "2"}};
  auto quiet = write_response({}, raw, schema);
  CHECK(quiet.status == 204);
  CHECK(quiet.warnings.empty());
  auto loud = write_response({"something"}, raw, schema);
  CHECK(loud.status == 200);
  CHECK(loud.warnings ==
        strings{"something", "Endpoint ignored these unrecognized parameters: [alpha zeta]"});
}

TEST_CASE("fields: a TypeMap takes no text, Go's time.ParseDuration takes no bare seconds") {
  field_schema schema{{"metadata", field_kind::map}};
  CHECK(validate_fields({{"metadata", "k=v"}}, schema) ==
        R"(error converting input k=v for field "metadata": '' expected a map, got 'string')");
  std::string err;
  CHECK(parse_go_duration("1h30m", &err) == secs(5400));
  CHECK_FALSE(parse_go_duration("90", &err));
  CHECK(err == R"(time: missing unit in duration "90")");
  CHECK_FALSE(parse_go_duration("7d", &err));
  CHECK(err == R"(time: unknown unit "d" in duration "7d")");
}
