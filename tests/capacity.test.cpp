// The capacity lab: a fleet of simulated clients replays the reference workload
// (docs/performance.md) through the lab's actors, and its counts equal the reference lines.

#include "language/parser.hpp"
#include "reports/summary.hpp"
#include "runner/runner.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace tokenlab;

namespace {

// The reference workload's Vault set-up, then a fleet of `clients` over 15h.
std::string workload(int clients, const std::string& user, const std::string& fleet_extra) {
  return "seed 1\n"
         "vault policy write app - <<EOF\n"
         "path \"aws/creds/app\" {\n  capabilities = [\"read\"]\n}\nEOF\n"
         "vault auth enable userpass\n"
         "vault write auth/userpass/users/pod password=pw policies=app " +
         user +
         "\n"
         "vault secrets enable aws\n"
         "vault write aws/config/root access_key=A secret_key=S region=us-east-1\n"
         "vault write aws/roles/app credential_type=iam_user policy_arns=x\n"
         "vault secrets tune -default-lease-ttl=1h aws\n"
         "fleet clients=" +
         std::to_string(clients) +
         " until=15h login=auth/userpass/login/pod login.password=pw read=aws/creds/app " +
         fleet_extra + " => f\nadvance 15h\n";
}

run_record run_text(const std::string& text) {
  auto parsed = parse_scenario_text(text, "capacity.vlab");
  if (auto err = std::get_if<parse_error>(&parsed))
    FAIL(err->render());
  return run_scenario(std::get<scenario>(parsed));
}

const std::vector<std::string>& fleet_lines(const run_record& r) {
  REQUIRE(r.fleets.size() == 1);
  REQUIRE(r.fleets.front().lines.size() == 3);
  return r.fleets.front().lines;
}

} // namespace

// The sanitizer build runs these small fleets; the optimised build also runs the reference
// workload's exact counts (TOKENLAB_LONG_TESTS), which take minutes under ASan.
SCENARIO("a small fleet's counts add up as the workload's rules say", "[capacity]") {
  auto r = run_text(workload(100, "token_ttl=30m token_max_ttl=2h", "renew=30m"));
  const auto count = [&](const std::string& line, const std::string& key) {
    const auto at = line.find(" " + key + "=");
    REQUIRE(at != std::string::npos);
    return std::stoll(line.substr(at + key.size() + 2));
  };
  const auto& lines = fleet_lines(r);
  CHECK(count(lines[0], "N") == 100);
  CHECK(count(lines[0], "peak_live_tokens") == 100);
  // Every start logs in, and so does every relogin after an expiry.
  CHECK(count(lines[0], "logins") == count(lines[1], "starts") + count(lines[1], "relogins"));
  CHECK(count(lines[1], "relogins") == count(lines[1], "tok_expired"));
  // Each exit revokes its token; one container per slot is still running at the end.
  CHECK(count(lines[1], "tok_revoked") == count(lines[1], "exits"));
  CHECK(count(lines[1], "starts") - count(lines[1], "exits") == 100);
  CHECK(count(lines[1], "live_tokens_end") == 100);
  CHECK(count(lines[0], "events") == count(lines[1], "starts") + count(lines[1], "ticks") +
                                       count(lines[1], "exits") + count(lines[1], "tok_expired") +
                                       count(lines[1], "lease_expired"));
  CHECK(r.steps.back().effects.empty());
}

SCENARIO("once a fleet's horizon has passed, the lab traces again", "[capacity]") {
  auto text = workload(20, "token_ttl=30m token_max_ttl=2h", "renew=30m");
  text.insert(text.find('\n') + 1, "vault token create -ttl=20h => before\n"); // after `seed`
  text += "vault token create -ttl=10m => after\n"
                    "vault token revoke $after\n"
                    "expect token $after revoked\n"
                    "expect token $before valid\n"
                    "advance 5h\n"
                    "expect token $before expired\n";
  auto r = run_text(text);
  REQUIRE(r.tally);
  // The steps after the horizon list their effects again...
  const auto& created = r.steps[r.steps.size() - 6];
  REQUIRE(created.effects.size() > 0);
  CHECK(created.effects.front().kind == trace_kind::token_created);
  // ...the lab knows the states of the new token and of one made before the fleet...
  for (const auto& step : r.steps)
    for (const auto& x : step.expectations)
      CHECK((x.passed ? "" : x.text + ": " + x.actual) == std::string{});
  CHECK(r.steps.back().expectations.size() == 1);
  // ...and the summary counts the revocation and the expiry, on top of what the fleet counted.
  const auto s = summarize(r);
  CHECK(s.tokens_revoked == r.tally->tokens_revoked + 1);
  CHECK(s.tokens_expired == r.tally->tokens_expired + 1);
  // The fleet's own tokens, which expire after the horizon, are not listed: the last 5h
  // list the expiry of the token made before the fleet, and nothing else.
  std::string before;
  for (const auto& [id, label] : r.names)
    if (label == "before")
      before = id;
  REQUIRE(!before.empty());
  const auto& later = r.steps[r.steps.size() - 2].effects;
  CHECK(std::count_if(later.begin(), later.end(), [](const trace_event& e) {
          return e.kind == trace_kind::token_expired;
        }) == 1);
  for (const auto& ev : later)
    if (ev.kind != trace_kind::storage_put && ev.kind != trace_kind::storage_delete)
      CHECK(ev.subject == before);
  CHECK(r.violations.empty());
}

