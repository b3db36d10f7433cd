#include "reports/go_yaml.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using ojson = nlohmann::ordered_json;

namespace {

// The YAML of {"k": s}: how yaml.v2 writes the string s as a mapping value.
std::string value_of(const std::string& s) {
  ojson j = ojson::object();
  j["k"] = s;
  return go_yaml_marshal(j);
}

} // namespace

TEST_CASE("strings that would read back as another type are double-quoted", "[yaml]") {
  for (const char* s : {"true",       "True",
                        "TRUE",       "false",
                        "yes",        "Yes",
                        "no",         "y",
                        "n",          "on",
                        "off",        "OFF",
                        "null",       "Null",
                        "~",          "1",
                        "-1",         "+1",
                        "1e3",        "1.5",
                        ".5",         "-.inf",
                        ".NaN",       "0x1F",
                        "0o17",       "0b101",
                        "017",        "09",
                        "1_000",      "2023-06-19T11:40:09Z",
                        "2023-06-19", "2024-01-01 10:00:00",
                        "1:20",       "190:20:30.15"}) {
    INFO(s);
    CHECK(value_of(s) == std::string("k: \"") + s + "\"\n");
  }
  CHECK(value_of("") == "k: \"\"\n");
}

TEST_CASE("strings that only look like other types stay plain", "[yaml]") {
  for (const char* s : {"truly", "nil", "None", "1.2.3", "2023-13-01", "2023-02-30", "0x", "1e400x",
                        "v1.14.0+builtin.vault", "hvs.CAESIJ", "a:b", "-x", "a#b", "it's",
                        "héllo ünïcode ✓", "auth/token/create", "12ab", "~x"}) {
    INFO(s);
    CHECK(value_of(s) == std::string("k: ") + s + "\n");
  }
}

TEST_CASE("indicators that forbid a plain scalar make it single-quoted", "[yaml]") {
  CHECK(value_of("a: b") == "k: 'a: b'\n");
  CHECK(value_of("key:") == "k: 'key:'\n");
  CHECK(value_of("- x") == "k: '- x'\n");
  CHECK(value_of("-") == "k: '-'\n");
  CHECK(value_of("# c") == "k: '# c'\n");
  CHECK(value_of("a #b") == "k: 'a #b'\n");
  CHECK(value_of("@x") == "k: '@x'\n");
  CHECK(value_of("*x") == "k: '*x'\n");
  CHECK(value_of("[a]") == "k: '[a]'\n");
  CHECK(value_of("{a}") == "k: '{a}'\n");
  CHECK(value_of("\"quoted\"") == "k: '\"quoted\"'\n");
  CHECK(value_of("'quoted'") == "k: '''quoted'''\n");
  CHECK(value_of("---") == "k: '---'\n");
  CHECK(value_of(" lead") == "k: ' lead'\n");
  CHECK(value_of("trail ") == "k: 'trail '\n");
}

TEST_CASE("characters yaml.v2 will not print raw are escaped in double quotes", "[yaml]") {
  CHECK(value_of("tab\there") == "k: \"tab\\there\"\n");
  CHECK(value_of("\x07"
                 "bell") == "k: \"\\abell\"\n");
  CHECK(value_of("\x1b[0m") == "k: \"\\e[0m\"\n");
  // yaml.v2's is_printable takes no 4-byte UTF-8 sequence: emoji are escaped.
  CHECK(value_of("ok \xF0\x9F\x99\x82") == "k: \"ok \\U0001F642\"\n");
  // Invalid UTF-8 is U+FFFD by the time yaml sees it (json.Marshal replaced it).
  CHECK(value_of("a\xff") == "k: a\xEF\xBF\xBD\n");
}

