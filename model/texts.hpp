#pragma once
// Every text Vault prints that tokenlab reproduces, in one table (two families live with the
// code they belong to: the HCL library's parse messages in model/hcl_*.cpp, and the CLI's
// argument-usage texts with the CLI command table in language/vault_command.cpp), copied byte for
// byte from Vault's source (vault/token_store.go, vault/expiration.go, sdk/framework/lease.go,
// command/*.go). Tests assert these texts; nothing else
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
inline constexpr std::string_view batch_explicit_max_ttl =
  "batch tokens cannot have \"explicit_max_ttl\" set";
inline constexpr std::string_view batch_num_uses = "batch tokens cannot have \"num_uses\" set";
inline constexpr std::string_view batch_period = "batch tokens cannot have \"period\" set";
inline constexpr std::string_view sudo_for_orphan =
  "root or sudo privileges required to create orphan token";
inline constexpr std::string_view explicit_max_ttl_negative = "explicit_max_ttl must be positive";
inline constexpr std::string_view period_negative = "period must be positive";
inline constexpr std::string_view sudo_for_period =
  "root or sudo privileges required to create periodic token";
inline constexpr std::string_view ttl_negative = "ttl must be positive";
inline constexpr std::string_view lease_negative = "lease must be positive";
inline constexpr std::string_view batch_explicit_max_ttl_unparsable =
  "\"explicit_max_ttl\" value could not be parsed";
inline constexpr std::string_view batch_period_unparsable = "\"period\" value could not be parsed";
inline constexpr std::string_view entity_alias_needs_role =
  "'entity_alias' is only allowed in combination with token role";
inline constexpr std::string_view expiring_root_child =
  "expiring root tokens cannot create non-expiring root tokens";
/// `Policy "<name>" does not exist`
std::string policy_missing(std::string_view name);

// --- token store: lookup, renew, revoke ---
inline constexpr std::string_view missing_token_id = "missing token ID";
inline constexpr std::string_view bad_token = "bad token";
inline constexpr std::string_view missing_accessor = "missing accessor";
/// logical_system.go handleCapabilities: no token to check (a plain error: wrap it with
/// handler_error), and no path
inline constexpr std::string_view no_token_found = "no token found";
inline constexpr std::string_view paths_must_be_supplied = "paths must be supplied";
inline constexpr std::string_view invalid_accessor = "invalid accessor";
inline constexpr std::string_view token_not_found = "token not found";
inline constexpr std::string_view batch_cannot_renew = "batch tokens cannot be renewed";
inline constexpr std::string_view batch_cannot_revoke = "batch tokens cannot be revoked";
inline constexpr std::string_view batch_no_cubbyhole =
  "cubbyhole operations are only supported by \"service\" type tokens";
inline constexpr std::string_view invalid_lease_id = "invalid lease ID";
inline constexpr std::string_view lease_not_found = "lease not found";
inline constexpr std::string_view lease_not_renewable = "lease is not renewable";
inline constexpr std::string_view lease_expired = "lease expired";
/// What the Go client reports when the server closes the connection without a response (a
/// handler's panic, which net/http recovers): io.EOF, in a url.Error the CLI prints whole.
inline constexpr std::string_view no_response = "EOF";
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
inline constexpr std::string_view tokens_not_renewable_here =
  "tokens cannot be renewed through this endpoint";
/// `tune of path "<path>" failed: no mount entry found`: tuning a path where nothing is
/// mounted (handleTuneWriteCommon; <path> with its trailing slash)
std::string no_mount_to_tune(std::string_view path);
/// `cannot fetch sysview for path "<path>"`: reading the tune of such a path
std::string no_sysview(std::string_view path);
inline constexpr std::string_view token_type_auth_mounts_only =
  "'token_type' can only be modified on auth mounts";
inline constexpr std::string_view token_type_not_on_token_mount =
  "'token_type' cannot be set for 'token' or 'ns_token' auth mounts";
inline constexpr std::string_view tune_token_type_invalid = "invalid value for 'token_type'";

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
inline constexpr std::string_view revocations_queued =
  "All revocation operations queued successfully!";
