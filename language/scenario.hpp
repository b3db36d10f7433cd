#pragma once
// A parsed scenario: its header (title, sources, seed, epoch, server config) and its steps
// as typed values. Both scenario forms (the line language and JSON, see FORMAT.md) parse
// into this; the runner executes it. Every step keeps the file, line and column it came
// from, so that errors and reports can point at it.

#include "clock/calendar.hpp"
#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/fleet.hpp"
#include "model/github.hpp"
#include "model/source_loc.hpp"
#include "model/ttl.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tokenlab {

/// An argument: literal text, or a reference to an earlier step's named result
/// (`$t1`, `$t1.accessor`, `$c.lease_id`; `$root` names the root token).
struct arg {
  std::string literal;   ///< used when ref_name is empty
  std::string ref_name;  ///< "t1"
  std::string ref_field; ///< "" (the result's main value) or a field name
  source_loc loc;
  bool is_ref() const { return !ref_name.empty(); }
  /// The argument as written: `$t1.accessor`, or the literal.
  std::string text() const {
    return is_ref() ? "$" + ref_name + (ref_field.empty() ? "" : "." + ref_field) : literal;
  }
};

/// `vault login TOKEN` (method token), or `vault login -method=M [-path=P] k=v …`
/// (userpass: `username=alice password=…`).
struct cmd_login {
  arg token; ///< method token only
  std::string method = "token";
  std::string path; ///< the auth mount, normalised "userpass/"; default: the method's name
  std::vector<std::pair<std::string, arg>> fields;
};
/// `vault auth enable [-path=P] TYPE`
struct cmd_auth_enable {
  std::string type;
  std::string path; ///< normalised with a trailing '/': "userpass/"
};
/// `vault token create …` (also `token-create`): the flags are already the API request.
struct cmd_token_create {
  token_create_request req;
  std::string field; ///< -field: print this field of the answer alone (PrintRawField)
};
/// `vault token lookup [-accessor] [TOKEN]` (also `token-lookup`)
struct cmd_token_lookup {
  token_selector by = token_selector::self;
  std::optional<arg> value;
};
/// `vault token renew [-increment=D] [-accessor] [TOKEN]` (also `token-renew`)
struct cmd_token_renew {
  token_selector by = token_selector::self;
  std::optional<arg> value;
  sim_duration increment{0};
};
/// `vault token revoke [-mode=orphan|path] [-self] [-accessor] [TOKEN]` (also `token-revoke`)
struct cmd_token_revoke {
  token_selector by = token_selector::token;
  std::optional<arg> value;
  std::string mode; ///< "", "orphan" or "path"
};
/// `vault auth tune [-default-lease-ttl=D] [-max-lease-ttl=D] PATH`
/// (also `mount-tune … auth/token`). A value of `system` resets to zero (inherit).
struct cmd_auth_tune {
  mount_tune_request req; ///< req.mount is normalised: "auth/token/"
};
/// `vault auth list [-detailed]`
struct cmd_auth_list {
  bool detailed = false;
};
/// `vault secrets enable [-path=P] [-version=N] TYPE`
struct cmd_secrets_enable {
  std::string type;
  std::string path; ///< normalised with a trailing '/': "aws/"
  std::int64_t version = 0; ///< -version (kv): sent as the option `version`; 0 = not given
  /// -options=k=v (repeatable): `leased_passthrough` and `version`, the ones kv reads
  std::map<std::string, std::string> options{};
};
/// `vault secrets list [-detailed]`
struct cmd_secrets_list {
  bool detailed = false;
};
/// `vault secrets disable PATH` and `vault auth disable PATH`
struct cmd_secrets_disable {
  std::string path; ///< normalised with a trailing '/': "kv/"
};
struct cmd_auth_disable {
  std::string path; ///< "userpass/"
};
/// `vault status`
struct cmd_status {};
/// The `vault kv …` commands (command/kv_*.go). Each first asks which KV version serves the
/// path (GET sys/internal/ui/mounts/PATH), then calls the version's API path.
enum class kv_op { put, get, del, undelete, destroy, list, metadata_get, metadata_put,
                   metadata_delete, patch };
