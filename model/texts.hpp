#pragma once
// Every text Vault prints that tokenlab reproduces, in one table (two families live with the
// code they belong to: the HCL library's parse messages in model/hcl_*.cpp, and the CLI's
// argument-usage texts with the CLI command table in scenarios/vault_command.cpp), copied byte for
// byte from Vault's source (vault/token_store.go, vault/expiration.go, sdk/framework/lease.go,
// command/*.go; see ../shared/spec/token-model.md). Tests assert these texts; nothing else
// in the code spells them.

#include "clock/sim_time.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::texts {

// --- CalculateTTL (sdk/framework/lease.go) ---
inline constexpr std::string_view max_ttl_not_positive = "max TTL must be greater than zero";
inline constexpr std::string_view past_max_ttl = "past the max TTL, cannot renew";
/// `TTL of "<ttl>" exceeded the effective max_ttl of "<max>"; TTL value is capped accordingly`
std::string ttl_capped(sim_duration ttl, sim_duration max);
/// `period of "<p>" exceeded the effective max_ttl of "<max>"; period value is capped accordingly`
std::string period_capped(sim_duration period, sim_duration max);

// --- token store: create (vault/token_store.go handleCreateCommon) ---
inline constexpr std::string_view no_parent_found = "parent token lookup failed: no parent found";
inline constexpr std::string_view batch_cannot_create = "batch tokens cannot create more tokens";
inline constexpr std::string_view restricted_use_child =
  "restricted use token cannot generate child tokens";
inline constexpr std::string_view invalid_token_type = "invalid 'token_type' value";
inline constexpr std::string_view negative_num_uses = "number of uses cannot be negative";
inline constexpr std::string_view sudo_for_id =
  "root or sudo privileges required to specify token id";
inline constexpr std::string_view child_policies_subset = "child policies must be subset of parent";
inline constexpr std::string_view root_needs_root_parent =
  "root tokens may not be created without parent token being root";
inline constexpr std::string_view batch_cannot_be_root = "batch tokens cannot be root tokens";
inline constexpr std::string_view sudo_for_orphan =
  "root or sudo privileges required to create orphan token";
inline constexpr std::string_view explicit_max_ttl_negative = "explicit_max_ttl must be positive";
inline constexpr std::string_view period_negative = "period must be positive";
inline constexpr std::string_view sudo_for_period =
  "root or sudo privileges required to create periodic token";
inline constexpr std::string_view ttl_negative = "ttl must be positive";
inline constexpr std::string_view expiring_root_child =
  "expiring root tokens cannot create non-expiring root tokens";
/// `Policy "<name>" does not exist`
std::string policy_missing(std::string_view name);

// --- token store: lookup, renew, revoke ---
inline constexpr std::string_view missing_token_id = "missing token ID";
inline constexpr std::string_view bad_token = "bad token";
inline constexpr std::string_view missing_accessor = "missing accessor";
inline constexpr std::string_view invalid_accessor = "invalid accessor";
inline constexpr std::string_view token_not_found = "token not found";
inline constexpr std::string_view batch_cannot_renew = "batch tokens cannot be renewed";
inline constexpr std::string_view batch_cannot_revoke = "batch tokens cannot be revoked";
inline constexpr std::string_view invalid_lease_id = "invalid lease ID";
inline constexpr std::string_view lease_not_found = "lease not found";
inline constexpr std::string_view lease_not_renewable = "lease is not renewable";
inline constexpr std::string_view lease_expired = "lease expired";
inline constexpr std::string_view sudo_for_revoke_orphan =
  "root or sudo privileges required to revoke and orphan";
inline constexpr std::string_view token_to_revoke_not_found = "token to revoke not found";
inline constexpr std::string_view no_token_with_accessor = "No token found with this accessor";
inline constexpr std::string_view permission_denied = "permission denied";

// --- system: mounts and tuning (vault/logical_system*.go) ---
/// `backend max lease TTL of <max> would be less than backend default lease TTL of <def>`,
/// both in whole seconds (tuneMountTTLs, vault/logical_system_helpers.go).
std::string tune_max_below_default(sim_duration max, sim_duration def);
inline constexpr std::string_view default_above_max_config =
  "cannot have DefaultLeaseTTL larger than MaxLeaseTTL";
/// `path is already in use at <path>/` (Core.mount: <path> is the *existing* mount that
/// conflicts; a missing trailing slash is added). Vault 1.x returns it with status 409.
std::string path_in_use(std::string_view path);
/// `no handler for route "<path>". route entry not found.` (Router.routeCommon; <path> is
/// the request path as given, Go-%q quoted). Vault returns it with status 404.
std::string no_handler_for_route(std::string_view path);

// --- leases (vault/expiration.go, vault/logical_system.go) ---
inline constexpr std::string_view lease_id_required = "lease_id must be specified";
inline constexpr std::string_view invalid_lease = "invalid lease";

// --- CLI success lines (command/*.go) ---
inline constexpr std::string_view revoked_token = "Success! Revoked token (if it existed)";
/// `Success! Tuned the auth method at: <path>/` (a missing trailing slash is added)
std::string tuned_auth(std::string_view path);
/// `Success! Enabled the <type> secrets engine at: <path>/` (a missing trailing slash is added)
std::string enabled_secrets(std::string_view type, std::string_view path);
/// `Success! Data written to: <path>`
std::string data_written(std::string_view path);
/// `Success! Revoked lease: <id>`
std::string revoked_lease(std::string_view id);
/// `Success! Revoked any leases with prefix: <prefix>`
std::string revoked_lease_prefix(std::string_view prefix);
inline constexpr std::string_view login_success =
  "Success! You are now authenticated. The token information displayed below\n"
  "is already stored in the token helper. You do NOT need to run \"vault login\"\n"
  "again. Future Vault requests will automatically use this token.";
