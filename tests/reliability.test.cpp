// Inputs at the edges of what the lab can hold: they run right or are refused, never
// answered wrongly in silence.

#include "language/parser.hpp"
#include "reports/render.hpp"
#include "runner/invariants.hpp"
#include "runner/runner.hpp"
#include "tests/run_text.test.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using tokenlab::test::failed;
using tokenlab::test::run_text;

SCENARIO("a TTL that ends past the lab's clock never fires, however the clock gets there") {
  // Go's largest Duration is 2562047h47m16.854775807s; from t+1h its end is past what CAF's
  // nanosecond clock holds. The token must stay valid to the end of the lab's time, not wrap
  // around and expire at once.
  auto r = run_text("config default_lease_ttl=768h max_lease_ttl=2562047h\n"
                    "vault auth tune -max-lease-ttl=2562047h token/\n"
                    "advance 1h\n"
                    "vault token create -ttl=2562047h => t\n"
                    "expect t.ttl == 2562047h\n"
                    "expect token $t valid\n"
                    "at 2499999h\n"
                    "expect token $t valid\n"
                    "at 2500000h\n"
                    "expect token $t valid\n");
  CHECK(failed(r) == 0);
}

SCENARIO("a TTL that ends just inside the lab's clock fires at its instant") {
  auto r = run_text("config default_lease_ttl=768h max_lease_ttl=2562047h\n"
                    "vault auth tune -max-lease-ttl=2562047h token/\n"
                    "at 2000000h\n"
                    "vault token create -ttl=499999h => t\n"
                    "at 2499998h\n"
                    "expect token $t valid\n"
                    "at 2499999h\n"
                    "expect token $t expired\n");
  CHECK(failed(r) == 0);
}

SCENARIO("a report keeps the scenario's text from driving the terminal or breaking a table") {
  const auto r = run_text("note \"clear \x1b[2J now\"\n"
                          "vault secrets enable -path='aws|2' aws\n"
                          "vault write aws|2/roles/r credential_type=iam_user\n"
                          "vault read aws|2/creds/r\n");
  const std::string text = render_reports({r}, report_format::text);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("clear \\x1b[2J now") != std::string::npos);
  const std::string md = render_reports({r}, report_format::markdown);
  CHECK(md.find("| leases of `aws\\|2/` (1 live) | 1 | 0 | 0 | 0 |\n") != std::string::npos);
}

// The invariant checker reads the runner's real trace: the events of a run carry what it
// needs, and a trace changed by one second no longer passes.
SCENARIO("the invariant checker holds a real run's trace to its numbers") {
  auto r = run_text("vault secrets enable aws\n"
                    "vault write aws/config/root access_key=A secret_key=S region=us-east-1\n"
                    "vault write aws/roles/app credential_type=iam_user policy_arns=x\n"
                    "vault token create -ttl=1h => p\n"
                    "VAULT_TOKEN=$p vault token create -ttl=2h => c\n"
                    "VAULT_TOKEN=$p vault read aws/creds/app => l\n"
                    "advance 30m\n"
                    "vault token renew -increment=20m $p\n"
                    "advance 1h\n"
                    "expect token $c revoked\n");
  REQUIRE(failed(r) == 0);
  REQUIRE(r.violations.empty());
  auto replay = [&](auto&& change) {
    invariant_checker c;
    std::vector<invariant_violation> out;
    std::size_t i = 0;
    for (const auto& s : r.steps) {
      auto effects = s.effects;
      for (auto& e : effects)
        change(e);
      c.feed(effects, s.at, s.loc, i++, out);
    }
    return out;
  };
  CHECK(replay([](trace_event&) {}).empty());
  // The renewed parent ends at t+50m; had the renewal said t+51m, its expiry would be early.
  auto late = replay([](trace_event& e) {
    if (e.kind == trace_kind::token_renewed)
      e.expires = *e.expires + std::chrono::minutes{1};
  });
  REQUIRE(!late.empty());
  CHECK(late.front().invariant == "ttl-within-max");
  CHECK(late.back().invariant == "expires-on-time");
  CHECK(late.back().render().find("test.vlab:9: step 9 at t+50m: invariant expires-on-time broken: "
                                  "token hvs.") == 0);
  // Without the child's revocation, the child would outlive its parent.
  auto orphan = replay([](trace_event& e) {
    if (e.kind == trace_kind::token_revoked && e.cause == trace_cause::parent_revoked)
      e.kind = trace_kind::token_used;
  });
  REQUIRE(!orphan.empty());
  CHECK(orphan.front().invariant == "child-dies-with-parent");
}

// Found by the invariant checker (ttl-within-max: "it never expires, though its deadline is
// t+768h"): a token whose CalculateTTL came out negative was kept as a token that never
// expires. In Vault its lease ends before it was issued, and it is revoked at once.
SCENARIO("a token given a negative TTL by a tuned default is expired at once, not kept forever") {
  auto r = run_text("vault write sys/auth/token/tune default_lease_ttl=-1\n"
                    "vault token create -policy=default => t\n"
                    "expect t.auth.lease_duration == -1\n"
                    "VAULT_TOKEN=$t vault token lookup => l\n"
                    "expect l.status == 403\n"
                    "advance 1s\n"
                    "expect token $t expired\n");
  CHECK(failed(r) == 0);
  CHECK(r.violations.empty());
}
