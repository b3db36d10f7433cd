// Leases, secrets engines and auth methods end to end: a lease never outlives its token,
// lease operations answer with Vault's texts, logins give orphans through their mount.

#include "language/parser.hpp"
#include "runner/runner.hpp"
#include "tests/run_text.test.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace tokenlab;
using tokenlab::test::failed;
using tokenlab::test::run_text;

namespace {

vault_error failure(const run_record& r, size_t step) {
  REQUIRE(r.steps.at(step).call);
  if (!std::holds_alternative<vault_error>(r.steps[step].call->result))
    FAIL("step " << step << " succeeded");
  return std::get<vault_error>(r.steps[step].call->result);
}

// What the run left alive: leases created and not revoked, credentials created and not deleted.
std::pair<std::set<std::string>, std::set<std::string>> survivors(const run_record& r) {
  std::set<std::string> leases, credentials;
  for (const auto& s : r.steps)
    for (const auto& e : s.effects) {
      if (e.kind == trace_kind::lease_created)
        leases.insert(e.subject);
      if (e.kind == trace_kind::lease_revoked)
        leases.erase(e.subject);
      if (e.kind == trace_kind::credential_created)
        credentials.insert(e.subject);
      if (e.kind == trace_kind::credential_deleted)
        credentials.erase(e.subject);
    }
  return {leases, credentials};
}

const char* engines =
  "vault secrets enable aws\n"
  "vault write aws/roles/r credential_type=iam_user\n"
  "vault secrets enable database\n"
  "vault write database/config/pg plugin_name=postgresql-database-plugin "
  "connection_url=postgresql://db:5432/app allowed_roles=ro\n"
  "vault write database/roles/ro db_name=pg creation_statements=x default_ttl=24h\n";

} // namespace

SCENARIO("no lease and no credential outlives a revoked tree of tokens, whatever the engine") {
  auto r = run_text(std::string{engines} + "vault token create -ttl=8h => a\n"
                                           "VAULT_TOKEN=$a vault token create -ttl=8h => b\n"
                                           "VAULT_TOKEN=$b vault token create -ttl=8h => c\n"
                                           "VAULT_TOKEN=$a vault read aws/creds/r\n"
                                           "VAULT_TOKEN=$b vault read database/creds/ro\n"
                                           "VAULT_TOKEN=$c vault read aws/creds/r\n"
                                           "VAULT_TOKEN=$c vault read database/creds/ro\n"
                                           "vault token revoke $a\n");
  auto [leases, credentials] = survivors(r);
  CHECK(leases.empty());
  CHECK(credentials.empty());
}

SCENARIO("no lease outlives a login token that expires, though the lease's own TTL is longer") {
  auto r =
    run_text(std::string{engines} +
             "vault policy write reader - <<EOF\n"
             "path \"aws/creds/*\" { capabilities = [\"read\"] }\n"
             "path \"database/creds/*\" { capabilities = [\"read\"] }\n"
             "EOF\n"
             "vault auth enable userpass\n"
             "vault write auth/userpass/users/u password=p token_ttl=1h token_policies=reader\n"
             "vault login -method=userpass username=u password=p => u\n"
             "vault read aws/creds/r => c1\n"
             "vault read database/creds/ro => c2\n"
             "vault login $root\n"
             "advance 1h\n"
             "expect lease $c1 revoked\n"
             "expect lease $c2 revoked\n");
  CHECK(failed(r) == 0);
  auto [leases, credentials] = survivors(r);
  CHECK(leases.empty());
  CHECK(credentials.empty());
}

SCENARIO("auth methods cannot create root tokens") {
  auto r = run_text("vault auth enable userpass\n"
                    "vault write auth/userpass/users/u password=p token_policies=root\n"
                    "vault login -method=userpass username=u password=p\n");
  auto err = failure(r, 2);
  CHECK(err.message() == "auth methods cannot create root tokens");
}

SCENARIO("lease operations fail with Vault's texts") {
  struct row {
    const char* steps;
    int status;
    const char* message;
  };
  auto c = GENERATE(values<row>({
    {"vault lease lookup aws/creds/r/nope\n", 400, "invalid lease"},
    {"vault lease renew aws/creds/r/nope\n", 400, "lease not found"},
    // A token's lease that does not exist is no lease at all (Renew: le.renewable() first).
    {"vault token create => t\nvault lease renew auth/token/create/h0123\n", 400,
     "lease not found"},
  }));
  CAPTURE(c.steps);
  auto r = run_text(c.steps);
  auto err = failure(r, r.steps.size() - 1);
  CHECK(err.status == c.status);
  CHECK(err.message() == c.message);
}

SCENARIO("a lease renewal counts the increment from now and the max from the lease's issue time") {
  auto r = run_text(std::string{engines} +
                    "vault secrets tune -max-lease-ttl=2h aws\n"
                    "vault read aws/creds/r => c\n"
                    "advance 1h30m\n"
                    "vault lease renew -increment=1h $c => r1\n"
                    "expect r1.lease_duration == 30m\n"
                    "expect r1.warnings contains \"TTL of \\\"1h\\\" exceeded the effective "
                    "max_ttl of \\\"30m\\\"\"\n"
                    "vault lease lookup $c => l\n"
                    "expect l.ttl == 30m\n"
                    "advance 30m\n"
                    "expect lease $c expired\n");
  CHECK(failed(r) == 0);
}

