#include "runner/runner.hpp"

#include "actors/alarm.hpp"
#include "actors/core.hpp"
#include "actors/fleet.hpp"
#include "actors/storage.hpp"
#include "actors/token_store.hpp"
#include "clock/caf_driver.hpp"
#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/ids.hpp"
#include "model/replication.hpp"
#include "model/root_generation.hpp"
#include "model/texts.hpp"
#include "reports/narrate.hpp"
#include "runner/cli_calls.hpp"
#include "runner/fields.hpp"
#include "runner/fleet_report.hpp"
#include "runner/generate_root_cli.hpp"
#include "runner/invariants.hpp"

#include <caf/all.hpp>

#include <algorithm>
#include <map>

namespace tokenlab {

namespace {

// One simulated Vault dev server and the client session that talks to it.
class world {
public:
  world(const scenario& sc, const run_options& options)
    : sc_(sc)
    , progress_(options.progress)
    , check_(options.check_invariants) {
    sim_context& ctx = ctx_;
    ctx.epoch = driver_.epoch();
    ctx.epoch_unix = sc.epoch_unix;
    ctx.seed = sc.seed;
    ctx.github = std::make_shared<const github_world>(sc.github);
    id_source salt{sc.seed, static_cast<id_stream>(99)};
    ctx.salt_key = salt.base62(32);
    ctx.counter = std::make_shared<trace_counter>();
    auto& sys = driver_.system();
    tracer_ = sys.spawn(tracer_actor);
    ctx.tracer = tracer_;
    alarm_ = start_alarm(sys, ctx);
    storage_ = sys.spawn(storage_actor, ctx);
    ctx.storage = storage_;
    store_ = sys.spawn(token_store_actor, ctx, sc.config);
    core_ = sys.spawn(core_actor, ctx, sc.config, store_);
    if (sc.cluster.secondary) {
      // A performance-replication secondary: its own token store, leases and storage (all
      // local to a cluster), the primary's barrier keyring (replicated), other IDs.
      sim_context second = ctx;
      second.seed = sc.seed ^ 0x5EC0DA27ULL;
      second.barrier_seed = sc.seed;
      second.counter = std::make_shared<trace_counter>();
      second.tracer = secondary_tracer_ = sys.spawn(tracer_actor);
      second.storage = secondary_storage_ = sys.spawn(storage_actor, second);
      secondary_store_ = sys.spawn(token_store_actor, second, sc.config);
      secondary_ = sys.spawn(core_actor, second, sc.config, secondary_store_);
      secondary_root_ = ask<std::string>(secondary_, entry_atom::value);
    }
    config_ = sc.config;
    root_ = ask<std::string>(core_, entry_atom::value);
    token_ = root_;
    labels_[root_] = "root";
    // The dev server's own start-up (root token) is not part of any step.
    check(take_effects(), source_loc{sc.file, 0, 0}, 0);
  }

  ~world() {
    // Timers hold their receivers; stop everything explicitly (spawned children are linked).
    if (fleet_)
      caf::anon_send_exit(fleet_->actor, caf::exit_reason::user_shutdown);
    if (alarm_)
      caf::anon_send_exit(alarm_, caf::exit_reason::user_shutdown);
    for (auto* a : {&core_, &secondary_})
      if (*a)
        caf::anon_send_exit(*a, caf::exit_reason::user_shutdown);
    for (auto* s : {&store_, &secondary_store_})
      if (*s)
        caf::anon_send_exit(*s, caf::exit_reason::user_shutdown);
    for (auto* t : {&tracer_, &secondary_tracer_})
      if (*t)
        caf::anon_send_exit(*t, caf::exit_reason::user_shutdown);
    for (auto* s : {&storage_, &secondary_storage_})
      if (*s)
        caf::anon_send_exit(*s, caf::exit_reason::user_shutdown);
    driver_.drain();
  }

  run_record run() {
    run_record rec;
    rec.file = sc_.file;
    rec.title = sc_.title;
    rec.sources = sc_.sources;
    rec.seed = sc_.seed;
    rec.epoch_unix = sc_.epoch_unix;
    rec.config = sc_.config;
    for (const auto& s : sc_.steps) {
      step_index_ = rec.steps.size();
      rec.steps.push_back(run_step(s));
    }
    rec.names = std::move(labels_);
    rec.violations = std::move(violations_);
    if (fleet_) {
      rec.tally = counted();
      rec.fleets.push_back(fleet_record{fleet_->name, fleet_lines(fleet_data())});
    }
    return rec;
  }

private:
  // Sends a request and runs the simulation until its answer is in (nothing runs unpumped
  // on the testing scheduler). Every request here is answered in the same virtual instant.
  template <class T, class Handle, class... Ts>
  std::optional<T> ask_opt(const Handle& dest, Ts&&... xs) {
    return driver_.ask<T>(dest, std::forward<Ts>(xs)...);
  }

