// The policy language as text: what `vault policy write` accepts and the exact errors it gives.
// Expected texts come from Vault 1.14's ParseACLPolicy over HCL v1.0.1-vault-5 (vault/policy.go,
// vault/policy_test.go, hcl/parser, hcl/scanner).
#include "model/policy_text.hpp"
#include "model/acl.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tokenlab;
using strings = std::vector<std::string>;

namespace {

/// One policy text and the error Vault answers `vault policy write` with.
struct bad_policy {
  std::string why;
  std::string text;
  std::string error;
};

std::string error_of(const std::string& text) {
  auto p = parse_policy("test", text);
  return p ? std::string{"(accepted)"} : p.error().message();
}

} // namespace

TEST_CASE("a path block grants the capabilities it lists") {
  auto p =
    parse_policy("web", "path \"secret/data/web\" {\n  capabilities = [\"read\", \"list\"]\n}\n");
  REQUIRE(p.ok());
  CHECK(p->name == "web");
  REQUIRE(p->rules.size() == 1);
  const auto& r = p->rules[0];
  CHECK(r.path == "secret/data/web");
  CHECK_FALSE(r.glob);
  CHECK(r.capabilities == strings{"read", "list"});
  CHECK(r.caps == (cap_bit(capability::read) | cap_bit(capability::list)));
}

TEST_CASE("a trailing star makes a prefix glob and a leading slash is dropped") {
  auto p = parse_policy("p", "path \"/secret/*\" { capabilities = [\"read\",] }");
  REQUIRE(p.ok());
  CHECK(p->rules[0].path == "secret/");
  CHECK(p->rules[0].glob);
}

TEST_CASE("a plus segment keeps its trailing star and is no glob") {
  auto p = parse_policy(
    "p",
    "path \"a/+/b*\" { capabilities = [\"read\"] }\npath \"a/+b\" { capabilities = [\"read\"] }");
  REQUIRE(p.ok());
  CHECK(p->rules[0].path == "a/+/b*");
  CHECK(p->rules[0].segment_wildcards);
  CHECK_FALSE(p->rules[0].glob);
  CHECK(p->rules[1].segment_wildcards); // Vault counts any "/+", even "/+b"
}

TEST_CASE("the legacy policy word maps to capabilities") {
  struct row {
    std::string word;
    strings caps;
  };
  const std::vector<row> table = {
    {"deny", {"deny"}},
    {"read", {"read", "list"}},
    {"write", {"create", "read", "update", "delete", "list"}},
    {"sudo", {"create", "read", "update", "delete", "list", "sudo"}},
  };
  for (const auto& t : table) {
    CAPTURE(t.word);
    auto p = parse_policy("p", "path \"a\" { policy = \"" + t.word + "\" }");
    REQUIRE(p.ok());
    CHECK(p->rules[0].capabilities == t.caps);
  }
}

TEST_CASE("legacy read adds to listed capabilities, legacy deny replaces them") {
  // vault/acl_test.go aclPolicy "stage/aws/*" and aclPolicy2 "stage/aws/policy/*".
  auto p = parse_policy(
    "p", "path \"x\" { policy = \"read\"\n capabilities = [\"update\", \"sudo\"] }\n"
         "path \"y\" { policy = \"deny\"\n capabilities = [\"read\", \"update\", \"sudo\"] }");
  REQUIRE(p.ok());
  CHECK(p->rules[0].capabilities == strings{"update", "sudo", "read", "list"});
  CHECK(p->rules[1].capabilities == strings{"deny"});
  CHECK(p->rules[1].caps == cap_bit(capability::deny));
}

TEST_CASE("deny drops every other capability, even ones Vault does not know") {
  auto p = parse_policy("p", "path \"a\" { capabilities = [\"read\", \"deny\", \"banana\"] }");
  REQUIRE(p.ok());
  CHECK(p->rules[0].capabilities == strings{"deny"});
}

TEST_CASE("comments of all three kinds and any layout are accepted") {
  auto p = parse_policy(
    "p", "# hash\n// slashes\n/* block\n comment */ path \"a\" {\n"
         "  capabilities = [ # inside\n \"read\", // and here\n \"patch\"\n ]\n}\n"
         "name = \"ignored\" path \"b\" { comment = \"fine\", capabilities = [\"list\"] }");
  REQUIRE(p.ok());
  REQUIRE(p->rules.size() == 2);
  CHECK(p->rules[0].caps == (cap_bit(capability::read) | cap_bit(capability::patch)));
  CHECK(p->rules[1].path == "b");
}