/// `Success! Force revoked any leases with prefix: <prefix>`
std::string force_revoked_lease_prefix(std::string_view prefix);
inline constexpr std::string_view force_revoke_warning =
  "Warning! Force-removing leases can cause Vault to become out of sync with secret engines!";
/// `Success! Tuned the secrets engine at: <path>/`
std::string tuned_secrets(std::string_view path);
inline constexpr std::string_view login_success =
  "Success! You are now authenticated. The token information displayed below\n"
  "is already stored in the token helper. You do NOT need to run \"vault login\"\n"
  "again. Future Vault requests will automatically use this token.";
/// `Error <verb>: Error making API request.` (the CLI's first error line)
std::string cli_error_head(std::string_view verb);
/// A token login's first error line, before `: Error making API request.`: login.go's
/// `Error authenticating: ` and the token CLI handler's `error looking up token: `
/// (builtin/credential/token/cli.go) around the lookup-self error.
inline constexpr std::string_view login_lookup_error_head =
  "Error authenticating: error looking up token";
inline constexpr std::string_view warnings_head =
  "WARNING! The following warnings were returned from Vault:";
/// `Command flags must be provided before positional arguments. The following arguments
/// will not be parsed as flags: [-a,-b]` (command/base_helpers.go generateFlagWarnings)
std::string flags_after_arguments(const std::vector<std::string>& args);

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
/// `error parsing role fields: <tokenutil's error>`
std::string role_fields_error(std::string_view detail);
/// `error parsing bound_cidrs: <parseutil.ParseAddrs's error>`
std::string bound_cidrs_error(std::string_view detail);
/// `Endpoint ignored these unrecognized parameters: [a b]`
std::string ignored_parameters(const std::vector<std::string>& names);
/// `Endpoint replaced the value of these parameters with the values captured from the
/// endpoint's path: [a b]`
std::string replaced_parameters(const std::vector<std::string>& names);
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
/// `original token role "<name>" could not be found, not renewing` (authRenew)
std::string role_gone_not_renewing(std::string_view name);
/// `failed to renew entry: <err>`: ExpirationManager.renewAuthEntry's wrap of a backend's
/// renewal error
std::string renew_entry_failed(std::string_view detail);

// --- logins (vault/request_handling.go LoginCreateToken) ---
inline constexpr std::string_view login_root = "auth methods cannot create root tokens";
inline constexpr std::string_view login_zero_ttl = "refusing to create a non-root zero TTL token";
/// `Success! Enabled <type> auth method at: <path>/`
std::string enabled_auth(std::string_view type, std::string_view path);

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

// --- secrets engines: kv v1 (vault-plugin-secrets-kv passthrough.go) and database
// (builtin/logical/database, sdk/database/helper, plugins/database/postgresql) ---
/// A plain Go error a backend handler returns (not an error response) reaches the client as
/// status 500, wrapped by request_handling.go's go-multierror: `1 error occurred:\n\t* <msg>\n\n`.
std::string handler_error(std::string_view msg);
inline constexpr std::string_view kv_missing_path = "missing path"; ///< write to the mount root
/// logical.ErrUnsupportedOperation: a backend path exists but not for this operation (405)
inline constexpr std::string_view unsupported_operation = "unsupported operation";
/// `unknown role: <name>` (path_creds_create.go, 400)
std::string db_unknown_role(std::string_view name);
/// `failed to find entry for connection with name: "<name>"` (backend.go DatabaseConfig; a
/// plain error: wrap it with handler_error)
std::string db_connection_not_found(std::string_view name);
/// `"<role>" is not an allowed role` (path_creds_create.go; a plain error)
std::string db_role_not_allowed(std::string_view role);
/// dbutil.ErrEmptyCreationStatement (the plugin's NewUser; a plain error)
inline constexpr std::string_view db_empty_creation_statements = "empty creation statements";
inline constexpr std::string_view db_name_required = "database name is required";
inline constexpr std::string_view db_empty_plugin_name = "empty plugin name";
/// `error creating database object: <detail>` (path_config_connection.go, 400)
std::string db_object_error(std::string_view detail);
inline constexpr std::string_view db_connection_url_empty = "connection_url cannot be empty";
inline constexpr std::string_view db_template_in_credentials =
  "username and/or password cannot contain the template variables";