/// `Error <verb>: Error making API request.` (the CLI's first error line)
std::string cli_error_head(std::string_view verb);
inline constexpr std::string_view warnings_head =
  "WARNING! The following warnings were returned from Vault:";

// --- custom token IDs (vault/token_store.go create, spec §2.9) ---
inline constexpr std::string_view custom_id_hvs_prefix =
  "custom token ID cannot have the 'hvs.' prefix";
inline constexpr std::string_view custom_id_s_prefix =
  "custom token ID cannot have the 's.' prefix";
inline constexpr std::string_view custom_id_dot = "custom token ID cannot have a '.' in the value";
inline constexpr std::string_view duplicate_token_id = "cannot create a token with a duplicate ID";
inline constexpr std::string_view custom_id_sha1 =
  "Supplying a custom ID for the token uses the weaker SHA1 hashing instead of the more secure "
  "SHA2-256 HMAC for token obfuscation. SHA1 hashed tokens on the wire leads to less secure "
  "lookups.";
/// `cannot assign policy "<name>"` (response-wrapping, control-group)
std::string cannot_assign_policy(std::string_view name);

// --- token roles (tokenStoreRoleCreateUpdate, handleCreateCommon, authRenew) ---
inline constexpr std::string_view role_name_empty = "role name cannot be empty";
inline constexpr std::string_view role_suffix_invalid =
  "given role path suffix contains invalid characters; must match \\w[\\w-.]+\\w";
inline constexpr std::string_view role_suffix_parent =
  "error registering path suffix: path cannot contain parent references";
inline constexpr std::string_view role_batch_non_orphan =
  "'token_type' cannot be 'batch' when role is set to generate non-orphan tokens";
inline constexpr std::string_view role_batch_periodic =
  "'token_type' cannot be 'batch' when role is set to generate periodic tokens";
inline constexpr std::string_view role_batch_renewable =
  "'token_type' cannot be 'batch' when role is set to generate renewable tokens";
inline constexpr std::string_view role_batch_explicit_max =
  "'token_type' cannot be 'batch' when role is set to generate tokens with an explicit max TTL";
/// `Both '<now>' and deprecated '<old>' value supplied, ignoring the deprecated value`
std::string deprecated_both(std::string_view now, std::string_view old);
/// `Given explicit max TTL of <N> is greater than system/mount allowed value of <M> seconds; …`
std::string role_explicit_max_above(std::int64_t explicit_max, std::int64_t mount_max);
/// `invalid 'token_type' value "<v>"`
std::string role_token_type_invalid(std::string_view value);
/// `Endpoint ignored these unrecognized parameters: [a b]`
std::string ignored_parameters(const std::vector<std::string>& names);
/// `token policies ([…]) must be subset of the role's allowed policies ([…]) or glob policies
/// ([…])`
std::string role_policies_not_subset(const std::vector<std::string>& requested,
                                     const std::vector<std::string>& allowed,
                                     const std::vector<std::string>& glob);
/// `token policy "<p>" is disallowed by this role`
std::string role_policy_disallowed(std::string_view policy);
/// `error converting input <v> for field "<field>": <detail>` (sdk/framework field_data.go)
std::string field_conversion(std::string_view value, std::string_view field,
                             std::string_view detail);
/// Go's strconv.ParseBool error: `strconv.ParseBool: parsing "<v>": invalid syntax`
std::string parse_bool_error(std::string_view value);
inline constexpr std::string_view token_num_uses_negative = "'token_num_uses' cannot be negative";
/// `unknown role <name>`
std::string unknown_role(std::string_view name);
/// `original token role "<name>" could not be found, not renewing`
std::string role_gone_not_renewing(std::string_view name);

// --- requests (vault/request_handling.go, logical backends) ---
inline constexpr std::string_view last_use_secret =
  "Secret cannot be returned; token had one use left, so leased credentials were immediately "
  "revoked.";
inline constexpr std::string_view unsupported_path = "unsupported path";
inline constexpr std::string_view missing_data_fields = "missing data fields";
inline constexpr std::string_view invalid_token = "invalid token";

// --- ACL policies (vault/policy.go ParseACLPolicy, vault/logical_system.go, policy_store.go).
// HCL's own parse messages come from the HCL port (model/hcl_*.cpp), as Vault relays them.
inline constexpr std::string_view policy_parse_failed_prefix = "failed to parse policy: ";
inline constexpr std::string_view policy_name_missing = "policy name must be provided in the URL";
inline constexpr std::string_view policy_text_missing = "'policy' parameter not supplied or empty";
inline constexpr std::string_view cannot_delete_default_policy = "cannot delete default policy";
/// `policy name was converted to <lower>`
std::string policy_name_converted(std::string_view lower);
/// `cannot update "<name>" policy` / `cannot delete "<name>" policy`
std::string cannot_update_policy(std::string_view name);
std::string cannot_delete_policy(std::string_view name);
/// `path "<p>": invalid capability "<c>"` / `path "<p>": invalid policy "<v>"` (the prefix
/// `path "<p>": ` is passed in)
std::string invalid_capability(std::string_view prefix, std::string_view capability);
std::string invalid_legacy_policy(std::string_view prefix, std::string_view value);

// --- the lab's own refusal, for what it does not model ---
/// `<what> is not modelled by tokenlab yet`; `not_modelled_plural`: `<what> are …`
std::string not_modelled(std::string_view what);
std::string not_modelled_plural(std::string_view what);

} // namespace tokenlab::texts
