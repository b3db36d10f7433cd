// Vault's ACL check: which capabilities a token's policies give it on a path. Cases marked
// "acl_test.go" translate vault/acl_test.go (Vault 1.14); each expected value was also checked
// against Vault's own NewACL/AllowOperation/Capabilities code.
#include "model/acl.hpp"
#include "model/identity.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tokenlab;
using strings = std::vector<std::string>;

namespace {

// vault/acl_test.go aclPolicy (name "DeV").
const std::string acl_policy = R"hcl(
name = "DeV"
path "dev/*" {
  policy = "sudo"
}
path "stage/*" {
  policy = "write"
}
path "stage/aws/*" {
  policy = "read"
  capabilities = ["update", "sudo"]
}
path "stage/aws/policy/*" {
  policy = "sudo"
}
path "prod/*" {
  policy = "read"
}
path "prod/aws/*" {
  policy = "deny"
}
path "sys/*" {
  policy = "deny"
}
path "foo/bar" {
  capabilities = ["read", "create", "sudo"]
}
path "baz/quux" {
  capabilities = ["read", "create", "patch"]
}
path "test/+/segment" {
  capabilities = ["read"]
}
path "+/segment/at/front" {
  capabilities = ["read"]
}
path "test/segment/at/end/+" {
  capabilities = ["read"]
}
path "test/segment/at/end/v2/+/" {
  capabilities = ["read"]
}
path "test/+/wildcard/+/*" {
  capabilities = ["read"]
}
path "test/+/wildcardglob/+/end*" {
  capabilities = ["read"]
}
path "1/2/*" {
  capabilities = ["create"]
}
path "1/2/+" {
  capabilities = ["read"]
}
path "1/2/+/+" {
  capabilities = ["update"]
}
)hcl";

// vault/acl_test.go aclPolicy2 (name "OpS").
const std::string acl_policy2 = R"hcl(
name = "OpS"
path "dev/hide/*" {
  policy = "deny"
}
path "stage/aws/policy/*" {
  policy = "deny"
  # This should have no effect
  capabilities = ["read", "update", "sudo"]
}
path "prod/*" {
  policy = "write"
}
path "sys/seal" {
  policy = "sudo"
}
path "foo/bar" {
  capabilities = ["deny"]
}
path "baz/quux" {
  capabilities = ["deny"]
}
)hcl";

/// A store holding `default`, `root` and the given policies named p0, p1, ...
policy_store store_with(const strings& texts) {
  policy_store s;
  for (size_t i = 0; i < texts.size(); ++i) {
    auto r = s.put("p" + std::to_string(i), texts[i]);
    REQUIRE(r.ok());
  }
  return s;
}

/// One AllowOperation check: a capability on a path, whether it is granted, whether sudo is.
struct check_row {
  capability needed;
  std::string path;
  bool allowed;
  bool sudo;
};

void check_table(const policy_store& s, const strings& policies,
                 const std::vector<check_row>& table) {
  for (const auto& t : table) {
    CAPTURE(t.path, static_cast<unsigned>(t.needed));
    CHECK(acl_allows(s, policies, t.path, t.needed) == t.allowed);
    CHECK(acl_allows(s, policies, t.path, capability::sudo) == t.sudo);
  }
}

constexpr auto c = capability::create;
constexpr auto r = capability::read;
constexpr auto u = capability::update;
constexpr auto d = capability::del;
constexpr auto l = capability::list;
constexpr auto p = capability::patch;

} // namespace

TEST_CASE("the default policy is Vault 1.14's text") {
  const auto& text = default_policy_text();
  CHECK(text.rfind(
          "\n# Allow tokens to look up their own properties\npath \"auth/token/lookup-self\" {",
          0) == 0);
  CHECK(text.find("path \"identity/oidc/provider/+/authorize\" {\n    capabilities = [\"read\", "
                  "\"update\"]\n}\n") != std::string::npos);
  policy_store s;
  REQUIRE(s.find("default") != nullptr);
  CHECK(s.find("default")->text == text);
  CHECK(s.find("default")->rules.size() == 18);
}

