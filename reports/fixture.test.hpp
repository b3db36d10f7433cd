#pragma once
// A hand-built run record for the report tests: the documented 6h + 9h renewal (PR #1375).
// Server max 10h; a token is created at t+0s, renewed with -increment=9h at t+6h (capped
// to 4h), and expires at t+10h. Every value is spelled out, so the snapshots below depend
// on the renderers only.

#include "model/token_entry.hpp"
#include "reports/run_record.hpp"

#include <chrono>
#include <string>
#include <utility>

namespace tokenlab::fixture {

using namespace std::chrono_literals;

inline const std::string token = "hvs.nCwMAHonqaMiyqRi0liT8Lee";
inline const std::string accessor = "ntL634hzE0CtQnyCIqkxSa82";
inline const std::string root = "hvs.RootTokenOfTheLab00000";

inline sim_time at(sim_duration d) {
  return sim_time{d};
}

inline trace_event event(std::uint64_t seq, sim_duration t, trace_kind k, std::string subject,
                         std::string related = {}, trace_cause cause = trace_cause::none) {
  trace_event e;
  e.seq = seq;
  e.at = at(t);
  e.kind = k;
  e.cause = cause;
  e.subject = std::move(subject);
  e.related = std::move(related);
  return e;
}

/// The auth block of a create or renew response for the fixture token.
inline auth_block token_auth(std::int64_t lease_seconds) {
  auth_block a;
  a.set_client_token(token);
  auto& t = a.own_token();
  t.accessor = accessor;
  t.policies = {"default"};
  a.lease_duration = lease_seconds;
  a.renewable = true;
  return a;
}

inline system_view system_view_10h() {
  system_view v;
  v.mount = "auth/token/";
  v.default_lease_ttl = 10h;
  v.max_lease_ttl = 10h;
  return v;
}

inline ttl_decision creation_decision() {
  ttl_decision d;
  d.ttl = 10h;
  d.view = system_view_10h();
  d.max_ttl = 10h;
  d.basis = ttl_basis::system_default;
  d.requested = 10h;
  d.deadline = at(10h);
  d.remaining = 10h;
  return d;
}

inline ttl_decision renewal_decision() {
  ttl_decision d;
  d.ttl = 4h;
  d.warnings = {
    "TTL of \"9h\" exceeded the effective max_ttl of \"4h\"; TTL value is capped accordingly"};
  d.view = system_view_10h();
  d.max_ttl = 10h;
  d.basis = ttl_basis::increment;
  d.requested = 9h;
  d.now = at(6h);
  d.deadline = at(10h);
  d.remaining = 4h;
  d.capped = true;
  return d;
}

inline std::vector<trace_event> storage(std::uint64_t first_seq, sim_duration t, trace_kind k) {
  std::vector<trace_event> out;
  const char* keys[] = {"sys/token/id/h0a1b2c3", "sys/token/accessor/a0a1b2c3",
                        "sys/token/parent/p0d4e5f6/h0a1b2c3",
                        "sys/expire/id/auth/token/create/h0a1b2c3"};
  for (const char* k_ : keys)
    out.push_back(event(first_seq++, t, k, k_));
  return out;
}

inline run_record renewal_run() {
  run_record run;
  run.file = "renew-capped.tlab";
  run.title = "Renewal is capped by the max TTL";
  run.sources = {"https://github.com/hashicorp/vault/pull/1375"};
  run.seed = 7;
  run.epoch_unix = 1704067200;
  run.config.default_lease_ttl = 10h;
  run.config.max_lease_ttl = 10h;

  step_record create;
  create.loc = {"renew-capped.tlab", 5, 1};
  create.text = "vault token create -policy=default => t1";
  create.kind = step_kind::vault;
  vault_call_record c;
  c.resolved = "vault token create -policy=default";
  c.method = "POST";
  c.path = "auth/token/create";
  c.error_verb = "creating token";
  c.shape = output_shape::auth;
  c.caller = root;
  api_response r;
  r.request_id = "6e0c4b0a-8bf1-4f8e-9a0e-4b1f2c3d4e5f";
  r.auth = token_auth(36000);
  c.result = r;
  create.call = c;
  create.effects.push_back(event(1, 0h, trace_kind::token_created, token, root));
  create.effects.back().ttl = creation_decision();
  for (auto& e : storage(2, 0h, trace_kind::storage_put))
    create.effects.push_back(e);
  run.steps.push_back(create);

  step_record wait;
  wait.loc = {"renew-capped.tlab", 6, 1};
  wait.text = "advance 6h";
  wait.kind = step_kind::time;
  wait.at = at(6h);
  run.steps.push_back(wait);

  step_record note;
  note.loc = {"renew-capped.tlab", 7, 1};
  note.text = "note The token is 6h old; 4h remain before its max TTL.";
  note.kind = step_kind::note;
  note.from = note.at = at(6h);
  note.note = "The token is 6h old; 4h remain before its max TTL.";
  run.steps.push_back(note);

  step_record renew;
  renew.loc = {"renew-capped.tlab", 8, 1};
  renew.text = "vault token renew -increment=9h $t1 => r";
  renew.kind = step_kind::vault;
  renew.from = renew.at = at(6h);
  vault_call_record rc = c;
  rc.resolved = "vault token renew -increment=9h " + token;
  rc.method = "PUT";
  rc.path = "auth/token/renew";
  rc.error_verb = "renewing token";
  api_response rr;
  rr.request_id = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
  rr.warnings = renewal_decision().warnings;
  rr.auth = token_auth(14400);
  rc.result = rr;
  renew.call = rc;
  renew.effects.push_back(event(6, 6h, trace_kind::token_renewed, token));
  renew.effects.back().ttl = renewal_decision();
  renew.effects.push_back(
    event(7, 6h, trace_kind::storage_put, "sys/expire/id/auth/token/create/h0a1b2c3"));
  run.steps.push_back(renew);

  step_record expect_ttl;
  expect_ttl.loc = {"renew-capped.tlab", 9, 1};
  expect_ttl.text = "expect r.ttl == 4h";
  expect_ttl.kind = step_kind::expect;
  expect_ttl.from = expect_ttl.at = at(6h);
  expect_ttl.expectations.push_back({"r.ttl == 4h", true, "4h", false, std::nullopt, ""});
  run.steps.push_back(expect_ttl);

  step_record expire;
  expire.loc = {"renew-capped.tlab", 10, 1};
  expire.text = "advance 4h";
  expire.kind = step_kind::time;
  expire.from = at(6h);
  expire.at = at(10h);
  expire.effects.push_back(event(8, 10h, trace_kind::timer_fired, token));
  expire.effects.push_back(
    event(9, 10h, trace_kind::token_expired, token, {}, trace_cause::ttl_expired));
  expire.effects.push_back(
    event(10, 10h, trace_kind::token_revoked, token, {}, trace_cause::ttl_expired));
  for (auto& e : storage(11, 10h, trace_kind::storage_delete))
    expire.effects.push_back(e);
  run.steps.push_back(expire);

  step_record expect_state;
  expect_state.loc = {"renew-capped.tlab", 11, 3};
  expect_state.text = "expect token $t1 valid";
  expect_state.kind = step_kind::expect;
  expect_state.from = expect_state.at = at(10h);
  expect_state.expectations.push_back({"token $t1 valid", false, "expired", false, std::nullopt, ""});
  run.steps.push_back(expect_state);
  return run;
}

} // namespace tokenlab::fixture
