#pragma once
// Every text Vault prints that tokenlab reproduces, in one table, copied byte for byte from
// Vault's source (vault/token_store.go, vault/expiration.go, sdk/framework/lease.go,
// command/*.go; see ../shared/spec/token-model.md). Tests assert these texts; nothing else
// in the code spells them.

#include "clock/sim_time.hpp"

#include <string>
#include <string_view>

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

} // namespace tokenlab::texts