TEST_CASE("multi-line strings are literal blocks with yaml.v2's chomping", "[yaml]") {
  CHECK(value_of("line1\nline2") == "k: |-\n  line1\n  line2\n");
  CHECK(value_of("line1\n\nline3") == "k: |-\n  line1\n\n  line3\n");
  CHECK(value_of("trail\n") == "k: |\n  trail\n");
  CHECK(value_of("keep\n\n") == "k: |+\n  keep\n\n");
  CHECK(value_of(" lead\nnext") == "k: |2-\n   lead\n  next\n");
  // A space before a break rules the block out: double quotes.
  CHECK(value_of("a \nb") == "k: \"a \\nb\"\n");
  // As a key, a multi-line string is no simple key: `? ` and the literal block.
  ojson j = ojson::object();
  j["a\nb"] = 1;
  CHECK(go_yaml_marshal(j) == "? |-\n  a\n  b\n: 1\n");
}

TEST_CASE("long scalars fold at the first space past column 80", "[yaml]") {
  std::string words;
  for (int i = 1; i <= 15; ++i)
    words += (i > 1 ? " word" : "word") + std::string(i < 10 ? "0" : "") + std::to_string(i);
  CHECK(value_of(words) ==
        "k: word01 word02 word03 word04 word05 word06 word07 word08 word09 word10 word11 word12\n"
        "  word13 word14 word15\n");
  // Keys never fold.
  ojson j = ojson::object();
  j[words] = 1;
  CHECK(go_yaml_marshal(j) == words + ": 1\n");
}

TEST_CASE("collections: block layout, empty ones in flow style, keys in yaml.v2's order",
          "[yaml]") {
  const auto j = ojson::parse(R"({"b": {"z": null, "y": false, "x": 12},
                                  "a": ["x", {"q": [1, 2], "p": "v"}, [], ["n1", "n2"], {}],
                                  "key10": {}, "key9": [], "a_b": 1, "ab": 2, "n": 3})");
  CHECK(go_yaml_marshal(j) == R"(a:
- x
- p: v
  q:
  - 1
  - 2
- []
- - n1
  - n2
- {}
a_b: 1
ab: 2
b:
  x: 12
  "y": false
  z: null
key9: []
key10: {}
"n": 3
)");
}

TEST_CASE("scalars and empty collections at the root", "[yaml]") {
  CHECK(go_yaml_marshal(nullptr) == "null\n");
  CHECK(go_yaml_marshal("abc") == "abc\n");
  CHECK(go_yaml_marshal("true") == "\"true\"\n");
  CHECK(go_yaml_marshal(ojson::array()) == "[]\n");
  CHECK(go_yaml_marshal(ojson::object()) == "{}\n");
  CHECK(go_yaml_marshal(ojson::array({"a", "b"})) == "- a\n- b\n");
  CHECK(go_yaml_marshal(1.5) == "1.5\n");
  CHECK(go_yaml_marshal(100.0) == "100\n"); // json.Marshal writes 100, which reads as an int
  CHECK(go_yaml_marshal(1234567.5) == "1.2345675e+06\n");
  CHECK(go_yaml_marshal(-7) == "-7\n");
}

TEST_CASE("a key past 128 bytes is written as a complex key", "[yaml]") {
  const std::string key(129, 'k');
  ojson j = ojson::object();
  j[key] = "v";
  CHECK(go_yaml_marshal(j) == "? " + key + "\n: v\n");
  ojson k128 = ojson::object();
  k128[std::string(128, 'k')] = "v";
  CHECK(go_yaml_marshal(k128) == std::string(128, 'k') + ": v\n");
}

TEST_CASE("yaml.v2 orders keys naturally: digit runs as numbers, non-letters first", "[yaml]") {
  CHECK(go_yaml_key_less("a", "a_b"));
  CHECK(go_yaml_key_less("a_b", "ab"));
  CHECK_FALSE(go_yaml_key_less("ab", "a_b"));
  CHECK(go_yaml_key_less("key9", "key10"));
  CHECK(go_yaml_key_less("v2", "v10"));
  CHECK(go_yaml_key_less("lease_duration", "lease_id"));
  CHECK(go_yaml_key_less("token/", "token_type"));
  CHECK(go_yaml_key_less("1", "2"));
  CHECK(go_yaml_key_less("2", "10"));
  CHECK_FALSE(go_yaml_key_less("10", "10"));
}