  template <class T, class Handle, class... Ts>
  T ask(const Handle& dest, Ts&&... xs) {
    auto out = ask_opt<T>(dest, std::forward<Ts>(xs)...);
    return out ? std::move(*out) : T{};
  }

  std::vector<trace_event> take_effects() {
    return ask<std::vector<trace_event>>(tracer_, take_atom::value);
  }

  // The value an argument stands for: its literal, or the named result's main value or field.
  std::optional<field_value> resolve_value(const arg& a, std::string& why) {
    if (!a.is_ref())
      return field_value{a.literal};
    if (a.ref_name == "root" && a.ref_field.empty())
      return field_value{root_};
    if (a.ref_name == "unseal_key" && a.ref_field.empty())
      return field_value{rootgen::dev_unseal_key(sc_.seed)};
    auto n = names_.find(a.ref_name);
    if (n == names_.end()) {
      why = "$" + a.ref_name + " names no result";
      return std::nullopt;
    }
    if (a.ref_field.empty()) {
      auto v = main_value(n->second, why);
      if (!v) {
        why = "$" + a.ref_name + ": " + why;
        return std::nullopt;
      }
      return field_value{*v};
    }
    return result_field(n->second, a.ref_field, why);
  }

  std::optional<std::string> resolve(const arg& a, std::string& why) {
    auto v = resolve_value(a, why);
    if (!v)
      return std::nullopt;
    if (auto s = std::get_if<std::string>(&*v))
      return *s;
    return show_value(*v);
  }

  // The command line as a shell would run it: each reference the parser found replaced by
  // its value (a `$` in '...' is no reference, and stays), without the lab's `=> NAME`, with
  // the heredoc's `<<WORD` that may follow it.
  std::string resolved_line(const std::string& text, const vault_step& v) {
    const std::size_t end = std::min(v.name_at, text.size());
    std::string out;
    std::size_t at = 0;
    for (const auto& r : v.refs) {
      if (r.at < at || r.at + r.size > end)
        continue;
      out += text.substr(at, r.at - at);
      std::string why;
      auto value = resolve(r.ref, why);
      out += value ? *value : text.substr(r.at, r.size);
      at = r.at + r.size;
    }
    out += text.substr(at, end - at);
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    if (end < text.size())
      if (auto marker = text.find("<<", end); marker != std::string::npos)
        out += " " + text.substr(marker);
    return out;
  }

  step_record run_step(const step& s) {
    step_record r;
    r.loc = s.loc;
    r.text = s.text;
    r.from = driver_.now();
    std::visit([&](const auto& body) { apply(body, r); }, s.body);
    r.at = driver_.now();
    auto effects = take_effects();
    if (r.call && is_standby(r.call->node)) {
      // A performance standby serves what needs no storage write and forwards the rest.
      const bool writes = std::any_of(effects.begin(), effects.end(), [](const trace_event& e) {
        return e.kind == trace_kind::storage_put || e.kind == trace_kind::storage_delete;
      });
      r.call->served = writes ? "forwarded to the active node: it writes storage, which a "
                                "performance standby cannot"
                              : "served by " + r.call->node + ": it writes no storage";
      r.call->served += replicated_note_;
    } else if (r.call && !r.call->node.empty()) {
      r.call->served = (r.call->node == "secondary"
                          ? std::string{"served by the secondary cluster (its own tokens and "
                                        "leases; policies, mounts and roles are replicated)"}
                          : "served by the active node") +
                       replicated_note_;
    }
    if (auto v = std::get_if<vault_step>(&s.body); v && r.call && !v->name.empty())
      if (auto n = names_.find(v->name); n != names_.end()) {
        n->second.node = r.call->node;
        n->second.served = r.call->served;
        if (!ctx_.counting()) {
          n->second.storage_writes = count_of(effects, trace_kind::storage_put);
          n->second.storage_deletes = count_of(effects, trace_kind::storage_delete);
        }
      }
    check(effects, s.loc, step_index_);
    r.effects.insert(r.effects.end(), effects.begin(), effects.end());
    return r;
  }

