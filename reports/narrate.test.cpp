#include "reports/narrate.hpp"

#include "reports/fixture.test.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;
using namespace std::chrono_literals;
using fixture::at;

namespace {

system_view token_mount(sim_duration def, ttl_source def_src, sim_duration max,
                        ttl_source max_src) {
  system_view v;
  v.mount = "auth/token/";
  v.default_lease_ttl = def;
  v.default_source = def_src;
  v.max_lease_ttl = max;
  v.max_source = max_src;
  return v;
}

} // namespace

TEST_CASE("the 6h + 9h renewal explains why it got 4h", "[narrate]") {
  CHECK(explain_ttl(fixture::renewal_decision(), trace_kind::token_renewed) ==
        "why 4h: max_ttl 10h (system config) from start t+0s → deadline t+10h; now t+6h, "
        "remaining 4h; requested 9h (increment) → capped to 4h");
}

TEST_CASE("a renewal after a 2h tune explains the 7157 seconds", "[narrate]") {
  ttl_decision d;
  d.view = token_mount(768h, ttl_source::system_config, 2h, ttl_source::mount_tune);
  d.ttl = secs(7157);
  d.max_ttl = 2h;
  d.basis = ttl_basis::backend_ttl;
  d.requested = 768h;
  d.now = at(43s);
  d.deadline = at(2h);
  d.remaining = secs(7157);
  d.capped = true;
  CHECK(explain_ttl(d, trace_kind::token_renewed) ==
        "why 1h59m17s: max_ttl 2h (auth/token/ tune) from start t+0s → deadline t+2h; "
        "now t+43s, remaining 1h59m17s; requested 768h (last granted TTL) → capped to 1h59m17s");
}

TEST_CASE("an explicit max caps a token's first TTL", "[narrate]") {
  ttl_decision d;
  d.view = token_mount(768h, ttl_source::system_config, 768h, ttl_source::system_config);
  d.ttl = 10min;
  d.max_ttl = 10min;
  d.max_from = max_basis::explicit_max;
  d.basis = ttl_basis::backend_ttl;
  d.requested = 1h;
  d.deadline = at(10min);
  d.remaining = 10min;
  d.capped = true;
  CHECK(explain_ttl(d, trace_kind::token_created) ==
        "why 10m: max_ttl 10m (explicit_max_ttl) from now t+0s → deadline t+10m; "
        "requested 1h (requested ttl) → capped to 10m");
  CHECK(explain_ttl(d, trace_kind::lease_created).find("requested 1h (backend TTL)") !=
        std::string::npos);
}

TEST_CASE("a batch token's cap: a new lease's why keeps the TTL it shows, a renewal's is cut",
          "[narrate]") {
  ttl_decision d;
  d.view = token_mount(768h, ttl_source::system_config, 768h, ttl_source::system_config);
  d.view.mount = "aws/";
  d.ttl = 768h;
  d.max_ttl = 768h;
  d.basis = ttl_basis::system_default;
  d.requested = 768h;
  d.deadline = at(768h);
  d.token_cap = token_expiry_cap{at(20min), 20min, false};
  CHECK(explain_ttl(d, trace_kind::lease_created) ==
        "why 768h: max_ttl 768h (system config) from now t+0s → deadline t+768h; requested 768h "
        "(default lease TTL from system config) → not capped; the lease itself ends with its "
        "batch token at t+20m, 20m from now (lease lookup shows it)");
  d.token_cap->in_response = true;
  CHECK(explain_ttl(d, trace_kind::lease_renewed).rfind("why 20m: ", 0) == 0);
  CHECK(explain_ttl(d, trace_kind::lease_renewed)
          .find("its batch token expires at t+20m → cut to "
                "20m") != std::string::npos);
}

TEST_CASE("a periodic renewal ignores the increment and has no deadline", "[narrate]") {
  ttl_decision d;
  d.view = token_mount(768h, ttl_source::system_config, 768h, ttl_source::system_config);
  d.ttl = 1h;
  d.max_ttl = 768h;
  d.basis = ttl_basis::period;
  d.requested = 1h;
  d.now = at(5h);
  CHECK(explain_ttl(d, trace_kind::token_renewed) ==
        "why 1h: period 1h within max_ttl 768h (system config), increment ignored; "
        "no deadline without explicit_max_ttl");
}

TEST_CASE("a period above a tuned max is capped to it", "[narrate]") {
  ttl_decision d;
  d.view = token_mount(768h, ttl_source::system_config, 1h, ttl_source::mount_tune);
  d.ttl = 1h;
  d.warnings = {"period of \"2h\" exceeded the effective max_ttl of \"1h\"; period value is capped "
                "accordingly"};
  d.max_ttl = 1h;
  d.basis = ttl_basis::period;
  d.requested = 1h;
  d.capped = true;
  CHECK(explain_ttl(d, trace_kind::token_created) ==
        "why 1h: period capped to max_ttl 1h (auth/token/ tune); "
        "no deadline without explicit_max_ttl");
}

TEST_CASE("a periodic token with an explicit max dies at its deadline", "[narrate]") {
  ttl_decision d;
  d.view = token_mount(768h, ttl_source::system_config, 768h, ttl_source::system_config);
  d.ttl = 30min;
  d.max_ttl = 3h;
  d.max_from = max_basis::explicit_max;
  d.basis = ttl_basis::period;
  d.requested = 1h;
  d.now = at(2h + 30min);
  d.deadline = at(3h);
  d.remaining = 30min;
  d.capped = true;
  CHECK(explain_ttl(d, trace_kind::token_renewed) ==
        "why 30m: period 1h within max_ttl 3h (explicit_max_ttl), increment ignored; "
        "explicit_max_ttl 3h from start t+0s → deadline t+3h; now t+2h30m, remaining 30m "
        "→ capped to 30m");
}