TEST_CASE("a token with the default policy can look itself up, renew and revoke itself, and use "
          "its cubbyhole") {
  policy_store s;
  const strings pol{"default"};
  const std::vector<check_row> table = {
    {r, "auth/token/lookup-self", true, false},
    {u, "auth/token/lookup-self", false, false},
    {u, "auth/token/renew-self", true, false},
    {u, "auth/token/revoke-self", true, false},
    {u, "sys/capabilities-self", true, false},
    {c, "cubbyhole/secret", true, false},
    {r, "cubbyhole/secret", true, false},
    {u, "cubbyhole/secret", true, false},
    {d, "cubbyhole/secret", true, false},
    {l, "cubbyhole/", true, false},
    {l, "cubbyhole", false, false},
    {u, "sys/tools/hash/sha2-256", true, false},
    {u, "identity/oidc/provider/main/authorize", true, false},
    {u, "auth/token/create", false, false},
    {u, "auth/token/create-orphan", false, false},
    {r, "aws/creds/deploy", false, false},
    {r, "identity/entity/id/{{identity.entity.id}}", false, false}, // templated: no entity
  };
  check_table(s, pol, table);
  CHECK(capability_names(s, pol, "cubbyhole/secret") ==
        strings{"create", "delete", "list", "read", "update"});
  CHECK(capability_names(s, pol, "aws/creds/deploy") == strings{"deny"});
}

TEST_CASE("root grants every capability and lists as root") {
  policy_store s;
  CHECK(capability_names(s, {"root"}, "any/path") ==
        strings{"root"}); // acl_test.go Capabilities root-ns
  CHECK(capabilities_on(s, {"root"}, "sys/mount/foo") == all_capabilities);
  CHECK(acl_allows(s, {"root"}, "sys/mount/foo", capability::update)); // acl_test.go TestACL_Root
  CHECK(acl_allows(s, {"root"}, "sys/mount/foo", capability::sudo));
}

TEST_CASE("nothing granted lists as deny") {
  auto s = store_with({"path \"secret/*\" { capabilities = [\"read\"] }"});
  CHECK(capability_names(s, {}, "secret/a") == strings{"deny"});
  CHECK(capability_names(s, {"nosuchpolicy"}, "secret/a") == strings{"deny"});
  CHECK(capability_names(s, {"p0"}, "other/a") == strings{"deny"});
  CHECK(capabilities_on(s, {"p0"}, "other/a") == 0);
}

TEST_CASE("capabilities list as Vault's capabilities endpoint sorts them") {
  // acl_test.go testACLCapabilities (ACL.Capabilities' order, then Core.Capabilities' sort).
  auto s = store_with({acl_policy});
  CHECK(capability_names(s, {"p0"}, "dev") == strings{"deny"});
  CHECK(capability_names(s, {"p0"}, "dev/") ==
        strings{"create", "delete", "list", "read", "sudo", "update"});
  CHECK(capability_names(s, {"p0"}, "stage/aws/test") == strings{"list", "read", "sudo", "update"});
}

TEST_CASE("an exact path beats a glob and the longest glob wins") {
  auto s = store_with({"path \"secret/*\" { capabilities = [\"read\", \"list\"] }\n"
                       "path \"secret/admin\" { capabilities = [\"update\"] }\n"
                       "path \"secret/admin/*\" { capabilities = [\"deny\"] }"});
  const std::vector<check_row> table = {
    {r, "secret/app", true, false},    {u, "secret/admin", true, false},
    {r, "secret/admin", false, false}, {r, "secret/admin/x", false, false},
    {l, "secret/", true, false},
  };
  check_table(s, {"p0"}, table);
}

TEST_CASE("one policy's rules: globs, legacy words, plus segments (acl_test.go TestACL_Single)") {
  auto s = store_with({acl_policy});
  const std::vector<check_row> table = {
    {r, "root", false, false},
    {r, "dev/foo", true, true},
    {u, "dev/foo", true, true},
    {d, "stage/foo", true, false},
    {l, "stage/aws/foo", true, true},
    {u, "stage/aws/foo", true, true},
    {u, "stage/aws/policy/foo", true, true},
    {d, "prod/foo", false, false},
    {u, "prod/foo", false, false},
    {r, "prod/foo", true, false},
    {l, "prod/foo", true, false},
    {r, "prod/aws/foo", false, false},
    {r, "foo/bar", true, true},
    {l, "foo/bar", false, true},
    {u, "foo/bar", false, true},
    {c, "foo/bar", true, true},
    {r, "baz/quux", true, false},
    {c, "baz/quux", true, false},
    {p, "baz/quux", true, false},
    {l, "baz/quux", false, false},
    {u, "baz/quux", false, false},
    // Path segment wildcards
    {r, "test/foo/bar/segment", false, false},
    {r, "test/foo/segment", true, false},
    {r, "test/bar/segment", true, false},
    {r, "test/segment/at/frond", false, false},
    {r, "test/segment/at/front", true, false},
    {r, "test/segment/at/end/foo", true, false},
    {r, "test/segment/at/end/foo/", false, false},
    {r, "test/segment/at/end/v2/foo/", true, false},
    {r, "test/segment/wildcard/at/foo/", true, false},
    {r, "test/segment/wildcard/at/end", true, false},
    {r, "test/segment/wildcard/at/end/", true, false},
    // Path segment wildcards vs glob
    {r, "1/2/3/4", false, false},
    {r, "1/2/3", true, false},
    {u, "1/2/3", false, false},
    {u, "1/2/3/4", true, false},
    {c, "1/2/3/4/5", true, false},
  };
  check_table(s, {"p0"}, table);
}