  void check(const std::vector<trace_event>& effects, const source_loc& loc, std::size_t step) {
    if (check_)
      checker_.feed(effects, driver_.now(), loc, step, violations_);
  }

  void fail(step_record& r, std::string why) {
    expectation_record x;
    x.text = r.text;
    x.actual = std::move(why);
    r.expectations.push_back(std::move(x));
  }

  // What every vault step's record says of how it ran: the format, the caller, the command
  // line as run, the CLI's flag warning and the node.
  void stamp(const vault_step& v, const std::string& text, const std::string& caller,
             vault_call_record& rec) {
    rec.json = v.json;
    rec.yaml = v.yaml;
    rec.caller = caller;
    rec.resolved = resolved_line(text, v);
    rec.flag_warning = v.flag_warning;
    rec.node = v.node.empty() && (sc_.cluster.standbys > 0 || sc_.cluster.secondary)
                 ? std::string{"active"}
                 : v.node;
  }

  api_outcome send_to(const std::string& node, const vault_request& req) {
    auto answer =
      ask_opt<api_outcome>(node == "secondary" ? secondary_ : core_, request_atom::value, req);
    return answer ? std::move(*answer) : api_outcome{vault_error::internal("no answer")};
  }

  // `vault operator generate-root`: the CLI's calls and checks (runner/generate_root_cli.hpp).
  void apply_generate_root(const cmd_generate_root& g, const vault_step& v,
                           const std::string& caller, step_record& r) {
    std::string why;
    arg_resolver resolver = [this](const arg& a, std::string& w) { return resolve(a, w); };
    auto call = [&](vault_request req) {
      req.token = caller;
      return send_to(v.node, req);
    };
    auto rec = generate_root_call(g, resolver, call, cli_random_, why);
    if (!rec)
      return fail(r, "cannot run this step: " + why);
    stamp(v, r.text, caller, *rec);
    if (!v.name.empty()) {
      names_[v.name] = named_result{rec->result, {}, {}, std::nullopt, std::nullopt};
      result_steps_[v.name] = step_index_;
      // The decoded root token goes by the step's name in the report.
      if (auto resp = std::get_if<api_response>(&rec->result); resp && resp->data)
        if (auto t = resp->data->find("token"); t != resp->data->end())
          if (auto id = std::get_if<std::string>(&t->second))
            labels_.emplace(*id, v.name);
    }
    r.call = std::move(*rec);
  }

  void apply(const vault_step& v, step_record& r) {
    r.kind = step_kind::vault;
    std::string why;
    std::string caller = token_;
    if (v.vault_token) {
      auto t = resolve(*v.vault_token, why);
      if (!t)
        return fail(r, "cannot run this step: " + why);
      caller = *t;
    }
    if (auto g = std::get_if<cmd_generate_root>(&v.cmd))
      return apply_generate_root(*g, v, caller, r);
    arg_resolver resolver = [this](const arg& a, std::string& w) { return resolve(a, w); };
    auto call = make_cli_call(v.cmd, resolver, why);
    if (!call)
      return fail(r, "cannot run this step: " + why);
    if (!call->login)
      call->request.token = caller;
    auto rec = call->record;
    stamp(v, r.text, call->request.token.str(), rec);
    const bool on_secondary = v.node == "secondary";
    auto send = [&](const vault_request& req) { return send_to(v.node, req); };
    api_outcome out = send(call->request);
    if (call->kv && out)
      out = kv_second_call(*call, rec, std::move(out), send);
    if (out && std::holds_alternative<cmd_status>(v.cmd))
      add_leader_status(*out, v.node);
    replicated_note_.clear();
    if (out && secondary_ && !on_secondary && replicated(call->request)) {
      // Performance replication: the primary's configuration reaches the secondary.
      auto copy = call->request;
      copy.token = secondary_root_;
      auto there = ask_opt<api_outcome>(secondary_, request_atom::value, copy);
      take_secondary_effects();
      replicated_note_ =
        there && *there ? "; replicated to the secondary" : "; replication to the secondary failed";
    }
    bool token_login =
      call->login && std::holds_alternative<token_lookup_request>(call->request.op);
    if (out && token_login)
      out = login_view(*out, call->request.token.str());
    if (out) {
      if (call->login && out->auth)
        token_ = out->auth->client_token(); // the token helper keeps the new token
      if (rec.shape == output_shape::data && !out->lease_id.empty())
        rec.shape = output_shape::secret;
      rec.result = *out;
    } else {
      rec.result = out.error();
    }
    if (!v.name.empty()) {
      names_[v.name] = named_result{rec.result, {}, {}, std::nullopt, std::nullopt};
      result_steps_[v.name] = step_index_;
      if (auto resp = std::get_if<api_response>(&rec.result)) {
        if (resp->auth && !resp->auth->client_token().empty() && !token_login)
          labels_.emplace(resp->auth->client_token(), v.name);
        if (!resp->lease_id.empty())
          labels_.emplace(resp->lease_id, v.name);
      }
    }
    r.call = std::move(rec);
  }