TEST_CASE("a token's default TTL names where the default came from", "[narrate]") {
  ttl_decision d = fixture::creation_decision();
  d.view.default_source = ttl_source::mount_tune;
  CHECK(explain_ttl(d, trace_kind::token_created) ==
        "why 10h: max_ttl 10h (system config) from now t+0s → deadline t+10h; "
        "requested 10h (default lease TTL from auth/token/ tune) → not capped");
}

TEST_CASE("effects read as what happened to tokens, leases and credentials", "[narrate]") {
  using fixture::event;
  CHECK(describe_effect(
          event(7, 2h, trace_kind::token_expired, "hvs.X", {}, trace_cause::ttl_expired)) ==
        "#7 t+2h token_expired hvs.X (TTL reached)");
  CHECK(describe_effect(event(8, 2h, trace_kind::lease_revoked, "aws/creds/deploy/abc", "hvs.X",
                              trace_cause::owner_revoked)) ==
        "#8 t+2h lease_revoked aws/creds/deploy/abc (owner token hvs.X revoked)");
  CHECK(describe_effect(event(3, 0h, trace_kind::token_created, "hvs.O")) ==
        "#3 t+0s token_created hvs.O (orphan)");
  CHECK(describe_effect(
          event(4, 1h, trace_kind::token_revoked, "hvs.C", "hvs.P", trace_cause::parent_revoked)) ==
        "#4 t+1h token_revoked hvs.C (parent hvs.P revoked)");
  CHECK(
    describe_effect(event(5, 1h, trace_kind::token_revoked, "hvs.P", {}, trace_cause::request)) ==
    "#5 t+1h token_revoked hvs.P (revoked by request)");
  trace_event deleted = event(9, 2h, trace_kind::credential_deleted, "vault-token-deploy-1");
  deleted.credential = credential_facts{credential_facts::type::iam_user, "AKIA0001", {}, 0};
  CHECK(describe_effect(deleted) == "#9 t+2h credential_deleted vault-token-deploy-1 (IAM user "
                                    "and its access key AKIA0001 deleted)");
  trace_event created = event(2, 0h, trace_kind::lease_created, "aws/creds/deploy/abc", "hvs.X");
  CHECK(describe_effect(created) ==
        "#2 t+0s lease_created aws/creds/deploy/abc (owner token hvs.X)");
}

TEST_CASE("an effect's facts are worded by the report, not by the actor", "[narrate]") {
  using fixture::event;
  using type = credential_facts::type;
  auto made = event(1, 0h, trace_kind::credential_created, "vault-token-app-1");
  made.credential = credential_facts{type::iam_user, "AKIA0001", {}, 0};
  CHECK(effect_detail(made) == "IAM user with access key AKIA0001");
  made.credential = credential_facts{type::sts, "ASIA0002", "assumed_role", 900};
  CHECK(effect_detail(made) ==
        "STS credentials (assumed_role) with access key ASIA0002, valid at AWS for 900s");
  made.credential = credential_facts{type::database_user, {}, {}, 0};
  CHECK(effect_detail(made) == "database user vault-token-app-1");
  auto dropped = event(2, 1h, trace_kind::credential_deleted, "v-token-app-1");
  dropped.credential = credential_facts{type::database_user, {}, {}, 0};
  CHECK(describe_effect(dropped) ==
        "#2 t+1h credential_deleted v-token-app-1 (database user dropped)");
  auto used = event(3, 0h, trace_kind::token_used, "hvs.U");
  for (auto [left, words] :
       {std::pair{3, "3 uses left"}, std::pair{1, "1 use left"}, std::pair{-1, "its last use"}}) {
    used.uses_left = left;
    CHECK(effect_detail(used) == words);
  }
  // A tune's effect is worded here from its facts: the effective TTLs with their sources,
  // and an auth method's token type.
  auto tuned = event(4, 0h, trace_kind::mount_tuned, "auth/userpass/");
  tune_facts facts;
  facts.view.default_lease_ttl = 1h;
  facts.view.default_source = ttl_source::mount_tune;
  facts.view.max_lease_ttl = 768h;
  tuned.tune = facts;
  CHECK(effect_detail(tuned) == "effective default_lease_ttl 1h (mount tune), max_lease_ttl "
                                "768h (system config)");
  facts.token_type = "batch";
  tuned.tune = facts;
  CHECK(effect_detail(tuned) == "effective default_lease_ttl 1h (mount tune), max_lease_ttl "
                                "768h (system config), token_type batch");
  // A batch token's creation says it is sealed, not stored; a service token's says nothing.
  auto batch = event(5, 0h, trace_kind::token_created, "hvb.AAAAAQKx");
  CHECK(effect_detail(batch) == "a batch token: sealed with the barrier key, nothing stored");
  CHECK(effect_detail(event(6, 0h, trace_kind::token_created, "hvs.CAES")).empty());
}

TEST_CASE("a step's storage is summarised in one line grouped by prefix", "[narrate]") {
  const auto step = fixture::renewal_run().steps.front();
  CHECK(storage_line(step.effects) ==
        "storage: 4 writes (sys/expire/id/ 1, sys/token/accessor/ 1, sys/token/id/ 1, "
        "sys/token/parent/ 1), 0 deletes");
  CHECK(storage_line({}).empty());
}

TEST_CASE("a time step shows the interval the clock moved", "[narrate]") {
  const auto run = fixture::renewal_run();
  CHECK(step_time(run.steps[1]) == "t+0s → t+6h");
  CHECK(step_time(run.steps[3]) == "t+6h");
}
