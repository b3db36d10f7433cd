#pragma once
// The token store's decisions as pure functions (vault/token_store.go, vault/expiration.go):
// what a create request yields or which error wins, what a renewal grants, what a lookup
// shows. The token-store actor only gathers the inputs and applies the decision.

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/auth_login.hpp"
#include "model/fields.hpp"
#include "model/token_entry.hpp"
#include "model/token_role.hpp"
#include "model/ttl.hpp"
#include "model/vault_error.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// Who asks: the calling token's entry and whether it holds sudo on the create path.
struct caller_view {
  const token_entry& entry;
  bool sudo = false;
};

/// A decided creation: the new entry (without id and accessor when not custom) and the
/// response warnings, in Vault's order.
struct create_plan {
  token_entry entry;
  std::optional<ttl_decision> ttl; ///< absent for a root token created without a TTL
  std::vector<std::string> warnings;
  std::string custom_id; ///< -id, when given
  /// The request's `entity_alias` passed the role's check but no entity was given for it:
  /// the store must create or fetch the alias's entity and plan again with its ID. The rest
  /// of the plan is empty.
  bool needs_alias_entity = false;
};

/// handleCreateCommon's checks and computations, in Vault's order (spec §2.2–2.5, §2.10,
/// §3.3). `role` is the token role of auth/token/create/<role> (nullptr: none);
/// `policy_exists` says which policies exist (for the "does not exist" warnings).
/// `alias_entity` is the entity of the request's `entity_alias`, once the store has it: a plan
/// that reaches the alias without one stops there (`needs_alias_entity`), as Vault creates the
/// entity at that step, before the checks that follow. The new token's entity is that one, or
/// else its parent's (an orphan has none).
outcome<create_plan> plan_token_create(const caller_view& caller, const token_create_request& req,
                                       const system_view& view, sim_time now,
                                       const token_role* role,
                                       const std::function<bool(const std::string&)>& policy_exists,
                                       const std::string* alias_entity = nullptr);

/// The role's check of a token create's `entity_alias`: compared in lower case with the
/// role's `allowed_entity_aliases`, exactly or as globs (strutil.StrListContainsGlob).
bool entity_alias_allowed(const token_role& role, const std::string& alias);

/// A write to auth/token/create, create-orphan or create/<role> with the API's fields
/// (`vault write auth/token/create ttl=1h policies=web`): `sub` is the path under
/// auth/token/. The fields the path declares in Vault 1.14.0 are converted first (a bad one is
/// a 400 `Field validation failed: …`); what the handler's own decoding refuses (`meta`, which
/// must be a map) and a duration it cannot parse are kept for plan_token_create to report at
/// Vault's step. A string is one policy (TypeStringSlice does not split at commas).
outcome<token_create_request> token_create_from_fields(const std::string& sub,
                                                       const field_map& fields);

/// LoginCreateToken (vault/request_handling.go, spec §2.6): the orphan token a login on
/// `mount` ("auth/userpass/") at `request_path` gets, through the mount's TTLs; a batch token
/// when the mount's token_type (`mount_token_type`) and the method's say so (vault/router.go).
/// Unlike auth/token/create, a login does not warn about policies that do not exist.
outcome<create_plan> plan_login(login_auth auth, const std::string& mount,
                                const std::string& mount_token_type,
                                const std::string& request_path, const system_view& view,
                                sim_time now);

/// The cleaned display name: "token-" + name, chars outside [A-Za-z0-9-] replaced by '-',
/// one trailing '-' removed.
std::string token_display_name(const std::string& requested);

/// The renewal of a token (ExpirationManager.RenewToken + CalculateTTL), spec §3.4.
/// A role token renews with its role's current period and explicit max (`role`; the
/// caller has already refused a token whose role is gone). Errors keep Vault's statuses and
/// texts: renewability 400; CalculateTTL's a 500 wrapped by go-multierror
/// (`1 error occurred:\n\t* past the max TTL, cannot renew\n\n`).
outcome<ttl_decision> plan_token_renew(const token_entry& e, sim_duration increment,
                                       const system_view& view, sim_time now,
                                       const token_role* role = nullptr);

/// The entry after a granted renewal.
void apply_renewal(token_entry& e, const ttl_decision& d, sim_time now);

/// A key of a token lookup's `data`.
struct lookup_key {
  std::string_view name;
  bool map = false; ///< holds a map (its entries are read as `meta.KEY`)
};

/// Every key a token lookup can show, sorted: the scenario language checks `expect l.FIELD`
/// against it (language/result_fields.hpp). `identity_policies` and
/// `external_namespace_policies` are the core's, for a token whose entity grants policies.
inline constexpr lookup_key token_lookup_keys[] = {
  {"accessor"},
  {"creation_time"},
  {"creation_ttl"},
  {"display_name"},
  {"entity_id"},
  {"expire_time"},
  {"explicit_max_ttl"},
  {"external_namespace_policies", true},
  {"id"},
  {"identity_policies"},
  {"issue_time"},
  {"last_renewal"},
  {"last_renewal_time"},
  {"meta", true},
  {"num_uses"},
  {"orphan"},
  {"path"},
  {"period"},
  {"policies"},
  {"renewable"},
  {"role"},
  {"ttl"},
  {"type"},
};

/// The `data` of a token lookup (spec §7.1); `shown_id` is the `id` field as Vault
/// prints it ("" for lookup-accessor). Its keys are among token_lookup_keys.
data_map lookup_data(const token_entry& e, std::string_view shown_id, sim_time now,
                     std::int64_t epoch_unix);

/// The `auth` block of a create or renew response (spec §7.2), which shares the token's
/// entry as it answered; its client token is the entry's ID when `shows_id` (the token as
/// supplied), else none (a renew-accessor's).
auth_block make_auth_block(std::shared_ptr<const token_entry> e, bool shows_id);

/// Remaining whole seconds of a token's TTL at `now` (0 when it never expires).
std::int64_t remaining_ttl_seconds(const token_entry& e, sim_time now);

/// True when a presented token is valid at `now` (spec §10.1): it has no expiry (root), or
/// its lease has not expired.
bool token_valid_at(const token_entry& e, sim_time now);

} // namespace tokenlab