  bool is_standby(const std::string& node) const { return node.rfind("standby-", 0) == 0; }

  // A `vault kv …` step after its version check: the call for the KV version that serves
  // the path (command/kv_*.go), or the CLI's own refusal. `call` and `rec` become that call's.
  template <class Send>
  api_outcome kv_second_call(cli_call& call, vault_call_record& rec, api_outcome preflight,
                             Send&& send) {
    std::string mount;
    bool v2 = false;
    if (preflight && preflight->data) {
      const auto& d = *preflight->data;
      if (auto p = d.find("path"); p != d.end())
        if (auto s = std::get_if<std::string>(&p->second))
          mount = *s;
      if (auto o = d.find("options"); o != d.end())
        if (auto m = std::get_if<std::map<std::string, std::string>>(&o->second))
          v2 = m->count("version") > 0 && m->at("version") == "2";
    }
    // The step's call becomes `next`, keeping what the step itself decided.
    auto adopt = [&](cli_call next) {
      const auto keep = rec;
      rec = std::move(next.record);
      rec.json = keep.json;
      rec.yaml = keep.yaml;
      rec.caller = keep.caller;
      rec.resolved = keep.resolved;
      rec.flag_warning = keep.flag_warning;
      rec.node = keep.node;
      next.request.token = call.request.token;
      call.request = std::move(next.request);
    };
    adopt(kv_call(*call.kv, mount, v2));
    if (!rec.client_error.empty())
      return vault_error{0, {rec.client_error}};
    auto out = send(call.request);
    const auto& cmd = call.kv->cmd;
    if (cmd.op != kv_op::patch || !v2)
      return out;
    // kv patch: -method=rw reads, then writes; the default method does the same after its
    // PATCH got a 403 (no patch capability), warning first (KVPatchCommand.mergePatch).
    const bool read_first = cmd.method == "rw";
    const bool fallback = cmd.method.empty() && !out && out.error().status == 403;
    if (!read_first && !fallback)
      return out;
    const auto data_path = rec.path;
    if (fallback) {
      const auto warning = texts::kv_patch_fallback_warning(data_path);
      adopt(kv_patch_read(data_path));
      rec.flag_warning = rec.flag_warning.empty() ? warning : rec.flag_warning + "\n" + warning;
      out = send(call.request);
    }
    if (!out) // the pre-read failed: its error, or `No value found at …` for nothing there
      return out;
    adopt(kv_patch_write(*call.kv, data_path, *out));
    if (!rec.client_error.empty())
      return vault_error{0, {rec.client_error}};
    return send(call.request);
  }

  // What sys/leader adds to `vault status` on this node (OutputSealStatus): a dev server has
  // no HA; with a `cluster` header each cluster has an active node and the primary its
  // performance standbys (docs/decisions.md: the lab's node addresses).
  void add_leader_status(api_response& r, const std::string& node) const {
    if (!r.data)
      return;
    auto& d = *r.data;
    const bool clustered = sc_.cluster.standbys > 0 || sc_.cluster.secondary;
    d["ha_enabled"] = clustered;
    if (!clustered)
      return;
    const bool secondary = node == "secondary";
    const std::string active = secondary ? "secondary" : "active";
    d["version"] = std::string{"1.14.0+ent"};
    d["storage_type"] = std::string{"inmem_ha"};
    d["is_self"] = !is_standby(node);
    d["leader_address"] = "http://" + active + ":8200";
    d["leader_cluster_address"] = "https://" + active + ":8201";
    // GetLeaderStatus sets the active time on the active node only.
    if (!is_standby(node))
      d["active_time"] = format_rfc3339(sim_time{}, sc_.epoch_unix);
    d["performance_standby"] = is_standby(node);
    d["performance_standby_last_remote_wal"] = std::int64_t{0};
  }