struct cmd_kv {
  kv_op op = kv_op::get;
  std::string path; ///< as the CLI sanitises it: no slash at either end ("secret/app")
  /// -mount: the mount apart from the path, slashes at both ends dropped ("secret"); empty:
  /// the mount is the path's first part, as the preflight finds it.
  std::string mount;
  std::string method; ///< patch: -method, "patch" (the default) or "rw"
  std::vector<std::pair<std::string, arg>> fields; ///< put, patch: the data
  std::optional<std::int64_t> cas;                 ///< put, patch: -cas (unset: -1, not sent)
  std::int64_t version = 0;                        ///< get: -version
  std::string field;                               ///< get: -field
  std::vector<std::string> versions;               ///< delete, undelete, destroy: -versions
  // metadata put
  std::optional<std::int64_t> max_versions;
  std::optional<bool> cas_required;
  std::optional<sim_duration> delete_version_after;
  std::map<std::string, std::string> custom_metadata;
};
/// `vault write [-field=F] PATH k=v …`
struct cmd_write {
  std::string path;
  std::vector<std::pair<std::string, arg>> fields;
  std::string field; ///< -field: print this field of the answer alone (PrintRawField)
};
/// `vault read [-field=F] PATH`
struct cmd_read {
  std::string path;
  std::string field; ///< -field
};
/// `vault lease revoke [-prefix] [-force] [-sync] LEASE_ID` (-force needs -prefix)
struct cmd_lease_revoke {
  arg lease_id;
  bool prefix = false;
  bool force = false;
  bool sync = false; ///< -sync; without it the CLI asks for a queued revocation (sync=false)
};
/// `vault lease lookup LEASE_ID`
struct cmd_lease_lookup {
  arg lease_id;
};
/// `vault lease renew [-increment=D] LEASE_ID`
struct cmd_lease_renew {
  arg lease_id;
  sim_duration increment{0};
};
/// `vault secrets tune [-default-lease-ttl=D] [-max-lease-ttl=D] PATH`; `system` resets.
struct cmd_secrets_tune {
  mount_tune_request req; ///< req.mount normalised with a trailing '/': "aws/"
};

/// `vault policy write NAME FILE` (FILE relative to the scenario's directory) or
/// `vault policy write NAME -` followed by a heredoc (`<<EOF` … `EOF`) holding the HCL.
struct cmd_policy_write {
  std::string name;
  std::string text;   ///< the policy's HCL
  std::string origin; ///< the file as written, or "-" for inline text
};
/// `vault policy read NAME`
struct cmd_policy_read {
  std::string name;
};
/// `vault token capabilities [-accessor] [TOKEN] PATH`: with one argument, the calling
/// token's capabilities on PATH (sys/capabilities-self).
struct cmd_token_capabilities {
  token_selector by = token_selector::self;
  std::optional<arg> value;
  std::string path;
};
/// `vault list PATH`
struct cmd_list {
  std::string path;
};
/// `vault delete PATH`
struct cmd_delete {
  std::string path;
};

/// `vault operator generate-root …` (command/operator_generate_root.go): its mode is the first
/// of -generate-otp, -decode, -cancel, -init and -status that is given; without any, the unseal
/// key share given as the argument is provided to the attempt in progress.
enum class generate_root_mode { provide, init, status, cancel, decode, generate_otp };
struct cmd_generate_root {
  generate_root_mode mode = generate_root_mode::provide;
  std::optional<arg> otp;     ///< -otp
  std::optional<arg> nonce;   ///< -nonce
  std::optional<arg> encoded; ///< -decode
  std::optional<arg> key;     ///< the unseal key share (provide)
};

using vault_command =
  std::variant<cmd_login, cmd_token_create, cmd_token_lookup, cmd_token_renew, cmd_token_revoke,
               cmd_auth_tune, cmd_secrets_enable, cmd_write, cmd_read, cmd_lease_revoke,
               cmd_policy_write, cmd_policy_read, cmd_token_capabilities, cmd_list, cmd_delete,
               cmd_lease_lookup, cmd_lease_renew, cmd_secrets_tune, cmd_auth_enable, cmd_auth_list,
               cmd_kv, cmd_secrets_list, cmd_secrets_disable, cmd_auth_disable, cmd_status,
               cmd_generate_root>;

/// A reference in the text of a vault step: bytes [at, at + size) of the text stand for the
/// value of `ref` (the report echoes the command with the values in their place).
struct text_ref {
  std::size_t at = 0;
  std::size_t size = 0;
  arg ref;
};