inline constexpr std::string_view db_password_in_url =
  "Password found in connection_url, use a templated url to enable root rotation and prevent "
  "read access to password information.";

// --- KV v2 (vault-plugin-secrets-kv v0.15.0), mounts and the CLI's kv commands
// (command/kv_*.go, secrets_*.go, auth_disable.go, vault/logical_system.go, vault/mount.go,
// vault/auth.go); the definitions are in model/texts_kv.cpp ---
inline constexpr std::string_view kv2_no_data = "no data provided";
inline constexpr std::string_view kv2_cas_mismatch =
  "check-and-set parameter did not match the current version";
inline constexpr std::string_view kv2_cas_required =
  "check-and-set parameter required for this call";
inline constexpr std::string_view kv2_cas_unparsable = "error parsing check-and-set parameter";
/// delete and undelete say "No version…", destroy "no version…"
inline constexpr std::string_view kv2_no_versions = "No version number provided";
inline constexpr std::string_view kv2_no_versions_destroy = "no version number provided";
inline constexpr std::string_view kv2_mount_root =
  "Non-listing operations on the root of a K/V v2 mount are not supported.";
/// `Invalid path for a versioned K/V secrets engine. … use 'vault kv <sub>' for this operation.`
std::string kv2_invalid_path(std::string_view subcommand);
inline constexpr std::string_view kv2_cas_mandated =
  "\"cas_required\" set to false, but is mandated by backend config. This value will be "
  "ignored.";
/// `preflight capability check returned 403, please ensure client's policies grant access to
/// path "<path>/"` (sys/internal/ui/mounts: the CLI's KV version check). The mount texts below
/// take their path with its trailing slash, as Vault's handlers have sanitised it.
std::string kv_preflight_denied(std::string_view path);
/// `Success! Data deleted (if it existed) at: <path>`
std::string data_deleted(std::string_view path);
/// `No value found at <path>`, `No data found at <path>`
std::string no_value_found(std::string_view path);
std::string no_data_found(std::string_view path);
/// `<what> not supported on KV Version 1` (Metadata, Undelete, Destroy)
std::string kv_v1_unsupported(std::string_view what);
/// command/kv_patch.go: patch on a KV version 1 mount, and an unknown -method.
inline constexpr std::string_view kv_patch_needs_v2 =
  "K/V engine mount must be version 2 for patch support";
std::string kv_patch_bad_method(std::string_view method);
/// `Data was written to <path> but we recommend that you add the "patch" capability …`: the
/// default method's warning when the PATCH got a 403 and it falls back to read-then-write.
std::string kv_patch_fallback_warning(std::string_view path);
/// `Error doing pre-read at <path>` (the head of -method=rw's read error), and `No data found
/// at <path>; patch only works on existing data` (a deleted or destroyed latest version).
std::string kv_patch_preread_head(std::string_view path);
std::string kv_patch_no_data(std::string_view path);
/// `Success! Disabled the secrets engine (if it existed) at: <path>/`
std::string disabled_secrets(std::string_view path);
/// `Success! Disabled the auth method (if it existed) at: <path>/`
std::string disabled_auth(std::string_view path);
/// `cannot unmount "<path>/"` (sys/, cubbyhole/, identity/, audit/, auth/)
std::string cannot_unmount(std::string_view path);
inline constexpr std::string_view token_backend_not_disableable =
  "token credential backend cannot be disabled";
/// `secrets engine "<type>" does not allow setting a version` (handleMount)
std::string engine_no_version(std::string_view type);