  static std::int64_t count_of(const std::vector<trace_event>& events, trace_kind kind) {
    return std::count_if(events.begin(), events.end(),
                         [&](const trace_event& e) { return e.kind == kind; });
  }

  void take_secondary_effects() {
    ask<std::vector<trace_event>>(secondary_tracer_, take_atom::value);
  }

  // `vault login` looks the token up and prints it as an auth table.
  static api_outcome login_view(const api_response& lookup, const std::string& token) {
    api_response resp = lookup;
    auth_block a;
    a.set_client_token(token);
    const auto& d = *lookup.data;
    auto str = [&](const char* k) {
      auto it = d.find(k);
      auto s = it == d.end() ? nullptr : std::get_if<std::string>(&it->second);
      return s ? *s : std::string{};
    };
    auto& entry = a.own_token();
    entry.accessor = str("accessor");
    if (auto it = d.find("policies"); it != d.end())
      if (auto p = std::get_if<std::vector<std::string>>(&it->second))
        entry.policies = *p;
    if (auto it = d.find("ttl"); it != d.end())
      a.lease_duration = std::get<std::int64_t>(it->second);
    if (auto it = d.find("renewable"); it != d.end())
      a.renewable = std::get<bool>(it->second);
    if (auto it = d.find("orphan"); it != d.end())
      a.orphan = std::get<bool>(it->second);
    a.token_type = str("type");
    resp.auth = a;
    resp.data.reset();
    return resp;
  }

  void apply(const time_step& t, step_record& r) {
    r.kind = step_kind::time;
    auto target = t.absolute ? sim_time{t.value} : driver_.now() + t.value;
    if (!fleet_ || !progress_)
      return advance_to(target);
    // While a fleet runs, move in slices and say how far the step has got.
    const auto from = driver_.now();
    constexpr int slices = 200;
    for (int i = 1; i <= slices; ++i) {
      advance_to(from + (target - from) * i / slices);
      progress_(driver_.now(), from, target);
    }
  }

  // Moves virtual time to `target`. Reaching a fleet's horizon ends its counting, just
  // before the horizon's instant: from then on the lab traces again. What the fleet made
  // stays counted while it lives (actors/context.hpp object_context); the tally takes
  // nothing at or after the horizon, as the fleet's rules say.
  void advance_to(sim_time target) {
    if (fleet_ && ctx_.counter->on && target >= fleet_->horizon) {
      driver_.advance_to(std::max(driver_.now(), fleet_->horizon - sim_duration{1}));
      ctx_.counter->on = false;
      // What happened to earlier objects while the fleet ran was counted, not traced: the
      // checker starts afresh on what is traced from now on.
      checker_.resume();
    }
    driver_.advance_to(target);
  }

  void apply(const fleet_step& f, step_record& r) {
    r.kind = step_kind::fleet;
    if (fleet_)
      return fail(r, "a scenario runs one fleet; " + fleet_->name + " is already running");
    const auto now = driver_.now();
    const auto horizon = now + f.params.until;
    ctx_.counter->on = true; // until the horizon components count events instead of tracing them
    checker_.stop();
    ctx_.counter->tally.until = horizon;
    auto actor = driver_.system().spawn(fleet_actor, f.params, ctx_, core_);
    fleet_ =
      running_fleet{f.name.empty() ? std::string{"fleet"} : f.name, actor, f.params, now, horizon};
    driver_.drain();
    r.note = describe_fleet(f.params, now, horizon);
  }

  // The fleet's numbers so far (runner/fleet_report.hpp).
  data_map fleet_data() {
    const auto c = ask<fleet_counts>(fleet_->actor, fleet_atom::value);
    driver_.drain();
    return tokenlab::fleet_data(fleet_->params, sc_.seed, c, counted());
  }

  // What the components have counted so far, the last instant included.
  trace_tally counted() const {
    auto t = ctx_.counter->tally;
    t.finish();
    return t;
  }

  // The server restarts with a changed config file. The lab models a server whose storage
  // survives (file storage): every token, lease and timer stays as it was, in the same
  // virtual instant; the new system TTLs apply to what is created or renewed from now on.
  void apply(const restart_step& x, step_record& r) {
    r.kind = step_kind::restart;
    r.note = "the server restarted with " + config_text(x.config) +
             " (before: " + config_text(config_) +
             "); its storage is kept, so every token and lease is as it was, expiry included. "
             "What is created or renewed from now on takes the new values wherever a mount does "
             "not set its own.";
    config_ = x.config;
    caf::anon_send(core_, restart_atom::value, x.config);
    driver_.drain();
  }