SCENARIO("a fleet's requests leave the request IDs a scenario shows as they are", "[capacity]") {
  // The same command after the same set-up, with and without a fleet before it: a fleet's
  // requests are counted, and their answers draw no ID, so the core's stream is where it was.
  auto shown_id = [](std::string text) {
    text += "vault token create -ttl=1h -format=json\n";
    auto r = run_text(text);
    REQUIRE(r.steps.back().call);
    const auto& result = r.steps.back().call->result;
    REQUIRE(std::holds_alternative<api_response>(result));
    return std::get<api_response>(result).request_id;
  };
  auto with_fleet = workload(20, "token_ttl=30m token_max_ttl=2h", "renew=30m");
  auto without = with_fleet.substr(0, with_fleet.find("fleet "));
  const auto id = shown_id(without);
  CHECK(id.size() == 36);
  CHECK(shown_id(with_fleet) == id);
}

SCENARIO("a small fleet with batch tokens stores no token and gives every login a lease",
         "[capacity]") {
  auto r = run_text(workload(100, "token_type=batch token_ttl=2h", "renew=none"));
  const auto& lines = fleet_lines(r);
  CHECK(lines[0].find(" renewals=0 capped_renewals=0 ") != std::string::npos);
  CHECK(lines[0].find(" peak_live_tokens=0 ") != std::string::npos);
  REQUIRE(r.tally);
  CHECK(r.tally->storage.count("sys/token/id/") == 0);
  CHECK(r.tally->storage.count("sys/token/accessor/") == 0);
  CHECK(r.tally->storage.count("sys/expire/token/") == 0);
  CHECK(lines[2].rfind("LAB batch_tokens=", 0) == 0);
  CHECK(lines[2].find(" service_tokens=0 ") != std::string::npos);
}

SCENARIO("the same fleet and seed give the same counts, run after run", "[capacity]") {
  const auto text = workload(100, "token_ttl=30m token_max_ttl=2h", "renew=30m");
  const auto first = fleet_lines(run_text(text));
  CHECK(fleet_lines(run_text(text)) == first);
  // Another seed is another workload.
  auto other = text;
  other.replace(0, 6, "seed 2");
  CHECK(fleet_lines(run_text(other))[0] != first[0]);
}

#ifdef TOKENLAB_LONG_TESTS
SCENARIO("the reference workload at N=1000 gives the reference counts, line for line",
         "[capacity][long]") {
  auto r = run_text(workload(1000, "token_ttl=30m token_max_ttl=2h", "renew=30m"));
  const auto& lines = fleet_lines(r);
  CHECK(lines[0] == "COUNTS N=1000 H_ms=54000000 seed=1 logins=17624 renewals=34158 "
                    "capped_renewals=2935 expiries=8101 revocations=25425 storage_writes=155804 "
                    "peak_live_tokens=1000 events=74480");
  CHECK(lines[1] == "DETAIL starts=15597 ticks=36185 exits=14597 relogins=2027 tok_expired=2027 "
                    "lease_expired=6074 tok_revoked=14597 lease_revoked=10828 "
                    "live_tokens_end=1000 live_leases_end=722 peak_live_leases=1000");
  // Vault's own layout: 3 keys per login token, 2 per lease, 1 per renewal, a mark per
  // revoked or expired token, and the entity of the clients' one user, written at the first
  // login (the set-up's 3 writes are traced, not counted here).
  CHECK(lines[2] == "LAB batch_tokens=0 service_tokens=17624 secret_leases=17624 "
                    "vault_storage_writes=138903 vault_storage_deletes=83676 model_events=376240 "
                    "failed_renewals=0 errors=0");
  // No per-event effects are kept while a fleet runs; the summary takes the counts.
  CHECK(r.steps.back().effects.empty());
  REQUIRE(r.tally);
  CHECK(r.tally->tokens_created == 17624);
}

SCENARIO("the same fleet with batch tokens logs in as often and stores no token", "[capacity][long]") {
  auto r = run_text(workload(1000, "token_type=batch token_ttl=2h", "renew=none"));
  const auto& lines = fleet_lines(r);
  CHECK(lines[0].find(" logins=17624 renewals=0 capped_renewals=0 ") != std::string::npos);
  CHECK(lines[0].find(" peak_live_tokens=0 ") != std::string::npos);
  CHECK(lines[1].find("starts=15597 ticks=36185 exits=14597 relogins=2027 tok_expired=0 ") == 7);
  // One write per lease, and the entity of the clients' user at the first login.
  CHECK(lines[2].rfind("LAB batch_tokens=17624 service_tokens=0 secret_leases=17624 "
                       "vault_storage_writes=17625 ",
                       0) == 0);
  REQUIRE(r.tally);
  CHECK(r.tally->storage.count("sys/token/id/") == 0);
  CHECK(r.tally->storage.count("sys/token/accessor/") == 0);
  // An orphan batch token's lease has its entry and no token index.
  CHECK(r.tally->storage.count("sys/expire/token/") == 0);
}

SCENARIO("the reference workload at N=10000 gives the reference counts", "[capacity][long]") {
  auto r = run_text(workload(10000, "token_ttl=30m token_max_ttl=2h", "renew=30m"));
  const auto& lines = fleet_lines(r);
  CHECK(lines[0] == "COUNTS N=10000 H_ms=54000000 seed=1 logins=175501 renewals=341512 "
                    "capped_renewals=29505 expiries=81051 revocations=252696 "
                    "storage_writes=1552764 peak_live_tokens=10000 events=743022");
}
#endif