TEST_CASE(
  "deny in one policy overrides grants in another, in either order (acl_test.go TestACL_Layered)") {
  auto s = store_with({acl_policy, acl_policy2});
  const std::vector<check_row> table = {
    {r, "root", false, false},
    {r, "dev/foo", true, true},
    {u, "dev/foo", true, true},
    {r, "dev/hide/foo", false, false},
    {u, "dev/hide/foo", false, false},
    {d, "stage/foo", true, false},
    {l, "stage/aws/foo", true, true},
    {u, "stage/aws/foo", true, true},
    {u, "stage/aws/policy/foo", false, false},
    {d, "prod/foo", true, false}, // read from one policy, write from the other: merged
    {u, "prod/foo", true, false},
    {r, "prod/foo", true, false},
    {l, "prod/foo", true, false},
    {r, "prod/aws/foo", false, false},
    {r, "sys/status", false, false},
    {u, "sys/seal", true, true},
    {r, "foo/bar", false, false},
    {l, "foo/bar", false, false},
    {u, "foo/bar", false, false},
    {c, "foo/bar", false, false},
    {r, "baz/quux", false, false},
    {l, "baz/quux", false, false},
    {u, "baz/quux", false, false},
    {c, "baz/quux", false, false},
    {p, "baz/quux", false, false},
  };
  check_table(s, {"p0", "p1"}, table);
  check_table(s, {"p1", "p0"}, table);
}

TEST_CASE("capabilities of several policies on one path add up") {
  auto s = store_with({"path \"kv/app\" { capabilities = [\"read\"] }",
                       "path \"kv/app\" { capabilities = [\"update\"] }",
                       "path \"kv/*\" { capabilities = [\"list\"] }"});
  CHECK(capability_names(s, {"p0", "p1"}, "kv/app") == strings{"read", "update"});
  CHECK(capability_names(s, {"p0", "p1", "p2"}, "kv/app") ==
        strings{"read", "update"}); // exact wins
  CHECK(capability_names(s, {"p0", "p1", "p2"}, "kv/other") == strings{"list"});
}

TEST_CASE("the more specific wildcard wins (acl_test.go TestACL_SegmentWildcardPriority)") {
  struct row {
    std::string read_rule;
    std::string update_rule;
    std::string path;
  };
  const std::vector<row> table = {
    {"+/*", "*", "foo/bar/bar/baz"},                        // first wildcard position, then count
    {"+/*", "foo/+/*", "foo/bar/bar/baz"},                  // first wildcard position
    {"foo/+/+/*", "foo/+/bar/baz", "foo/bar/bar/baz"},      // more wildcard segments lose
    {"foo/+/+/baz", "foo/+/bar/baz", "foo/bar/bar/baz"},    // more wildcard segments lose
    {"foo/+/(ar/baz", "foo/(ar/+/baz", "foo/(ar/(ar/baz"},  // later first wildcard wins
    {"foo/bar/+/baz*", "foo/bar/+/baz", "foo/bar/bar/baz"}, // a glob loses to the same path
    {"foo/bar/+/b*", "foo/bar/+/ba*", "foo/bar/bar/baz"},   // a shorter prefix loses
  };
  for (const auto& t : table) {
    CAPTURE(t.read_rule, t.update_rule);
    auto s = store_with({"path \"" + t.read_rule + "\" { capabilities = [\"read\"] }\npath \"" +
                         t.update_rule + "\" { capabilities = [\"update\"] }"});
    CHECK(acl_allows(s, {"p0"}, t.path, capability::update));
    CHECK_FALSE(acl_allows(s, {"p0"}, t.path, capability::read));
  }
}

