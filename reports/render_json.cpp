// The JSON report: the whole record of every run, for machines. Times are objects
// {"ms": <integer milliseconds since t=0>, "offset": "t+6h"}; durations are integer
// seconds (Vault's unit); enums are their lower-case names. Each call keeps its result as
// Vault's HTTP body (translate_response.go) plus the CLI output the text report shows;
// each TTL decision keeps every number of the formula and its explanation in words.

#include "clock/calendar.hpp"
#include "reports/api_json.hpp"
#include "reports/cli_output.hpp"
#include "reports/narrate.hpp"
#include "reports/render.hpp"
#include "reports/summary.hpp"

#include <nlohmann/json.hpp>

namespace tokenlab {

namespace {

using ojson = nlohmann::ordered_json;

const char* name_of(step_kind k) {
  switch (k) {
    case step_kind::vault: return "vault";
    case step_kind::time: return "time";
    case step_kind::note: return "note";
    case step_kind::expect: return "expect";
    case step_kind::fleet: return "fleet";
    case step_kind::restart: return "restart";
  }
  return "unknown";
}

const char* name_of(output_shape s) {
  switch (s) {
    case output_shape::auth: return "auth";
    case output_shape::data: return "data";
    case output_shape::secret: return "secret";
    case output_shape::message: return "message";
    case output_shape::list: return "list";
    case output_shape::mount_table: return "mount_table";
    case output_shape::mount_table_detailed: return "mount_table_detailed";
    case output_shape::secrets_table: return "secrets_table";
    case output_shape::secrets_table_detailed: return "secrets_table_detailed";
    case output_shape::kv_secret: return "kv_secret";
    case output_shape::kv_metadata: return "kv_metadata";
    case output_shape::seal_status: return "seal_status";
    case output_shape::generate_root: return "generate_root";
  }
  return "unknown";
}

const char* name_of(ttl_source s) {
  return s == ttl_source::mount_tune ? "mount_tune" : "system_config";
}

const char* name_of(max_basis b) {
  switch (b) {
    case max_basis::system_view: return "system_view";
    case max_basis::backend_max: return "backend_max";
    case max_basis::explicit_max: return "explicit_max";
  }
  return "unknown";
}

const char* name_of(ttl_basis b) {
  switch (b) {
    case ttl_basis::period: return "period";
    case ttl_basis::increment: return "increment";
    case ttl_basis::backend_ttl: return "backend_ttl";
    case ttl_basis::system_default: return "system_default";
  }
  return "unknown";
}

ojson time_json(sim_time t) {
  ojson j = ojson::object();
  j["ms"] = millis(t);
  j["offset"] = format_offset(t);
  return j;
}

ojson seconds(sim_duration d) {
  return whole_seconds(d);
}

ojson ttl_json(const ttl_decision& d, trace_kind kind) {
  ojson view = ojson::object();
  view["mount"] = d.view.mount;
  view["default_lease_ttl"] = seconds(d.view.default_lease_ttl);
  view["default_source"] = name_of(d.view.default_source);
  view["max_lease_ttl"] = seconds(d.view.max_lease_ttl);
  view["max_source"] = name_of(d.view.max_source);
  ojson j = ojson::object();
  j["ttl"] = seconds(d.ttl);
  j["warnings"] = d.warnings;
  j["view"] = std::move(view);
  j["max_ttl"] = seconds(d.max_ttl);
  j["max_from"] = name_of(d.max_from);
  j["basis"] = name_of(d.basis);
  j["requested"] = seconds(d.requested);
  j["start"] = time_json(d.start);
  j["now"] = time_json(d.now);
  j["deadline"] = d.deadline ? time_json(*d.deadline) : ojson(nullptr);
  j["remaining"] = d.remaining ? seconds(*d.remaining) : ojson(nullptr);
  j["capped"] = d.capped;
  j["explanation"] = explain_ttl(d, kind);
  return j;
}

ojson effect_json(const trace_event& e) {
  ojson j = ojson::object();
  j["seq"] = e.seq;
  j["at"] = time_json(e.at);
  j["kind"] = to_string(e.kind);
  j["cause"] = to_string(e.cause);
  j["subject"] = e.subject;
  j["related"] = e.related;
  j["detail"] = effect_detail(e);
  j["ttl"] = e.ttl ? ttl_json(*e.ttl, e.kind) : ojson(nullptr);
  return j;
}

ojson call_json(const vault_call_record& c) {
  ojson j = ojson::object();
  j["resolved"] = c.resolved;
  if (!c.node.empty()) {
    j["node"] = c.node;
    j["served"] = c.served;
  }
  j["method"] = c.method;
  j["path"] = c.path;
  j["caller"] = c.caller;
  j["shape"] = name_of(c.shape);
  j["json"] = c.json;
  j["yaml"] = c.yaml;
  j["error_verb"] = c.error_verb;
  j["success_text"] = c.success_text;
  j["login_text"] = c.login_text;
  ojson result = ojson::object();
  if (const auto* err = std::get_if<vault_error>(&c.result)) {
    result["ok"] = false;
    result["status"] = err->status;
    result["body"] = http_error_json(*err);
  } else {
    const auto& r = std::get<api_response>(c.result);
    result["ok"] = true;
    result["status"] = r.status;
    result["body"] = r.status == 204 ? ojson(nullptr) : http_response_json(r);
  }
  j["result"] = std::move(result);
  j["cli_output"] = render_cli_output(c);
  return j;
}

ojson step_json(const run_record& run, const step_record& s, std::size_t n) {
  ojson loc = ojson::object();
  loc["file"] = s.loc.file.empty() ? run.file : s.loc.file;
  loc["line"] = s.loc.line;
  loc["col"] = s.loc.col;
  ojson j = ojson::object();
  j["index"] = n;
  j["loc"] = std::move(loc);
  j["kind"] = name_of(s.kind);
  j["text"] = s.text;
  j["from"] = time_json(s.from);
  j["at"] = time_json(s.at);
  j["note"] = s.note;
  j["call"] = s.call ? call_json(*s.call) : ojson(nullptr);
  j["effects"] = ojson::array();
  for (const auto& e : s.effects)
    j["effects"].push_back(effect_json(e));
  j["expectations"] = ojson::array();
  for (const auto& x : s.expectations) {
    ojson xj = ojson::object();
    xj["text"] = x.text;
    xj["passed"] = x.passed;
    xj["actual"] = x.actual;
    if (x.open)
      xj["open"] = true;
    j["expectations"].push_back(std::move(xj));
  }
  return j;
}

ojson summary_json(const run_summary& s) {
  auto family = [](std::int64_t created, std::int64_t renewed, std::int64_t revoked,
                   std::int64_t expired) {
    ojson j = ojson::object();
    j["created"] = created;
    j["renewed"] = renewed;
    j["revoked"] = revoked;
    j["expired"] = expired;
    return j;
  };
  ojson j = ojson::object();
  j["steps"] = s.steps;
  j["tokens"] = family(s.tokens_created, s.tokens_renewed, s.tokens_revoked, s.tokens_expired);
  j["leases"] = family(s.leases_created, s.leases_renewed, s.leases_revoked, s.leases_expired);
  ojson by_engine = ojson::object();
  for (const auto& [mount, c] : s.leases) {
    auto e = family(c.created, c.renewed, c.revoked, c.expired);
    e["live"] = c.live;
    by_engine[mount] = std::move(e);
  }
  j["leases_by_engine"] = std::move(by_engine);
  j["credentials"] = {{"created", s.credentials_created}, {"deleted", s.credentials_deleted}};
  ojson by_prefix = ojson::object();
  for (const auto& [prefix, c] : s.storage)
    by_prefix[prefix] = {{"writes", c.writes}, {"deletes", c.deletes}};
  j["storage"] = {{"writes", s.storage_writes},
                  {"deletes", s.storage_deletes},
                  {"by_prefix", std::move(by_prefix)}};
  j["expectations"] = {{"passed", s.expectations_passed}, {"failed", s.expectations_failed}};
  if (s.expectations_open > 0)
    j["expectations"]["open"] = s.expectations_open;
  return j;
}

ojson run_json(const run_record& run) {
  ojson j = ojson::object();
  j["file"] = run.file;
  j["title"] = run.title;
  j["sources"] = run.sources;
  j["seed"] = run.seed;
  j["epoch_unix"] = run.epoch_unix;
  j["epoch"] = format_rfc3339(sim_time{}, run.epoch_unix);
  j["config"] = {{"default_lease_ttl", whole_seconds(run.config.default_lease_ttl)},
                 {"max_lease_ttl", whole_seconds(run.config.max_lease_ttl)}};
  j["steps"] = ojson::array();
  for (std::size_t i = 0; i < run.steps.size(); ++i)
    j["steps"].push_back(step_json(run, run.steps[i], i + 1));
  j["summary"] = summary_json(summarize(run));
  if (!run.fleets.empty()) {
    j["fleets"] = ojson::array();
    for (const auto& f : run.fleets)
      j["fleets"].push_back({{"name", f.name}, {"lines", f.lines}});
  }
  return j;
}

} // namespace

std::string render_json(const std::vector<run_record>& runs) {
  ojson doc = ojson::object();
  doc["format"] = "tokenlab-report";
  doc["version"] = 1;
  doc["runs"] = ojson::array();
  for (const auto& run : runs)
    doc["runs"].push_back(run_json(run));
  const report_totals t = total(runs);
  doc["totals"] = {{"scenarios", t.scenarios},
                   {"expectations", t.expectations},
                   {"passed", t.passed},
                   {"failed", t.failed}};
  if (t.open > 0)
    doc["totals"]["open"] = t.open;
  return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

} // namespace tokenlab
