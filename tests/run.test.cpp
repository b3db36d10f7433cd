// End-to-end behaviour through the parser, the actors and the runner: the documented
// numbers, Vault's storage cost, revocation cascades, determinism.

#include "language/parser.hpp"
#include "reports/render.hpp"
#include "runner/runner.hpp"
#include "tests/run_text.test.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace tokenlab;
using tokenlab::test::failed;
using tokenlab::test::run_text;

namespace {

run_record run_file(const std::string& name) {
  auto parsed = load_scenario(std::string{TOKENLAB_SOURCE_DIR} + "/scenarios/" + name);
  if (auto err = std::get_if<parse_error>(&parsed))
    FAIL(err->render());
  return tokenlab::test::checked(run_scenario(std::get<scenario>(parsed)));
}

const vault_call_record& call_of(const run_record& r, size_t step) {
  REQUIRE(r.steps.at(step).call);
  return *r.steps.at(step).call;
}

const api_response& ok(const vault_call_record& c) {
  if (auto e = std::get_if<vault_error>(&c.result))
    FAIL("expected success, got " + e->message());
  return std::get<api_response>(c.result);
}

size_t count(const step_record& s, trace_kind k) {
  size_t n = 0;
  for (const auto& e : s.effects)
    n += e.kind == k ? 1 : 0;
  return n;
}

// The storage keys left after a run: every put minus every delete.
std::set<std::string> live_keys(const run_record& r) {
  std::set<std::string> keys;
  for (const auto& s : r.steps)
    for (const auto& e : s.effects) {
      if (e.kind == trace_kind::storage_put)
        keys.insert(e.subject);
      if (e.kind == trace_kind::storage_delete)
        keys.erase(e.subject);
    }
  return keys;
}


} // namespace

SCENARIO("the bundled scenarios hold every documented expectation") {
  auto name = GENERATE(
    as<std::string>{}, "renewal/renew-capped-by-max-ttl-6h-9h.vlab", "max-ttl/mount-tune-shrinks-max-ttl-7157.vlab",
    "max-ttl/mount-tune-shrinks-max-ttl-7157-modern.vlab", "leases/parent-revocation-kills-aws-leases.vlab");
  CAPTURE(name);
  auto r = run_file(name);
  CHECK(failed(r) == 0);
}

SCENARIO("a token renewed at 6h with increment 9h under a 10h max gets 4h and the cap warning") {
  auto r = run_text("vault auth tune -max-lease-ttl=10h token/\n"
                    "vault token create -policy=default -ttl=8h => t\n"
                    "advance 6h\n"
                    "vault token renew -increment=9h $t\n");
  const auto& renew = ok(call_of(r, 3));
  REQUIRE(renew.auth);
  CHECK(renew.auth->lease_duration == 14400);
  CHECK(
    renew.warnings ==
    std::vector<std::string>{
      "TTL of \"9h\" exceeded the effective max_ttl of \"4h\"; TTL value is capped accordingly"});
  REQUIRE(count(r.steps[3], trace_kind::token_renewed) == 1);
}

SCENARIO("auth/token tuned to 2h caps a default-TTL token renewed 43 s later at 7157 s") {
  auto r = run_text("vault token create -policy=default => t\n"
                    "vault auth tune -max-lease-ttl=2h token/\n"
                    "advance 43s\n"
                    "vault token renew $t\n"
                    "at 2h\n");
  const auto& renew = ok(call_of(r, 3));
  CHECK(renew.auth->lease_duration == 7157);
  CHECK(renew.warnings ==
        std::vector<std::string>{"TTL of \"768h\" exceeded the effective max_ttl of \"1h59m17s\"; "
                                 "TTL value is capped accordingly"});
  CHECK(count(r.steps[4], trace_kind::token_expired) == 1);
  CHECK(r.steps[4].effects.front().at == sim_time{std::chrono::hours{2}});
}

SCENARIO("creating a child service token costs 4 storage writes, an orphan 3, a batch token 0, "
         "a user's first login also writes its new entity") {
  auto r = run_text("vault token create -policy=default\n"
                    "vault token create -policy=default -orphan\n"
                    "vault token create -policy=default -type=batch\n"
                    "vault token create -policy=default -type=batch -orphan\n"
                    "vault auth enable userpass\n"
                    "vault write auth/userpass/users/a password=p\n"
                    "vault write auth/userpass/users/b password=p token_type=batch\n"
                    "vault login -method=userpass username=a password=p\n"
                    "vault login -method=userpass username=b password=p\n");
  CHECK(count(r.steps[0], trace_kind::storage_put) == 4);
  CHECK(count(r.steps[1], trace_kind::storage_put) == 3);
  CHECK(count(r.steps[2], trace_kind::storage_put) == 0);
  CHECK(count(r.steps[3], trace_kind::storage_put) == 0);
  // Each user's first login creates its entity: one write of the entity's storage bucket,
  // whatever the token's type.
  CHECK(count(r.steps[7], trace_kind::storage_put) == 3 + 1);
  CHECK(count(r.steps[8], trace_kind::storage_put) == 0 + 1);
  CHECK(count(r.steps[2], trace_kind::token_created) == 1);
  CHECK(count(r.steps[8], trace_kind::token_created) == 1);
}