SCENARIO("a mount's tune reads back as its effective TTLs, and tuning an auth method keeps Vault "
         "answering") {
  auto r = run_text("vault secrets enable aws\n"
                    "vault secrets tune -max-lease-ttl=1h aws\n"
                    "vault read sys/mounts/aws/tune => a\n"
                    "vault auth enable userpass\n"
                    "vault auth tune -default-lease-ttl=2h userpass/\n"
                    "vault read sys/auth/userpass/tune => u\n"
                    "vault read sys/mounts/auth/token/tune => t\n"
                    "expect a.max_lease_ttl == 1h\n"
                    "expect a.default_lease_ttl == 768h\n"
                    "expect u.default_lease_ttl == 2h\n"
                    "expect t.description == \"token based credentials\"\n");
  CHECK(failed(r) == 0);
}

SCENARIO("the sys/leases API written directly does what the lease commands do") {
  auto r =
    run_text(std::string{engines} + "vault read aws/creds/r => c\n"
                                    "vault write sys/leases/lookup lease_id=$c => l\n"
                                    "advance 1h\n"
                                    "vault write sys/leases/renew lease_id=$c increment=1800 => n\n"
                                    "vault write sys/leases/revoke lease_id=$c => v\n"
                                    "expect l.ttl == 768h\n"
                                    "expect n.lease_duration == 30m\n"
                                    "expect v.status == 204\n"
                                    "expect lease $c revoked\n");
  CHECK(failed(r) == 0);
}

SCENARIO("a token's lease ID is salted as TokenStore.SaltID salts: HMAC with a dot, SHA1 without") {
  auto r = run_text("vault token create -ttl=1h => hvs\n"
                    "vault token create -id=custom-token -ttl=1h => custom\n"
                    "vault list sys/leases/lookup/auth/token/create/ => l\n");
  REQUIRE(r.steps.at(2).call);
  const auto& listed = std::get<api_response>(r.steps[2].call->result);
  const auto& keys = std::get<std::vector<std::string>>(listed.data->at("keys"));
  REQUIRE(keys.size() == 2);
  std::set<std::size_t> lengths;
  for (const auto& k : keys) {
    lengths.insert(k.size());
    CHECK(k.find_first_not_of("0123456789abcdefh") == std::string::npos);
  }
  // hvs.…: "h" + 64 hex digits (HMAC-SHA256); custom-token: 40 hex digits (SHA1 of salt + ID).
  CHECK(lengths == std::set<std::size_t>{40, 65});
}

SCENARIO("expect lease on a token's lease ID says what became of its token, as vault lease "
         "lookup finds it") {
  const std::string setup = "vault token create -ttl=1m => t\n";
  auto listed = run_text(setup + "vault list sys/leases/lookup/auth/token/create/ => l\n");
  const auto& keys = std::get<std::vector<std::string>>(
    std::get<api_response>(listed.steps.at(1).call->result).data->at("keys"));
  REQUIRE(keys.size() == 1);
  const std::string lease = "auth/token/create/" + keys[0];

  auto expired = run_text(setup + "expect lease " + lease + " valid\n" +
                          "vault lease lookup " + lease + " => live\n" + "advance 1m\n" +
                          "expect lease " + lease + " expired\n" + "vault lease lookup " + lease +
                          " => gone\n");
  CHECK(failed(expired) == 0);
  CHECK(std::holds_alternative<api_response>(expired.steps.at(2).call->result));
  CHECK(failure(expired, 5).message() == "invalid lease");

  auto revoked = run_text(setup + "vault token revoke $t\nexpect lease " + lease + " revoked\n");
  CHECK(failed(revoked) == 0);
  // A lease ID no token ever had stays unknown.
  auto unknown = run_text(setup + "expect lease " + lease + "x valid\n");
  REQUIRE(failed(unknown) == 1);
  CHECK(unknown.steps.at(1).expectations.at(0).actual == "unknown");
}

SCENARIO("sys/mounts/<path> enables a mount with its options as vault secrets enable does, "
         "the options kv does not read, and a missing type, are refused") {
  auto r = run_text("vault write sys/mounts/l type=kv options=leased_passthrough=true\n"
                    "vault write l/app pass=x ttl=1h\n"
                    "vault read l/app => a\n"
                    "vault write sys/mounts/o type=kv options=foo=bar\n"
                    "vault write sys/mounts/n options=version=1\n"
                    "vault write sys/mounts/v type=kv-v1 options=leased_passthrough=yes\n"
                    "vault write v/app pass=x ttl=1h\n"
                    "vault read v/app => b\n");
  const auto* leased = std::get_if<api_response>(&r.steps.at(2).call->result);
  REQUIRE(leased);
  CHECK(leased->lease_id.rfind("l/app/", 0) == 0);
  CHECK(leased->lease_duration == 3600);
  CHECK(leased->renewable);
  CHECK(failure(r, 3) ==
        vault_error::invalid("the mount option foo is not modelled by tokenlab yet"));
  CHECK(failure(r, 4) == vault_error::invalid("backend type must be specified as a string"));
  // leased_passthrough is compared with "true" exactly: anything else is a plain kv v1.
  const auto* plain = std::get_if<api_response>(&r.steps.at(7).call->result);
  REQUIRE(plain);
  CHECK(plain->lease_id.empty());
  CHECK(plain->lease_duration == 3600);
}