  // `rm ~/.vault-token`: the token helper has no token any more; a step without VAULT_TOKEN
  // (or with an empty one) sends none, until a `vault login` stores one.
  void apply(const token_helper_step&, step_record& r) {
    r.kind = step_kind::note;
    r.note = token_.empty()
               ? "~/.vault-token is already gone: the CLI has no stored token"
               : "the token helper's file ~/.vault-token is removed: from now on the CLI sends no "
                 "token (no X-Vault-Token header) unless VAULT_TOKEN gives one or a vault login "
                 "stores one again";
    token_.clear();
  }

  void apply(const note_step& n, step_record& r) {
    r.kind = step_kind::note;
    r.note = n.text;
  }

  void apply(const expect_step& e, step_record& r) {
    r.kind = step_kind::expect;
    if (e.open_at) {
      expectation_record x;
      x.text = r.text;
      x.open = true;
      r.expectations.push_back(std::move(x));
      return;
    }
    std::visit([&](const auto& what) { expect(what, r); }, e.what);
  }

  void expect(const expect_compare& e, step_record& r) {
    expectation_record x;
    x.text = r.text;
    auto n = names_.find(e.name);
    std::optional<field_value> other;
    std::string why;
    if (e.other && !(other = resolve_value(*e.other, why))) {
      x.actual = why.rfind('$', 0) == 0 ? why : e.other->text() + ": " + why;
    } else if (fleet_ && e.name == fleet_->name) {
      api_response counts;
      counts.data = fleet_data();
      x.passed = evaluate_compare(e, named_result{counts, {}, {}, std::nullopt, std::nullopt},
                                  other, x.actual);
    } else if (n == names_.end()) {
      x.actual = "no result is named " + e.name;
    } else {
      x.passed = evaluate_compare(e, n->second, other, x.actual);
      x.result_step = result_steps_[e.name];
    }
    r.expectations.push_back(std::move(x));
  }

  void expect(const expect_state& e, step_record& r) {
    expectation_record x;
    x.text = r.text;
    std::string why;
    auto id = resolve(e.subject, why);
    if (!id) {
      x.actual = why;
    } else {
      auto subject = e.kind == object_kind::token   ? life_subject::token
                     : e.kind == object_kind::lease ? life_subject::lease
                                                    : life_subject::credential;
      x.subject = *id;
      auto s = ask<life_state>(core_, state_atom::value, subject, *id);
      x.actual = to_string(s);
      x.passed = x.actual == to_string(e.state);
    }
    r.expectations.push_back(std::move(x));
  }

  struct running_fleet {
    std::string name;
    fleet actor;
    fleet_params params;
    sim_time start{};
    sim_time horizon{};
  };

  const scenario& sc_;
  progress_fn progress_;
  bool check_ = true;
  invariant_checker checker_;
  std::vector<invariant_violation> violations_;
  sim_driver driver_;
  sim_context ctx_;
  std::optional<running_fleet> fleet_;
  vault_core secondary_; ///< the secondary cluster's core (cluster secondary=true)
  system_config config_; ///< the server's config now (the header's, then each restart's)
  token_authority secondary_store_;
  storage_backend secondary_storage_;
  trace_sink secondary_tracer_;
  std::string secondary_root_;
  std::string replicated_note_; ///< what replication did for the current step
  trace_sink tracer_;
  alarm_clock alarm_;
  storage_backend storage_;
  token_authority store_;
  vault_core core_;
  std::string root_;
  /// The CLI's current token: the token helper's (~/.vault-token), which the dev server and
  /// each `vault login` write; "" once `rm ~/.vault-token` removed it.
  std::string token_;
  id_source cli_random_{sc_.seed, static_cast<id_stream>(11)}; ///< the CLI's own draws (OTPs)
  std::map<std::string, named_result> names_;
  std::map<std::string, std::size_t> result_steps_; ///< name -> the step that produced it
  std::size_t step_index_ = 0;                      ///< the step being run
  std::map<std::string, std::string> labels_;       ///< ID -> the scenario's name for it
};

} // namespace

run_record run_scenario(const scenario& sc, const run_options& options) {
  world w{sc, options};
  return w.run();
}

run_record run_scenario(const scenario& sc, const progress_fn& progress) {
  return run_scenario(sc, run_options{progress, true});
}

} // namespace tokenlab