// --- auth methods (sdk/framework/field_data.go, sdk/helper/tokenutil/tokenutil.go,
// builtin/credential/userpass, builtin/credential/approle, vault-plugin-auth-kubernetes
// v0.16.0 as bundled with Vault 1.14, vault/request_handling.go user lockout) ---
/// `Field validation failed: <msg>` (framework HandleRequest, paths without an existence check)
std::string field_validation_failed(std::string_view msg);
/// mapstructure.Error: `<n> error(s) decoding:\n\n* <e1>\n* <e2>` (the errors sorted)
std::string decoding_errors(std::vector<std::string> errors);
/// handleCreateCommon (1.14.0): `Error decoding request: <mapstructure's error>`
std::string decoding_request_failed(std::string_view detail);
/// TypeKVPairs: `invalid key pair "<s>"` (an entry without '=' or with an empty key)
std::string invalid_key_pair(std::string_view pair);
/// mapstructure.WeakDecode of a string: `cannot parse '' as <kind>: <detail>`
std::string cannot_parse_as(std::string_view kind, std::string_view detail);
/// strconv.ParseInt: `strconv.ParseInt: parsing "<v>": <reason>` (invalid syntax | value out of
/// range)
std::string parse_int_error(std::string_view value, std::string_view reason);
/// time.ParseDuration: `time: invalid duration "<s>"`
std::string go_invalid_duration(std::string_view text);
/// time.ParseDuration: `time: missing unit in duration "<s>"`
std::string go_missing_unit(std::string_view text);
/// time.ParseDuration: `time: unknown unit "<u>" in duration "<s>"`
std::string go_unknown_unit(std::string_view unit, std::string_view text);
/// TypeDurationSecond: `cannot provide negative value '<n>'`
std::string negative_value(std::int64_t seconds);
/// parseutil.ParseAddrs: `error parsing address "<a>": Unable to convert "<a>" to an IPv4 or
/// IPv6 address, or a UNIX Socket`
std::string address_parse_error(std::string_view addr);
/// net.ParseCIDR: `invalid CIDR address: <s>`
std::string invalid_cidr_address(std::string_view text);
inline constexpr std::string_view token_batch_periodic =
  "'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens";
inline constexpr std::string_view token_batch_num_uses =
  "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use "
  "count";
inline constexpr std::string_view token_ttl_above_max =
  "'token_ttl' cannot be greater than 'token_max_ttl'";
// userpass
inline constexpr std::string_view missing_password = "missing password";
inline constexpr std::string_view invalid_username_or_password = "invalid username or password";
inline constexpr std::string_view username_does_not_exist = "username does not exist";
// approle
inline constexpr std::string_view missing_role_id = "missing role_id";
inline constexpr std::string_view missing_secret_id = "missing secret_id";
inline constexpr std::string_view invalid_role_or_secret_id = "invalid role or secret ID";
inline constexpr std::string_view approle_no_constraint =
  "at least one constraint should be enabled on the role";
inline constexpr std::string_view role_id_in_use = "role_id already in use";
inline constexpr std::string_view invalid_role_id_supplied =
  "invalid role_id supplied, or failed to generate a role_id";
inline constexpr std::string_view local_secret_ids_create_only =
  "local_secret_ids can only be modified during role creation";
inline constexpr std::string_view secret_id_num_uses_negative =
  "secret_id_num_uses cannot be negative";
inline constexpr std::string_view bind_secret_id_not_set = "bind_secret_id is not set on the role";
inline constexpr std::string_view num_uses_negative = "num_uses cannot be negative";
inline constexpr std::string_view num_uses_above_role =
  "num_uses cannot be higher than the role's secret_id_num_uses";
inline constexpr std::string_view ttl_above_role =
  "ttl cannot be longer than the role's secret_id_ttl";