SCENARIO("a lease read with a batch token costs 2 writes, indexed under its parent, an orphan "
         "batch token's lease 1") {
  auto r = run_text("vault secrets enable aws\n"
                    "vault write aws/config/root access_key=A secret_key=S region=us-east-1\n"
                    "vault write aws/roles/r credential_type=iam_user policy_arns=x\n"
                    "vault policy write reader - <<EOF\n"
                    "path \"aws/creds/r\" {\n  capabilities = [\"read\"]\n}\nEOF\n"
                    "vault token create -type=batch -policy=reader => child\n"
                    "vault token create -type=batch -orphan -policy=reader => lone\n"
                    "VAULT_TOKEN=$child vault read aws/creds/r\n"
                    "VAULT_TOKEN=$lone vault read aws/creds/r\n");
  const auto& child_read = r.steps.at(6);
  const auto& lone_read = r.steps.at(7);
  // The lease entry and the parent's token-lease index; for the orphan only the lease.
  auto puts_under = [&](const step_record& s, const std::string& prefix) {
    size_t n = 0;
    for (const auto& e : s.effects)
      if (e.kind == trace_kind::storage_put && e.subject.rfind(prefix, 0) == 0)
        ++n;
    return n;
  };
  CHECK(puts_under(child_read, "sys/expire/id/aws/creds/r/") == 1);
  CHECK(puts_under(child_read, "sys/expire/token/") == 1);
  CHECK(puts_under(lone_read, "sys/expire/id/aws/creds/r/") == 1);
  CHECK(puts_under(lone_read, "sys/expire/token/") == 0);
}

SCENARIO(
  "revoking a tree with leases leaves no token, no lease, no credential and no storage entry") {
  auto r = run_text("vault secrets enable aws\n"
                    "vault write aws/roles/r credential_type=iam_user\n"
                    "vault token create -ttl=1h => a\n"
                    "VAULT_TOKEN=$a vault token create -ttl=2h => b\n"
                    "VAULT_TOKEN=$b vault token create -ttl=3h => c\n"
                    "VAULT_TOKEN=$a vault read aws/creds/r => ca\n"
                    "VAULT_TOKEN=$b vault read aws/creds/r => cb\n"
                    "VAULT_TOKEN=$c vault read aws/creds/r => cc\n"
                    "VAULT_TOKEN=$c vault read aws/creds/r => cc2\n"
                    "vault token revoke $a\n");
  const auto& revoke = r.steps.back();
  CHECK(count(revoke, trace_kind::token_revoked) == 3);
  CHECK(count(revoke, trace_kind::lease_revoked) == 4);
  CHECK(count(revoke, trace_kind::credential_deleted) == 4);
  // Children before parents: c, then b, then a.
  std::vector<std::string> order;
  for (const auto& e : revoke.effects)
    if (e.kind == trace_kind::token_revoked)
      order.push_back(e.subject);
  auto token = [&](size_t step) { return std::string{ok(call_of(r, step)).auth->client_token()}; };
  CHECK(order == std::vector<std::string>{token(4), token(3), token(2)});
  // Only the root token's own entries remain.
  for (const auto& k : live_keys(r))
    CHECK(k.rfind("sys/token/", 0) != 0);
}

SCENARIO("a token that expires takes its children and leases with it, at its expiry") {
  auto r = run_text("vault secrets enable aws\n"
                    "vault write aws/roles/r credential_type=iam_user\n"
                    "vault token create -ttl=1h => parent\n"
                    "VAULT_TOKEN=$parent vault token create -ttl=5h => child\n"
                    "VAULT_TOKEN=$child vault read aws/creds/r => creds\n"
                    "advance 2h\n"
                    "expect token $child revoked\n"
                    "expect token $parent expired\n"
                    "expect lease $creds revoked\n"
                    "expect credential $creds.access_key deleted\n");
  CHECK(failed(r) == 0);
  for (const auto& e : r.steps[5].effects)
    CHECK(e.at == sim_time{std::chrono::hours{1}});
}

SCENARIO("a token with only the default policy may not read AWS credentials") {
  auto r = run_text("vault secrets enable aws\n"
                    "vault write aws/roles/r credential_type=iam_user\n"
                    "vault token create -policy=default => t\n"
                    "VAULT_TOKEN=$t vault read aws/creds/r\n");
  auto err = std::get<vault_error>(call_of(r, 3).result);
  CHECK(err.status == 403);
  CHECK(err.message() == "permission denied");
}

SCENARIO("an expired token is a bad token for lookup and is not found for renewal") {
  auto r = run_text("vault token create -policy=default -ttl=60s => t\n"
                    "advance 61s\n"
                    "vault token lookup $t\n"
                    "vault token renew $t\n"
                    "VAULT_TOKEN=$t vault token lookup\n");
  auto lookup = std::get<vault_error>(call_of(r, 2).result);
  CHECK((lookup.status == 403 && lookup.message() == "bad token"));
  auto renew = std::get<vault_error>(call_of(r, 3).result);
  CHECK((renew.status == 400 && renew.message() == "token not found"));
  auto self = std::get<vault_error>(call_of(r, 4).result);
  CHECK((self.status == 403 && self.message() == "permission denied"));
}

SCENARIO("the same scenario and seed give byte-identical reports, in every format") {
  auto file = GENERATE(as<std::string>{}, "leases/parent-revocation-kills-aws-leases.vlab",
                       "max-ttl/mount-tune-shrinks-max-ttl-7157.vlab");
  auto fmt = GENERATE(report_format::text, report_format::markdown, report_format::json);
  auto a = render_reports({run_file(file)}, fmt);
  auto b = render_reports({run_file(file)}, fmt);
  CHECK(a == b);
}

SCENARIO("a different seed gives different token IDs") {
  auto a = run_text("seed 1\nvault token create\n");
  auto b = run_text("seed 2\nvault token create\n");
  CHECK(ok(call_of(a, 0)).auth->client_token() != ok(call_of(b, 0)).auth->client_token());
}