/// One `vault …` line.
struct vault_step {
  vault_command cmd;
  std::string spelling;           ///< the command words as written: "token create", "token-renew"
  bool json = false; ///< -format=json or yaml (Vault's CLI reads it anywhere on the line)
  bool yaml = false; ///< -format=yaml or yml: the same output, marshalled as YAML
  std::optional<arg> vault_token; ///< a `VAULT_TOKEN=… ` prefix: the token the call is made with
  std::string node; ///< a `VAULT_ADDR=NODE ` prefix: the node it is sent to ("" = active)
  std::string name; ///< `=> name`, or empty
  /// What the CLI warns on stderr before it runs, when arguments after the first one look
  /// like flags (command/base_helpers.go generateFlagWarnings); "" when it does not warn.
  std::string flag_warning;
  std::vector<text_ref> refs;                ///< the references in the step's text, in order
  std::size_t name_at = std::string::npos;   ///< where `=> name` starts in the step's text
};

/// `advance D` (relative) or `at D` (absolute offset from t=0).
struct time_step {
  bool absolute = false;
  sim_duration value{0};
};

/// `note TEXT`: narrative shown in the report.
struct note_step {
  std::string text;
};

/// `config key=value …` after the first step: the server is restarted with its config file
/// changed (the keys named take their new values, the others keep theirs). Its storage is
/// kept, as a server with file storage keeps it (docs/decisions.md).
struct restart_step {
  system_config config; ///< the whole config the server restarts with
};

/// `rm ~/.vault-token`: the CLI's token helper forgets its token (the file the dev server and
/// `vault login` wrote), so that later steps without `VAULT_TOKEN` send no token at all, until a
/// `vault login` stores one again.
struct token_helper_step {};

/// `absent` and `present` take no value: `expect l.period absent`.
enum class expect_op { eq, ne, lt, le, gt, ge, contains, lacks, absent, present };

/// A literal on the right of an expectation.
struct expect_literal {
  enum class kind { string, number, duration, boolean, null };
  kind k = kind::string;
  std::string text;         ///< as written (unquoted for strings)
  std::int64_t number = 0;  ///< kind::number
  sim_duration duration{0}; ///< kind::duration (and kind::number, as seconds)
  bool boolean = false;     ///< kind::boolean
};

/// `expect NAME.FIELD OP VALUE`, e.g. `expect r.ttl == 4h` or `expect a.accessor ==
/// $t.accessor`; `expect NAME.FIELD absent|present`.
struct expect_compare {
  std::string name;  ///< a named result
  std::string field; ///< "ttl", "warnings", "policies.length", "auth.lease_duration", ...
  expect_op op = expect_op::eq;
  expect_literal value;     ///< unless `other` is set, or op is absent or present
  std::optional<arg> other; ///< `$name.field` on the right: read when the expectation runs
};

enum class object_kind { token, lease, credential };
enum class object_state { valid, revoked, expired, active, deleted };

/// `expect token $t valid|revoked|expired`, `expect lease $c.lease_id …`,
/// `expect credential $c active|deleted`.
struct expect_state {
  object_kind kind = object_kind::token;
  arg subject;
  object_state state = object_state::valid;
};

struct expect_step {
  std::variant<expect_compare, expect_state> what;
  /// The column of a `?` written as the value (`expect r.ttl == ?`, `expect token $t ?`,
  /// `expect l.period ?`): a prediction not made yet, as exercises ship. It holds neither
  /// way until it is answered; the value and the state of `what` are then unset (a `?` for
  /// absent or present has the op `present`).
  std::optional<int> open_at;
};

/// `fleet clients=N until=D login=PATH … => NAME`: N simulated clients (model/fleet.hpp).
struct fleet_step {
  fleet_params params;
  std::string name;
};

using step_body = std::variant<vault_step, time_step, note_step, expect_step, fleet_step,
                               restart_step, token_helper_step>;

struct step {
  source_loc loc;
  std::string text; ///< the step as written (one line; JSON steps: its text form)
  step_body body;
};

/// `cluster standbys=N secondary=true`: the primary cluster's active node, its performance
/// standbys (`standby-1` … `standby-N`) and, optionally, a performance-replication
/// secondary cluster (`secondary`). Without it, every step runs on the active node.
struct cluster_config {
  int standbys = 0;
  bool secondary = false;
};

struct scenario {
  std::string file;
  std::string title;
  std::vector<std::string> sources; ///< `source "…"` lines: where the behaviour is documented
  std::uint64_t seed = 1;
  std::int64_t epoch_unix = default_epoch_unix;
  system_config config; ///< `config default_lease_ttl=… max_lease_ttl=…`
  cluster_config cluster;
  github_world github; ///< `github org=…` / `github user=…`: GitHub as the run sees it
  std::vector<step> steps;
};

const char* to_string(expect_op op);
const char* to_string(object_kind k);
const char* to_string(object_state s);

} // namespace tokenlab
