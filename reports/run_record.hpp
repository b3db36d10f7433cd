#pragma once
// The record of one scenario run: what each step did, what it printed, what it caused and
// whether its expectations held. The runner fills it; the renderers in reports/ turn it
// into text, Markdown or JSON. Plain values only: no actors, no I/O.

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/source_loc.hpp"
#include "model/trace.hpp"
#include "model/trace_tally.hpp"
#include "model/ttl.hpp"
#include "model/vault_error.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tokenlab {

/// How the Vault CLI prints a successful response of this command.
enum class output_shape {
  auth,        ///< token create / renew / login: token, token_accessor, token_duration, ...
  data,        ///< lookup, read of a config path: the sorted data map
  secret,      ///< read of a leased secret: lease_id, lease_duration, lease_renewable, then data
  message,     ///< no body: the CLI prints its success line
  list,        ///< `vault list`: a "Keys" column of data.keys
  mount_table, ///< `vault auth list`: one row per mount (data: path -> row)
  mount_table_detailed, ///< `vault auth list -detailed`
  secrets_table,          ///< `vault secrets list`
  secrets_table_detailed, ///< `vault secrets list -detailed`
  kv_secret,   ///< `vault kv get|put` on KV v2: the Secret Path, Metadata and Data sections
  kv_metadata, ///< `vault kv metadata get`: the Metadata Path, Metadata and each Version
  seal_status, ///< `vault status`
  /// `vault operator generate-root`: printStatus's columns, or (print_field) the OTP or the
  /// decoded token alone
  generate_root,
};

/// One Vault API call made by a `vault …` step.
struct vault_call_record {
  std::string resolved;     ///< the command line with references replaced by values
  /// The CLI's own warning before it runs (flags after the first argument), printed first
  /// in the table format; "" when there is none.
  std::string flag_warning;
  std::string node;   ///< the cluster node it was sent to ("" without a cluster)
  std::string served; ///< where it ran: "served by standby-1", "forwarded to the active node…"
  std::string method;       ///< "POST", "PUT", "GET"
  std::string path;         ///< "auth/token/renew"
  std::string error_verb;   ///< "renewing token" → `Error renewing token: …`
  std::string success_text; ///< the CLI's success line for message-shaped output
  std::string login_text;   ///< `vault login` prints its banner before the table
  std::string
    print_field; ///< print only this data field, raw (policy rules; a list joined by ", ")
  /// With a non-table format, the field printed goes under this key of a map (`vault policy
  /// read`: {"policy": rules}); empty: the field's value alone (token capabilities).
  std::string print_field_key;
  /// `-field=F` of read, write and token create: the CLI prints that field of the answer alone
  /// (command/util.go PrintRawField), or `Field "F" not present in secret`.
  std::string raw_field;
  std::string
    not_found_text; ///< what the CLI prints for a 404 with no errors ("No value found at …")
  std::string error_head; ///< replaces "Error <verb>" where the CLI words it otherwise
  /// The CLI prints the API error alone, with no "Error <verb>: " before it (the kv
  /// commands' version check).
  bool bare_error = false;
  /// The CLI refused before any request (`Metadata not supported on KV Version 1`): it
  /// prints this line, and the result is an error with no status.
  std::string client_error;
  /// The success line is printed with the table format only (kv put, kv delete, …).
  bool success_table_only = false;
  output_shape shape = output_shape::data;
  bool json = false;  ///< -format=json or yaml: the CLI's non-table output
  bool yaml = false;  ///< -format=yaml (yml): that output marshalled as YAML
  std::string caller; ///< the token the call was made with (as sent)
  std::variant<api_response, vault_error> result;
};

struct expectation_record {
  std::string text; ///< the expectation as written
  bool passed = false;
  std::string actual; ///< what the lab found, rendered as text
  /// A prediction not made yet (`== ?`): neither passed nor failed, and nothing was looked
  /// up, so that the report does not give the answer away.
  bool open = false;
  /// What the expectation read, so that a grader can explain it: the index of the step
  /// whose named result a field expectation reads, and the ID a state expectation checks.
  std::optional<std::size_t> result_step;
  std::string subject;
};

enum class step_kind { vault, time, note, expect, fleet, restart };

struct step_record {
  source_loc loc;
  std::string text;
  step_kind kind = step_kind::note;
  sim_time from{}; ///< virtual time when the step began
  sim_time at{};   ///< virtual time when it ended (differs only for time steps)
  std::optional<vault_call_record> call;
  std::string note;
  std::vector<trace_event> effects; ///< what the step caused, in order (timers included)
  std::vector<expectation_record> expectations;
};

/// A fleet's closing numbers, as lines of `KEY=value` words (COUNTS, DETAIL, LAB).
struct fleet_record {
  std::string name;
  std::vector<std::string> lines;
};

/// A broken invariant of the simulated Vault (runner/invariants.hpp): a bug of the lab, never
/// of the scenario. A run that has one must not be trusted: tokenlab exits with 3.
struct invariant_violation {
  source_loc loc;         ///< the step during which it was seen (line 0: the dev server's start)
  std::size_t step = 0;   ///< its index in the run's steps
  sim_time at{};          ///< the virtual time of the event that showed it
  std::string invariant;  ///< which one: "child-dies-with-parent", "lease-dies-with-token", …
  std::string detail;     ///< what was seen

  /// `file:line: step N at t+T: invariant NAME broken: detail` (N counts from 1).
  std::string render() const;
};

struct run_record {
  std::string file;
  std::string title;
  std::vector<std::string> sources;
  std::uint64_t seed = 1;
  std::int64_t epoch_unix = 0;
  system_config config;
  std::vector<step_record> steps;
  /// Scenario names of the IDs the run met (token ID or lease ID -> "t1", root -> "root"),
  /// so reports can say `hvs.X… [parent]` instead of a bare ID.
  std::map<std::string, std::string> names;
  /// What the trace sink counted without keeping (while a fleet ran); its events are in
  /// no step's effects.
  std::optional<trace_tally> tally;
  std::vector<fleet_record> fleets;
  /// Broken invariants, in the order they were seen; empty when the run can be trusted (or
  /// was run without the checker).
  std::vector<invariant_violation> violations;
};

} // namespace tokenlab