inline constexpr std::string_view invalid_cidr_blocks = "invalid CIDR blocks";
/// `failed to validate CIDR blocks: <detail>` (a plain error: wrap it with handler_error)
std::string failed_to_validate_cidrs(std::string_view detail);
/// `failed to validate token CIDR blocks: <detail>` (a plain error)
std::string failed_to_validate_token_cidrs(std::string_view detail);
/// `role "<name>" does not exist`
std::string approle_role_missing(std::string_view name);
/// `period of "<p>" is greater than the backend's maximum lease TTL of "<max>"` (Go durations)
std::string approle_period_above_max(sim_duration period, sim_duration max);
inline constexpr std::string_view approle_token_max_ttl_above_mount =
  "token_max_ttl is greater than the backend mount's maximum TTL value; issued tokens' max TTL "
  "value will be truncated";
inline constexpr std::string_view default_service_adjusted =
  "default-service has no useful meaning; adjusting to service";
inline constexpr std::string_view default_batch_adjusted =
  "default-batch has no useful meaning; adjusting to batch";
/// `failed to parse metadata: <detail>`
std::string metadata_parse_failed(std::string_view detail);
/// strutil.ParseArbitraryKeyValues's texts
inline constexpr std::string_view kv_invalid_format =
  "failed to parse the input: invalid <key,value> format";
/// `failed to parse the input: invalid <key,value> pair: key: "<k>" value: "<v>"`
std::string kv_invalid_pair(std::string_view key, std::string_view value);
/// `invalid value for key "<k>"`
std::string kv_invalid_value(std::string_view key);
inline constexpr std::string_view tidy_started =
  "Tidy operation successfully started. Any information from the operation will be printed to "
  "Vault's server logs.";
// kubernetes
/// `missing <param>` (getFieldValueStr: "missing role", "missing jwt")
std::string k8s_missing(std::string_view param);
/// `invalid role name "<name>"`
std::string k8s_invalid_role_name(std::string_view name);
inline constexpr std::string_view k8s_no_config = "could not load backend configuration";
inline constexpr std::string_view k8s_namespace_not_authorized = "namespace not authorized";
inline constexpr std::string_view k8s_name_not_authorized = "service account name not authorized";
/// `"<field>" can not be empty`
std::string k8s_cannot_be_empty(std::string_view field);
inline constexpr std::string_view k8s_cannot_mix_star = "can not mix \"*\" with values";
/// `token period of '"<p>"' is greater than the backend's maximum lease TTL of '"<max>"'`
/// (the plugin's '%q' of Go duration strings)
std::string k8s_period_above_max(sim_duration period, sim_duration max);
inline constexpr std::string_view k8s_ttl_above_max =
  "token ttl should not be greater than token max ttl";
inline constexpr std::string_view k8s_max_ttl_above_mount =
  "max_ttl is greater than the system or backend mount's maximum TTL value; issued tokens' max TTL "
  "value will be truncated";
inline constexpr std::string_view k8s_invalid_alias_name_source =
  "invalid alias_name_source, must be one of: serviceaccount_uid, serviceaccount_name";
inline constexpr std::string_view k8s_no_host = "no host provided";
inline constexpr std::string_view k8s_ca_cert_required =
  "kubernetes_ca_cert must be given when disable_local_ca_jwt is true";

// --- the identity store (vault/identity_store*.go, identity_lookup.go) ---
inline constexpr std::string_view empty_alias_name = "empty alias name";
inline constexpr std::string_view entity_not_found_from_id = "entity not found from id";
inline constexpr std::string_view entity_name_in_use = "entity name is already in use";
inline constexpr std::string_view entity_policies_root = "policies cannot contain root";
inline constexpr std::string_view alias_id_or_factors =
  "'id' or 'mount_accessor' and 'name' must be provided";
/// `invalid mount accessor "<accessor>"`
std::string invalid_mount_accessor(std::string_view accessor);
inline constexpr std::string_view invalid_canonical_id = "invalid canonical ID";
inline constexpr std::string_view alias_exists_for_mount =
  "Alias already exists for requested entity and mount accessor";
inline constexpr std::string_view lookup_no_parameter = "query parameter not supplied";
inline constexpr std::string_view lookup_parameter_conflict =
  "query parameter conflict; please supply distinct set of query parameters";
inline constexpr std::string_view lookup_alias_needs_both =
  "both 'alias_name' and 'alias_mount_accessor' needs to be set";
