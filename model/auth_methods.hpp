#pragma once
// Auth methods of Vault 1.14: userpass (builtin/credential/userpass), approle
// (builtin/credential/approle) and kubernetes (vault-plugin-auth-kubernetes v0.16.0, the
// version bundled with 1.14), over the token fields every method shares
// (sdk/helper/tokenutil). Pure rules: what a write of a user or role stores and answers,
// what a read shows, and what a login hands to the core (a login_auth, model/auth_login.hpp).
//
// How a request is processed, as Vault's logical framework does it (sdk/framework; the field
// rules are model/fields.hpp's):
//  * A plain Go error of a handler is a 500; outside login paths it reaches the client wrapped
//    by go-multierror (texts::handler_error). Login paths (login, login/<name>) go through
//    handleLoginRequest, which returns errors unwrapped.
//
// Choices of the lab (see also auth_backend's comments):
//  * The kubernetes method cannot call a Kubernetes API. A service-account token is simulated
//    by the string `sa:<namespace>:<name>` (both parts non-empty, no ':' inside). Anything else
//    fails as an unparsable JWT does: 403 `permission denied`. The TokenReview always
//    accepts; the service account's UID is a seeded UUID, the same for the same account on
//    one mount; the token is a projected one, so `service_account_secret_name` is "".
//    `config` is stored and shown but not used beyond "a config exists"; `audience` is kept,
//    not checked.
//  * The lab has no client address: CIDR bindings (token_bound_cidrs, secret_id_bound_cidrs,
//    cidr_list) are validated and kept, never enforced.
//  * Passwords are compared as given (Vault keeps a bcrypt hash; nothing outside shows it).
//  * AppRole's expired secret IDs are only removed by the mount's periodic tidy, which Vault
//    runs once a minute (the rollback manager's tick): until that tick an expired secret ID
//    still logs in, as in Vault. The lab puts the ticks at t = 1m, 2m, 3m, … of the run.
//  * User lockout (Vault 1.13+, on by default for userpass and approle): 5 failed logins of an
//    existing user / role ID within 15m lock the alias for 15m (403 `permission denied`, the
//    backend is not even asked); a successful login clears the count.

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/auth_login.hpp"
#include "model/fields.hpp"
#include "model/github.hpp"
#include "model/trace.hpp"
#include "model/ttl.hpp"
#include "model/vault_error.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

// --- the token fields (sdk/helper/tokenutil) ---

/// Deprecated aliases a method accepts: each registers its own set (UpgradeValue).
enum alias_bits : unsigned {
  alias_policies = 1U << 0,    ///< policies -> token_policies
  alias_ttl = 1U << 1,         ///< ttl -> token_ttl
  alias_max_ttl = 1U << 2,     ///< max_ttl -> token_max_ttl
  alias_period = 1U << 3,      ///< period -> token_period
  alias_num_uses = 1U << 4,    ///< num_uses -> token_num_uses
  alias_bound_cidrs = 1U << 5, ///< bound_cidrs -> token_bound_cidrs
};
inline constexpr unsigned userpass_aliases =
  alias_policies | alias_ttl | alias_max_ttl | alias_bound_cidrs;
inline constexpr unsigned approle_aliases = alias_policies | alias_period;
inline constexpr unsigned kubernetes_aliases =
  alias_policies | alias_ttl | alias_max_ttl | alias_period | alias_num_uses | alias_bound_cidrs;

/// tokenutil.TokenParams and the deprecated values stored beside them.
struct token_params {
  std::vector<std::string> token_policies; ///< as given (the core sanitizes at login)
  sim_duration token_ttl{0};
  sim_duration token_max_ttl{0};
  sim_duration token_period{0};
  sim_duration token_explicit_max_ttl{0};
  std::int64_t token_num_uses = 0;
  std::string token_type =
    "default"; ///< logical.TokenType: "default" | "service" | "batch" (a token role also holds
               ///< "default-service" | "default-batch")
  bool token_no_default_policy = false;
  std::vector<std::string> token_bound_cidrs; ///< as SockAddr prints them
  // Deprecated copies (UpgradeValue keeps them in step while the alias is in use).
  std::vector<std::string> policies;
  sim_duration ttl{0};
  sim_duration max_ttl{0};
  sim_duration period{0};
  std::int64_t num_uses = 0;
  std::vector<std::string> bound_cidrs;
};

/// Adds tokenutil.TokenFields and the method's deprecated aliases to `schema`.
void add_token_fields(field_schema& schema, unsigned aliases);

/// TokenParams.ParseTokenFields on fields that passed validate_fields: applies the token_*
/// fields present to `t` (the stored entry on an update) and returns Vault's error text.
std::optional<std::string> parse_token_fields(token_params& t, const field_map& raw);