TEST_CASE("the tutorial policy gives sudo on auth/token/create but not on create-orphan") {
  auto s = store_with({"path \"auth/token/create\" {\n  capabilities = "
                       "[\"create\",\"read\",\"update\",\"delete\",\"list\",\"sudo\"]\n}"});
  CHECK(acl_allows(s, {"p0", "default"}, "auth/token/create", capability::sudo));
  CHECK_FALSE(acl_allows(s, {"p0", "default"}, "auth/token/create-orphan", capability::sudo));
  CHECK_FALSE(acl_allows(s, {"p0", "default"}, "auth/token/create-orphan", capability::update));
  CHECK(capability_names(s, {"p0"}, "auth/token/create") ==
        strings{"create", "delete", "list", "read", "sudo", "update"});
  CHECK(capability_names(s, {"p0"}, "auth/token/create-orphan") == strings{"deny"});
}

TEST_CASE("a list check of foo/ finds an exact rule for foo") {
  auto s = store_with({"path \"foo\" { capabilities = [\"list\", \"read\"] }"});
  CHECK(acl_allows(s, {"p0"}, "foo/", capability::list));
  CHECK_FALSE(acl_allows(s, {"p0"}, "foo/", capability::read));
  CHECK(capability_names(s, {"p0"}, "foo/") == strings{"list", "read"});
}

TEST_CASE("the policy store starts with default and root and lists root last") {
  policy_store s;
  CHECK(s.names() == strings{"default", "root"});
  CHECK(s.exists("root"));
  CHECK(s.exists(" Default "));
  CHECK(s.exists("response-wrapping")); // built in, but not listed
  CHECK_FALSE(s.exists("web"));
  REQUIRE(s.put("zeta", "path \"a\" { capabilities = [\"read\"] }").ok());
  REQUIRE(s.put("admin", "path \"a\" { capabilities = [\"read\"] }").ok());
  CHECK(s.names() == strings{"admin", "default", "zeta", "root"});
}

TEST_CASE("vault policy write lower-cases the name and warns about it") {
  policy_store s;
  auto w = s.put("Web", "path \"secret/*\" { capabilities = [\"read\"] }");
  REQUIRE(w.ok());
  CHECK(*w == strings{"policy name was converted to web"});
  REQUIRE(s.find("WEB") != nullptr);
  CHECK(s.find("WEB")->name == "web");
  CHECK(acl_allows(s, {"web"}, "secret/x", capability::read));
}

TEST_CASE("vault policy write accepts a base64-encoded policy") {
  policy_store s;
  // base64 of: path "a" { capabilities = ["read"] }
  REQUIRE(s.put("b64", "cGF0aCAiYSIgeyBjYXBhYmlsaXRpZXMgPSBbInJlYWQiXSB9").ok());
  CHECK(s.find("b64")->text == "path \"a\" { capabilities = [\"read\"] }");
  CHECK(acl_allows(s, {"b64"}, "a", capability::read));
}

TEST_CASE("vault policy write refuses with Vault's texts") {
  struct row {
    std::string name;
    std::string text;
    std::string error;
  };
  const std::string ok = "path \"a\" { capabilities = [\"read\"] }";
  const std::vector<row> table = {
    {"root", ok, "cannot update \"root\" policy"},
    {"ROOT", ok, "cannot update \"root\" policy"},
    {"response-wrapping", ok, "cannot update \"response-wrapping\" policy"},
    {"control-group", ok, "cannot update \"control-group\" policy"},
    {"", ok, "policy name must be provided in the URL"},
    {"web", "", "'policy' parameter not supplied or empty"},
    {"root", "path \"a\" { capabilities = [\"banana\"] }",
     "failed to parse policy: path \"a\": invalid capability \"banana\""},
  };
  policy_store s;
  for (const auto& t : table) {
    CAPTURE(t.name, t.text);
    auto w = s.put(t.name, t.text);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().status == 400);
    CHECK(w.error().message() == t.error);
  }
}

