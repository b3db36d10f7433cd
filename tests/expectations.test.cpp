// End-to-end: what expectations read from named results (lengths, absence, map entries,
// another result's field, a token response's top-level fields), and what a `vault` step
// echoes and prints when arguments look like flags.

#include "language/parser.hpp"
#include "reports/cli_output.hpp"
#include "runner/runner.hpp"
#include "tests/run_text.test.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using tokenlab::test::run_text;

namespace {

// Each expectation of the run, as "PASS text" or "FAIL text (actual)".
std::vector<std::string> verdicts(const run_record& r) {
  std::vector<std::string> out;
  for (const auto& s : r.steps)
    for (const auto& x : s.expectations)
      out.push_back((x.passed ? "PASS " : "FAIL ") + x.text + (x.passed ? "" : " (" + x.actual + ")"));
  return out;
}

// The verdicts of the expectations that failed.
std::vector<std::string> failures(const run_record& r) {
  std::vector<std::string> out;
  for (const auto& v : verdicts(r))
    if (v.rfind("FAIL", 0) == 0)
      out.push_back(v);
  return out;
}

const vault_call_record& call_at(const run_record& r, std::size_t step) {
  REQUIRE(r.steps.at(step).call);
  return *r.steps.at(step).call;
}

} // namespace

SCENARIO("an expectation reads a list's length, a map's entries and a field's absence") {
  auto r = run_text("vault token create -policy=default -policy=dev -metadata=role_name=app => t\n"
                    "expect t.policies.length == 2\n"
                    "expect t.identity_policies.length == 0\n"
                    "expect t.warnings.length == 1\n"
                    "expect t.token.length == 28\n"
                    "expect t.token_meta_role_name == \"app\"\n"
                    "expect t.metadata.role_name == \"app\"\n"
                    "expect t.auth.metadata.role_name == \"app\"\n"
                    "expect t.token_meta_team absent\n"
                    "vault token lookup $t => l\n"
                    "expect l.meta.role_name == \"app\"\n"
                    "expect l.data.meta.length == 1\n"
                    "expect l.period absent\n"
                    "expect l.meta present\n"
                    "expect l.ttl.length == 1\n"
                    "expect l.period present\n"
                    "expect l.meta.team == \"web\"\n");
  CHECK(verdicts(r) ==
        std::vector<std::string>{
          "PASS expect t.policies.length == 2",
          "PASS expect t.identity_policies.length == 0",
          "PASS expect t.warnings.length == 1", // policy "dev" does not exist
          "PASS expect t.token.length == 28",
          "PASS expect t.token_meta_role_name == \"app\"",
          "PASS expect t.metadata.role_name == \"app\"",
          "PASS expect t.auth.metadata.role_name == \"app\"",
          "PASS expect t.token_meta_team absent",
          "PASS expect l.meta.role_name == \"app\"",
          "PASS expect l.data.meta.length == 1",
          "PASS expect l.period absent",
          "PASS expect l.meta present",
          "FAIL expect l.ttl.length == 1 (\"ttl\" is 2764800, which has no length)",
          "FAIL expect l.period present (absent)",
          "FAIL expect l.meta.team == \"web\" (the result has no field \"meta.team\")",
        });
}

SCENARIO("a token response's top-level lease_duration and renewable are the API JSON's") {
  auto r = run_text("vault token create -policy=default -ttl=1h => t\n"
                    "expect t.lease_duration == 0\n"
                    "expect t.renewable == false\n"
                    "expect t.token_duration == 1h\n"
                    "expect t.ttl == 1h\n"
                    "expect t.token_renewable == true\n"
                    "expect t.auth.renewable == true\n"
                    "vault token lookup $t => l\n"
                    "expect l.renewable == true\n"
                    "expect l.lease_duration == 0\n");
  CHECK(failures(r).empty());
  CHECK(verdicts(r).size() == 8);
}

SCENARIO("an expectation compares with another result's field, read when it runs") {
  auto r = run_text("vault token create -policy=default => a\n"
                    "vault token create -policy=default => b\n"
                    "vault token lookup -accessor $a.accessor => l\n"
                    "expect l.accessor == $a.accessor\n"
                    "expect l.accessor != $b.accessor\n"
                    "expect l.policies == $a.policies\n"
                    "expect l.ttl <= $a.ttl\n"
                    "expect l.display_name contains $a.type\n"
                    "expect l.id == $a\n"
                    "vault token revoke $a => gone\n"
                    "vault token lookup $a => failed\n"
                    "expect l.accessor == $failed.accessor\n");
  CHECK(verdicts(r) ==
        std::vector<std::string>{
          "PASS expect l.accessor == $a.accessor",
          "PASS expect l.accessor != $b.accessor",
          "PASS expect l.policies == $a.policies",
          "PASS expect l.ttl <= $a.ttl",
          "FAIL expect l.display_name contains $a.type (\"token\"; $a.type is \"service\")",
          "FAIL expect l.id == $a (\"\"; $a is \"" +
            std::string{std::get<api_response>(call_at(r, 0).result).auth->client_token()} + "\")",
          "FAIL expect l.accessor == $failed.accessor ($failed.accessor: the step failed (bad "
          "token), so it has no field \"accessor\")",
        });
}

SCENARIO("the report echoes each reference's value, and a $ in '...' as written") {
  auto r = run_text("vault secrets enable kv\n"
                    "vault token create -policy=default => t\n"
                    "vault write kv/x a=$t b='$t' c=\"$t.accessor\" d=x$t => w\n"
                    "vault read kv/x => x\n"
                    "expect x.a == $t\n"
                    "expect x.b == \"$t\"\n"
                    "expect x.d == \"x$t\"\n");
  const auto& t = *std::get<api_response>(call_at(r, 1).result).auth;
  CHECK(call_at(r, 2).resolved == "vault write kv/x a=" + std::string{t.client_token()} +
                                    " b='$t' c=\"" + std::string{t.accessor()} + "\" d=x$t");
  CHECK(failures(r).empty());
}

SCENARIO("arguments that look like flags draw the CLI's warning before its output") {
  auto r = run_text("vault write auth/token/create policies=default -ttl=1h => late\n"
                    "expect late.token_duration == 768h\n"
                    "expect late.warnings contains \"Endpoint ignored these unrecognized "
                    "parameters: [-ttl]\"\n"
                    "vault write auth/token/create policies=default -format=json => json\n"
                    "expect json.warnings contains \"[-format]\"\n");
  CHECK(failures(r).empty());
  const std::string out = render_cli_output(call_at(r, 0));
  CHECK(out.rfind("Command flags must be provided before positional arguments. The following "
                  "arguments will not be parsed as flags: [-ttl=1h]\nWARNING! The following "
                  "warnings were returned from Vault:\n",
                  0) == 0);
  const auto& json = call_at(r, 3);
  CHECK(json.json);
  CHECK(json.flag_warning.empty()); // -format is a global flag
  CHECK(render_cli_output(json).rfind("{\n", 0) == 0);
}

SCENARIO("a userpass login sends the password alone, as the CLI's handler does") {
  auto r = run_text("vault auth enable userpass\n"
                    "vault write auth/userpass/users/alice password=pw token_ttl=1h\n"
                    "vault login -method=userpass username=alice password=pw -path=elsewhere "
                    "colour=red => li\n"
                    "expect li.token_duration == 1h\n"
                    "expect li.warnings.length == 0\n");
  CHECK(failures(r).empty());
  CHECK(call_at(r, 2).path == "auth/userpass/login/alice");
}