/// tokenutil.UpgradeValue for each alias in `aliases`; the only possible error is a
/// bound_cidrs address that does not parse.
std::optional<std::string> upgrade_token_fields(token_params& t, const field_map& raw,
                                                unsigned aliases);

/// TokenParams.PopulateTokenData: the token_* keys of a read.
void populate_token_data(const token_params& t, data_map& out);

/// TokenParams.PopulateTokenAuth: what the token of a login gets from the user or role.
void populate_token_auth(const token_params& t, login_auth& auth);

// --- the methods ---

/// What an operation needs from its mount.
struct auth_env {
  sim_time now{};
  const github_world* github = nullptr; ///< the scenario's GitHub (the github method asks it)
  system_view view;                     ///< the mount's effective TTLs (b.System().MaxLeaseTTL())
  std::function<std::string()> uuid;    ///< the mount's seeded UUIDs (role IDs, secret IDs, UIDs)
};

/// Something a learner should see in the trace.
struct auth_event {
  enum class kind { config_written, credential_created, credential_deleted };
  kind what = kind::config_written;
  std::string subject; ///< relative path written, or a secret ID accessor
  std::optional<config_facts> config;         ///< a configuration deleted
  std::optional<credential_facts> credential; ///< the secret ID made or deleted
};

/// One mount of an auth method: its state and its paths (relative to the mount).
/// Reads answer 404 with no message when nothing is there, as Vault does.
class auth_backend {
public:
  virtual ~auth_backend() = default;
  virtual std::string_view type() const = 0;

  virtual outcome<api_response> write(const std::string& path, const field_map& fields,
                                      auth_env& env) = 0;
  virtual outcome<api_response> read(const std::string& path, auth_env& env) = 0;
  virtual outcome<api_response> list(const std::string& path, auth_env& env) = 0;
  virtual outcome<api_response> remove(const std::string& path, auth_env& env) = 0;

  /// A login, with Vault's user lockout around the method's own check.
  outcome<login_auth> login(const std::string& path, const field_map& fields, auth_env& env);

  /// The mount's periodic work up to `now` (AppRole's tidy of expired secret IDs).
  virtual void tidy(sim_time now) { (void)now; }
  /// When the periodic work next has something to do, if ever.
  virtual std::optional<sim_time> next_tidy() const { return std::nullopt; }
  /// A credential of the method (AppRole secret ID or its accessor): true while usable,
  /// false once gone, nullopt when unknown.
  virtual std::optional<bool> credential_live(const std::string& key) const {
    (void)key;
    return std::nullopt;
  }

  /// The events since the last call.
  std::vector<auth_event> take_events();

protected:
  /// The result of the method's own login check.
  struct login_result {
    outcome<login_auth> auth;
    bool invalid_credentials = false; ///< logical.ErrInvalidCredentials (counts for lockout)
  };
  /// The lockout alias of a login (the AliasLookahead): nullopt when the method is not
  /// subject to lockout, an error when the lookahead itself fails.
  virtual outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                        const field_map& fields) = 0;
  virtual login_result do_login(const std::string& path, const field_map& fields,
                                auth_env& env) = 0;

  void event(auth_event::kind k, std::string subject);
  /// The configuration at `path` (a user, a role, a team map) was deleted.
  void deleted(std::string path);
  /// An AppRole secret ID (by its accessor) was made (`why` none) or deleted.
  void secret_id_event(auth_event::kind k, std::string accessor, credential_facts facts);

private:
  struct failed_logins {
    std::uint64_t count = 0;
    std::int64_t last_failed = 0; ///< whole seconds of sim time, as Vault keeps Unix seconds
  };
  std::map<std::string, failed_logins> failed_;
  std::vector<auth_event> events_;
};

/// True when `path` (relative to the mount) is one of the method's login paths (its
/// PathsSpecial.Unauthenticated: userpass `login/*`, approle and kubernetes `login`). The core
/// sends writes there as (login_atom, …) and creates the token.
bool is_auth_login_path(std::string_view type, std::string_view path);

/// The auth method types the lab models.
bool is_modelled_auth_type(std::string_view type);

/// A fresh mount of `type` ("userpass", "approle", "kubernetes"); nullptr for others.
std::unique_ptr<auth_backend> make_auth_backend(std::string_view type);

/// The user lockout defaults of Vault 1.14 (vault/core.go UserLockout*Default).
inline constexpr std::uint64_t lockout_threshold = 5;
inline constexpr sim_duration lockout_duration = std::chrono::minutes{15};
inline constexpr sim_duration lockout_counter_reset = std::chrono::minutes{15};
/// The rollback manager's period: AppRole tidies expired secret IDs at each tick.
inline constexpr sim_duration tidy_period = std::chrono::minutes{1};

} // namespace tokenlab