TEST_CASE("the default policy can be rewritten, root and default cannot be deleted") {
  policy_store s;
  REQUIRE(s.put("default", "path \"extra/*\" { capabilities = [\"read\"] }").ok());
  CHECK(acl_allows(s, {"default"}, "extra/x", capability::read));
  CHECK_FALSE(acl_allows(s, {"default"}, "auth/token/lookup-self", capability::read));
  CHECK(s.remove("root").error().message() == "cannot delete \"root\" policy");
  CHECK(s.remove("default").error().message() == "cannot delete default policy");
  REQUIRE(s.put("web", "path \"a\" { capabilities = [\"read\"] }").ok());
  CHECK(*s.remove("web"));
  CHECK_FALSE(*s.remove("web"));
  CHECK_FALSE(s.exists("web"));
}

TEST_CASE("a policy written again or deleted changes the ACL of the next check") {
  policy_store s;
  REQUIRE(s.put("web", "path \"a/*\" { capabilities = [\"read\"] }").ok());
  const std::vector<std::string> names{"default", "web"};
  CHECK(acl_allows(s, names, "a/x", capability::read));
  CHECK(acl_allows(s, names, "a/x", capability::read)); // the same names twice in a row
  CHECK_FALSE(acl_allows(s, {"default"}, "a/x", capability::read));
  CHECK(acl_allows(s, names, "a/x", capability::read)); // and back
  REQUIRE(s.put("web", "path \"b/*\" { capabilities = [\"update\"] }").ok());
  CHECK_FALSE(acl_allows(s, names, "a/x", capability::read));
  CHECK(acl_allows(s, names, "b/x", capability::update));
  const policy_store copy = s; // a copy checks as its original did
  REQUIRE(*s.remove("web"));
  CHECK_FALSE(acl_allows(s, names, "b/x", capability::update));
  CHECK(acl_allows(copy, names, "b/x", capability::update));
}

namespace {

// An entity as the identity store holds it: bob_smith with a userpass alias and metadata.
identity_entity bob_smith() {
  identity_entity e;
  e.id = "f9c8b2d5-0000-4000-8000-00000000b0b0";
  e.name = "bob_smith";
  e.metadata = std::map<std::string, std::string>{{"region", "us-west"}, {"team", ""}};
  entity_alias a;
  a.id = "alias-1";
  a.canonical_id = e.id;
  a.mount_accessor = "auth_userpass_0f1e2d3c";
  a.name = "bob";
  a.metadata = std::map<std::string, std::string>{{"shell", "zsh"}};
  e.aliases.push_back(a);
  return e;
}

} // namespace