TEST_CASE("restricting keys are parsed and listed as not modelled") {
  auto p = parse_policy("p", R"(path "secret/*" {
  capabilities = ["create", "read"]
  allowed_parameters = { "ttl" = ["1h", "2h"], "*" = [] }
  denied_parameters = { "admin" = [] }
  required_parameters = ["ttl"]
  min_wrapping_ttl = "1m"
  max_wrapping_ttl = 3600
  mfa_methods = ["totp"]
  control_group = {
    factor "ops" {
      identity { group_names = ["ops"] approvals = 1 }
      controlled_capabilities = ["create"]
    }
  }
})");
  REQUIRE(p.ok());
  CHECK(p->rules[0].ignored == strings{"allowed_parameters", "denied_parameters",
                                       "required_parameters", "min_wrapping_ttl",
                                       "max_wrapping_ttl", "mfa_methods", "control_group"});
}

TEST_CASE("a templated path is kept but marked") {
  auto p = parse_policy(
    "p", "path \"identity/entity/id/{{identity.entity.id}}\" { capabilities = [\"read\"] }");
  REQUIRE(p.ok());
  CHECK(p->rules[0].templated);
}

TEST_CASE("bad policies are refused with Vault's texts") {
  const std::string pre = "failed to parse policy: ";
  const std::vector<bad_policy> table = {
    {"unknown capability (policy_test.go ParseBadCapabilities)",
     "path \"/\" {\n\tcapabilities = [\"read\", \"banana\"]\n}",
     pre + "path \"/\": invalid capability \"banana\""},
    {"unknown legacy policy (ParseBadPolicy)", "path \"/\" {\n\tpolicy = \"banana\"\n}",
     pre + "path \"/\": invalid policy \"banana\""},
    {"misspelt key (ParseBadPath)",
     "path \"/\" {\n\tcapabilities = [\"read\"]\n\tcapabilites  = [\"read\"]\n}",
     pre + "1 error occurred:\n\t* path \"/\": invalid key \"capabilites\" on line 3\n\n"},
    {"unknown top-level keys (ParseBadRoot)", "name = \"test\"\nbad  = \"foo\"\nnope = \"yes\"",
     pre + "2 errors occurred:\n\t* invalid key \"bad\" on line 2\n\t* invalid key \"nope\" on "
           "line 3\n\n"},
    {"a block has no '=' so its line is 0", "paths \"a\" { capabilities = [\"read\"] }",
     pre + "1 error occurred:\n\t* invalid key \"paths\" on line 0\n\n"},
    {"plus then star (ParseBadSegmentWildcard)",
     "path \"foo/+*\" {\n\tcapabilities = [\"read\"]\n}",
     pre + "path \"foo/+*\": invalid use of wildcards ('+*' is forbidden)"},
    {"wrapping TTLs the wrong way round (ParseBadWrapping)",
     "path \"/\" {\n\tpolicy = \"read\"\n\tmin_wrapping_ttl = 400\n\tmax_wrapping_ttl = 200\n}",
     pre + "max_wrapping_ttl cannot be less than min_wrapping_ttl"},
    {"a wrapping TTL that is no duration",
     "path \"a\" { policy = \"read\"\n min_wrapping_ttl = \"abc\" }",
     pre + "error parsing min_wrapping_ttl: time: invalid duration \"abc\""},
    {"unbalanced template", "path \"a/{{identity.entity.id\" { capabilities = [\"read\"] }",
     pre + "failed to validate policy templating: unbalanced templating characters"},
    {"capabilities given as a string", "path \"a\" {\n capabilities = \"read\"\n}",
     pre + "path \"a\": At 2:17: unknown slice type: *ast.LiteralType"},
    {"a capability that is a bool", "path \"a\" {\n capabilities = [true]\n}",
     pre + "path \"a\": At 2:18: root.Capabilities[0]: unknown type for string *ast.LiteralType"},
    {"a path block that is a list", "path = [\"x\"]",
     pre + "path \"path\": cannot check HCL keys of type *ast.ListType"},
    {"a missing closing brace", "path \"a\" {\n  capabilities = [\"read\"]\n",
     pre + "At 3:2: object expected closing RBRACE got: EOF"},
    {"a missing value", "path \"a\" {\n  capabilities = \n}",
     pre + "At 3:2: object expected closing RBRACE got: EOF"},
    {"a missing comma", "path \"a\" {\n capabilities = [\"read\" \"list\"]\n}",
     pre + "At 2:25: error parsing list, expected comma or list end, got: STRING"},
    {"an unterminated string", "path \"a {\n}", pre + "At 1:10: literal not terminated"},
    {"an unterminated comment", "path \"a\" { } /* x", pre + "At 1:18: comment not terminated"},
    {"a key without value", "path \"a\" \"b\" = 1",
     pre + "At 1:14: nested object expected: LBRACE got: ASSIGN"},
    {"a stray character", "path \"a\" { capabilities = [\"read\"] } @",
     pre + "At 1:38: illegal char"},
    {"a bad escape", "path \"a\\q\" { }", pre + "At 1:9: illegal char escape"},
    {"a word where a value belongs", "path \"a\" { capabilities = read }",
     pre + "At 1:27: Unknown token: 1:27 IDENT read"},
    {"JSON policies are not modelled", "{\"path\": {}}",
     pre + "JSON policies are not modelled by tokenlab yet"},
  };
  for (const auto& t : table) {
    CAPTURE(t.why, t.text);
    CHECK(error_of(t.text) == t.error);
  }
}

TEST_CASE("the HCL scanner reports positions as line:column") {
  auto r = hcl::parse("a = 1\nb = [\n  2,\n  \"x\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message() == "At 4:5: literal not terminated");
  CHECK(r.error().status == 400);
}

TEST_CASE("HCL values decode as strings the way Go's decoder does") {
  auto r = hcl::parse("a = 12\nb = \"x\\ty\"\nc = <<EOF\nline\nEOF\n");
  REQUIRE(r.ok());
  std::string a;
  std::string b;
  std::string c;
  CHECK_FALSE(hcl::decode_string(hcl::filter(*r, "A"), "root.a", a)); // keys match ignoring case
  CHECK_FALSE(hcl::decode_string(hcl::filter(*r, "b"), "root.b", b));
  CHECK_FALSE(hcl::decode_string(hcl::filter(*r, "c"), "root.c", c));
  CHECK(a == "12");
  CHECK(b == "x\ty");
  CHECK(c == "line\n");
}

TEST_CASE("durations parse as parseutil.ParseDurationSecond") {
  struct row {
    std::string value;
    long long ns;
    std::string error;
  };
  const long long s = 1000000000;
  const std::vector<row> table = {
    {"300", 300 * s, ""},
    {"\"300\"", 300 * s, ""},
    {"\"2d\"", 2 * 86400 * s, ""},
    {"\"1h30m\"", 5400 * s, ""},
    {"\"1.5s\"", 1500000000, ""},
    {"\"\"", 0, ""},
    {"\"5\"", 5 * s, ""},
    {"\"xd\"", 0, "strconv.ParseInt: parsing \"x\": invalid syntax"},
    {"\"5y\"", 0, "time: unknown unit \"y\" in duration \"5y\""},
    {"\"abc\"", 0, "time: invalid duration \"abc\""},
    {"true", 0, "could not parse duration from input"},
  };
  for (const auto& t : table) {
    CAPTURE(t.value);
    auto r = hcl::parse("v = " + t.value);
    REQUIRE(r.ok());
    std::string err;
    auto d = hcl::duration_second(r->at(0).val, err);
    if (t.error.empty()) {
      REQUIRE(d.has_value());
      CHECK(*d == t.ns);
    } else {
      CHECK_FALSE(d.has_value());
      CHECK(err == t.error);
    }
  }
}

TEST_CASE("several errors are listed as go-multierror does") {
  CHECK(hcl::multi_error({"one"}) == "1 error occurred:\n\t* one\n\n");
  CHECK(hcl::multi_error({"one", "two"}) == "2 errors occurred:\n\t* one\n\t* two\n\n");
}

TEST_CASE("nesting is bounded: deep input is a parse error, not a stack overflow") {
  const std::string pre = "failed to parse policy: ";
  auto nested = [](char open, char close, int n) {
    std::string s = "path \"x\" { capabilities = ";
    for (int i = 0; i < n; ++i)
      s += open == '{' ? std::string{"{ a = "} : std::string{open};
    s += "1";
    for (int i = 0; i < n; ++i)
      s += close;
    return s + " }";
  };
  // At the limit, the policy parses and decodes as Vault would have it.
  CHECK(error_of(nested('[', ']', hcl::max_nesting - 1)) ==
        pre + "path \"x\": At 1:28: root.Capabilities[0]: unknown type for string *ast.ListType");
  // Past it, by lists (the 20 KB input that overflowed the stack) or objects: one error at the
  // first bracket past the limit, not one wrapping per level.
  const std::string deep = error_of(nested('[', ']', 20000));
  CHECK(deep == pre + "At 1:" + std::to_string(26 + hcl::max_nesting) +
                  ": a list or object nested deeper than 1000 levels (tokenlab's limit)");
  CHECK(error_of(nested('{', '}', 20000)).find("nested deeper than 1000 levels") !=
        std::string::npos);
}