// token_store.go handleCreateCommon, with a role's entity_alias
inline constexpr std::string_view invalid_entity_alias = "invalid 'entity_alias' value";
inline constexpr std::string_view entity_alias_disabled =
  "entity from given entity alias is disabled";

// --- the github auth method (builtin/credential/github path_config.go, path_login.go) ---
inline constexpr std::string_view github_organization_required =
  "organization is a required parameter";
/// `unable to fetch the organization_id, you must manually set it in the config: <go-github's
/// error>` (a plain error of the config write)
std::string github_no_organization_id(std::string_view cause);
inline constexpr std::string_view github_no_config = "configuration has not been set";
inline constexpr std::string_view github_not_in_org = "user is not part of required org";
/// `the organization name has changed to "<login>". It is recommended to verify and update the
/// organization name in the config: organization_id=<id>`
std::string github_org_renamed(std::string_view login, std::int64_t id);

/// command/util.go PrintRawField: `Field "<name>" not present in secret`
std::string field_not_present(std::string_view name);

// --- generating a root token (vault/generate_root.go, http/sys_generate_root.go,
// sdk/helper/roottoken, command/operator_generate_root.go) ---
inline constexpr std::string_view otp_wrong_length = "OTP string is wrong length";
inline constexpr std::string_view otp_or_pgp_required = "otp or pgp_key parameter must be provided";
inline constexpr std::string_view root_generation_in_progress = "root generation already in progress";
inline constexpr std::string_view no_root_generation = "no root generation in progress";
/// `incorrect nonce supplied; nonce for this root generation operation is "<nonce>"`
std::string incorrect_nonce(std::string_view nonce);
inline constexpr std::string_view key_share_given_twice =
  "given key has already been provided during this generation operation";
inline constexpr std::string_view key_share_required =
  "'key' must be specified in request body as JSON";
inline constexpr std::string_view key_share_not_hex_or_base64 =
  "'key' must be a valid hex or base64 string";
/// `invalid key: key is shorter than minimum 16 bytes` / `… longer than maximum 33 bytes`
std::string key_share_too_short(std::size_t min);
std::string key_share_too_long(std::size_t max);
/// A share of the right size that is not the unseal key: the stored keys do not decrypt.
inline constexpr std::string_view root_generation_wrong_key =
  "root generation aborted: unable to authenticate: unable to retrieve stored keys: invalid "
  "key: failed to decrypt keys from storage: cipher: message authentication failed";
/// roottoken.DecodeToken: `error decoding base64'd token: illegal base64 data at input byte N`
std::string decode_token_bad_base64(std::size_t at);
/// `error xoring token: length of byte slices is not equivalent: <a> != <b>`
std::string decode_token_lengths(std::size_t a, std::size_t b);
/// DecodeToken with an OTP length of 0 (xor.XORBase64): `error xoring token: <reason>`
std::string decode_token_xor_base64(std::string_view reason);
// the CLI (command/operator_generate_root.go)
inline constexpr std::string_view no_root_generation_cli =
  "No root generation is in progress. Start a root generation by running \"vault operator "
  "generate-root -init\".";
/// `If starting root generation using the OTP method and generating your own OTP, the length of
/// the OTP string needs to be <n> characters in length.`
std::string otp_length_hint(std::size_t n);
inline constexpr std::string_view missing_nonce = "Missing nonce value: specify it via the -nonce flag";
inline constexpr std::string_view missing_otp = "Missing otp: use -otp to supply it";
inline constexpr std::string_view otp_generated =
  "A One-Time-Password has been generated for you and is shown in the OTP field. You will need "
  "this value to decode the resulting root token, so keep it safe.";
inline constexpr std::string_view root_generation_canceled =
  "Success! Root token generation canceled (if it was started)";

// --- the lab's own refusal, for what it does not model ---
/// `<what> is not modelled by tokenlab yet`; `not_modelled_plural`: `<what> are …`
std::string not_modelled(std::string_view what);
std::string not_modelled_plural(std::string_view what);

} // namespace tokenlab::texts