TEST_CASE("templated paths are filled from the token's entity (the docs' per-entity kv paths)") {
  // Vault docs, Policies: Templated policies; vault/policy_store.go ACL re-parses a Templated
  // policy with the entity; vault/policy.go parsePaths.
  auto s = store_with({R"hcl(
path "secret/data/{{identity.entity.id}}/*" {
  capabilities = ["create", "update", "patch", "read", "delete"]
}
path "secret/metadata/{{identity.entity.id}}/*" {
  capabilities = ["list"]
}
path "secret/data/shared" {
  capabilities = ["read"]
}
)hcl"});
  const auto bob = bob_smith();
  const std::string own = "secret/data/" + bob.id + "/notes";
  CHECK(acl_allows(s, {"p0"}, own, capability::create, &bob));
  CHECK(acl_allows(s, {"p0"}, own, capability::patch, &bob));
  CHECK_FALSE(acl_allows(s, {"p0"}, own, capability::list, &bob));
  CHECK(acl_allows(s, {"p0"}, "secret/metadata/" + bob.id + "/", capability::list, &bob));
  CHECK(capability_names(s, {"p0"}, own, &bob) ==
        strings{"create", "delete", "patch", "read", "update"});
  // Another entity's path, and the template as written, match nothing.
  CHECK_FALSE(acl_allows(s, {"p0"}, "secret/data/someone-else/notes", capability::read, &bob));
  CHECK_FALSE(
    acl_allows(s, {"p0"}, "secret/data/{{identity.entity.id}}/notes", capability::read, &bob));
  // A token without an entity: ErrNoEntityAttachedToToken, the path is skipped; the plain path
  // still holds, with or without an entity.
  CHECK_FALSE(acl_allows(s, {"p0"}, own, capability::read));
  CHECK(capability_names(s, {"p0"}, own) == strings{"deny"});
  CHECK(acl_allows(s, {"p0"}, "secret/data/shared", capability::read));
  CHECK(acl_allows(s, {"p0"}, "secret/data/shared", capability::read, &bob));
  // hasMountAccess sees the filled paths: the kv preflight lets Bob in, not the entity-less token.
  CHECK(any_access_under(s, {"p0"}, "secret/", &bob));
  CHECK(any_access_under(s, {"p0"}, "secret/")); // secret/data/shared
  auto only_templated = store_with({"path \"secret/data/{{identity.entity.id}}/*\" "
                                    "{ capabilities = [\"read\"] }"});
  CHECK(any_access_under(only_templated, {"p0"}, "secret/", &bob));
  CHECK_FALSE(any_access_under(only_templated, {"p0"}, "secret/"));
}

TEST_CASE("an entity snapshot's ACL is remembered per snapshot and token policies, and "
          "forgotten when a policy changes") {
  auto s = store_with({"path \"n/{{identity.entity.name}}\" { capabilities = [\"read\"] }"});
  auto bob = std::make_shared<const identity_entity>(bob_smith());
  const auto first = s.compiled_for_token({"p0"}, bob);
  CHECK(first == s.compiled_for_token({"p0"}, bob)); // remembered, not filled again
  CHECK(acl_allows(*first, "n/bob_smith", capability::read));
  CHECK_FALSE(acl_allows(*first, "n/alice", capability::read));
  CHECK(s.compiled_for_token({"p0", "default"}, bob) != first); // other token policies
  // The entity's own policies join the token's.
  auto granting = bob_smith();
  granting.policies = {"p1"};
  auto with_p1 = std::make_shared<const identity_entity>(granting);
  auto s2 = store_with({"path \"n/{{identity.entity.name}}\" { capabilities = [\"read\"] }",
                        "path \"other/*\" { capabilities = [\"list\"] }"});
  CHECK(acl_allows(*s2.compiled_for_token({"p0"}, with_p1), "other/x", capability::list));
  CHECK_FALSE(acl_allows(*s2.compiled_for_token({"p0"}, bob), "other/x", capability::list));
  // A changed entity is a new snapshot: filled anew, from what it holds now.
  auto renamed = bob_smith();
  renamed.name = "alice";
  auto alice = std::make_shared<const identity_entity>(renamed);
  CHECK(acl_allows(*s.compiled_for_token({"p0"}, alice), "n/alice", capability::read));
  CHECK_FALSE(acl_allows(*s.compiled_for_token({"p0"}, alice), "n/bob_smith", capability::read));
  // A token without an entity: the template's path is dropped.
  CHECK_FALSE(acl_allows(*s.compiled_for_token({"p0"}, std::shared_ptr<const identity_entity>{}),
                         "n/bob_smith", capability::read));
  // Rewriting the policy forgets what was remembered: the snapshot's ACL is the new one.
  REQUIRE(s.put("p0", "path \"m/{{identity.entity.name}}\" { capabilities = [\"read\"] }"));
  const auto rewritten = s.compiled_for_token({"p0"}, bob);
  CHECK(acl_allows(*rewritten, "m/bob_smith", capability::read));
  CHECK_FALSE(acl_allows(*rewritten, "n/bob_smith", capability::read));
}

TEST_CASE("an entity that grants nothing leaves a token with plain policies its own ACL") {
  auto s = store_with({"path \"n/*\" { capabilities = [\"read\"] }",
                       "path \"m/*\" { capabilities = [\"list\"] }"});
  auto bob = std::make_shared<const identity_entity>(bob_smith());
  const auto own = s.compiled({"p0"});
  CHECK(s.compiled_for_token({"p0"}, bob) == own);
  CHECK(acl_allows(*own, "n/x", capability::read));
  // An entity that grants a policy joins it.
  auto granting = bob_smith();
  granting.policies = {"p1"};
  const auto joined =
    s.compiled_for_token({"p0"}, std::make_shared<const identity_entity>(granting));
  CHECK(joined == s.compiled({"p0", "p1"}));
  CHECK(acl_allows(*joined, "m/x", capability::list));
  CHECK_FALSE(acl_allows(*own, "m/x", capability::list));
}

TEST_CASE("each identity template fills as identitytpl.PopulateString in ACL mode, or drops its "
          "path") {
  const auto bob = bob_smith();
  struct row {
    std::string key;  // the policy path as written
    std::string path; // a request path
    bool allowed;     // read allowed with bob's entity
  };
  const std::vector<row> table = {
    {"n/{{identity.entity.name}}", "n/bob_smith", true},
    {"n/{{ identity.entity.name }}/x", "n/bob_smith/x", true}, // spaces trimmed
    {"m/{{identity.entity.metadata.region}}/*", "m/us-west/db", true},
    {"e/{{identity.entity.metadata.team}}/x", "e//x", true},     // an empty value fills
    {"m/{{identity.entity.metadata.missing}}/*", "m//x", false}, // ErrTemplateValueNotFound
    {"m/{{identity.entity.metadata}}", "m/", false},             // a whole map: not found
    {"a/{{identity.entity.aliases.auth_userpass_0f1e2d3c.name}}", "a/bob", true},
    {"a/{{identity.entity.aliases.auth_userpass_0f1e2d3c.id}}", "a/alias-1", true},
    {"a/{{identity.entity.aliases.auth_userpass_0f1e2d3c.metadata.shell}}", "a/zsh", true},
    {"a/{{identity.entity.aliases.auth_github_00000000.name}}", "a/bob", false}, // no alias
    {"a/{{identity.entity.aliases.auth_userpass_0f1e2d3c}}", "a/bob", false},    // no selector
    {"g/{{identity.entity.groups.names}}", "g/", false},
    {"g/{{identity.groups.names.dev.id}}", "g/", false}, // the lab has no groups
    {"t/{{time.now}}", "t/", false},                     // not modelled
    {"x/{{identity.entity.nope}}", "x/", false},
    {"two/{{identity.entity.name}}/{{identity.entity.metadata.region}}", "two/bob_smith/us-west",
     true},
  };
  for (const auto& t : table) {
    CAPTURE(t.key, t.path);
    auto s = store_with({"path \"" + t.key + "\" { capabilities = [\"read\"] }"});
    CHECK(acl_allows(s, {"p0"}, t.path, capability::read, &bob) == t.allowed);
    CHECK_FALSE(acl_allows(s, {"p0"}, t.path, capability::read)); // no entity: always dropped
  }
}

TEST_CASE("a filled template is a path like any other: Vault 1.14 keeps a `*` it puts in") {
  auto bob = bob_smith();
  (*bob.metadata)["region"] = "us-*";
  auto s = store_with({"path \"m/{{identity.entity.metadata.region}}\" "
                       "{ capabilities = [\"read\"] }"});
  // The filled key "m/us-*" ends in `*`: a prefix glob (the wildcard check came after 1.14).
  CHECK(acl_allows(s, {"p0"}, "m/us-east", capability::read, &bob));
  // A deny on the filled path beats another policy's grant, as for written paths.
  auto s2 = store_with({"path \"p/{{identity.entity.name}}\" { capabilities = [\"deny\"] }",
                        "path \"p/bob_smith\" { capabilities = [\"read\"] }"});
  CHECK_FALSE(acl_allows(s2, {"p0", "p1"}, "p/bob_smith", capability::read, &bob));
  CHECK(acl_allows(s2, {"p0", "p1"}, "p/bob_smith", capability::read));
}

TEST_CASE("the ACL follows the entity as it is at each request") {
  auto s = store_with({"path \"m/{{identity.entity.metadata.region}}/*\" "
                       "{ capabilities = [\"read\"] }"});
  auto bob = bob_smith();
  CHECK(acl_allows(s, {"p0"}, "m/us-west/x", capability::read, &bob));
  (*bob.metadata)["region"] = "eu-central";
  CHECK_FALSE(acl_allows(s, {"p0"}, "m/us-west/x", capability::read, &bob));
  CHECK(acl_allows(s, {"p0"}, "m/eu-central/x", capability::read, &bob));
  bob.metadata.reset();
  CHECK_FALSE(acl_allows(s, {"p0"}, "m/eu-central/x", capability::read, &bob));
  // Two entities filling alike share an ACL; one filling otherwise gets its own.
  auto alice = bob_smith();
  alice.id = "a11ce";
  alice.name = "alice";
  CHECK(acl_allows(s, {"p0"}, "m/us-west/x", capability::read, &alice));
  CHECK_FALSE(acl_allows(s, {"p0"}, "m/us-west/x", capability::read, &bob));
  // Rewriting the policy drops what was compiled for it.
  REQUIRE(s.put("p0", "path \"n/{{identity.entity.name}}\" { capabilities = [\"read\"] }").ok());
  CHECK(acl_allows(s, {"p0"}, "n/bob_smith", capability::read, &bob));
  CHECK_FALSE(acl_allows(s, {"p0"}, "m/us-west/x", capability::read, &alice));
}
