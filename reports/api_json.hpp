#pragma once
// Vault's API responses as JSON, in the two shapes a learner meets:
//   * the CLI's `-format=json` output: the api.Secret struct of Vault's Go client
//     (api/secret.go, 1.14) re-encoded with json.MarshalIndent(…, "", "  ");
//   * the HTTP body Vault sends (sdk/logical/translate_response.go, 1.14), which the JSON
//     report keeps as the full record of a call.
// Key order follows the Go structs; maps are sorted as Go's encoder sorts them.

#include "model/api.hpp"
#include "model/vault_error.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace tokenlab {

/// Converts one `data` value: null, bool, number, string, array or object.
nlohmann::ordered_json to_json(const field_value& v);

/// Builds the api.Secret the CLI prints with -format=json: request_id, lease_id,
/// lease_duration, renewable, data, warnings, then auth (only when present) with
/// client_token, accessor, policies, token_policies, identity_policies, metadata, orphan,
/// entity_id, lease_duration, renewable, mfa_requirement. Empty lists and maps are null,
/// as Go's client decodes absent or null fields to nil.
nlohmann::ordered_json cli_secret_json(const api_response& r);

/// Builds the HTTP response body of translate_response.go: request_id, lease_id,
/// renewable, lease_duration, data, wrap_info, warnings, auth (null or the HTTPAuth
/// fields, token_policies and identity_policies omitted when empty).
nlohmann::ordered_json http_response_json(const api_response& r);

/// Builds the JSON of one data value, as Go's encoder writes it.
nlohmann::ordered_json field_json(const field_value& v);

/// Builds Vault's error body, `{"errors": [...]}`.
nlohmann::ordered_json http_error_json(const vault_error& e);

/// Builds what `vault auth list -format=json` (`auth` true) or `vault secrets list
/// -format=json` prints: path -> api.MountOutput (Vault 1.14 api/sys_mounts.go: uuid, type,
/// description, accessor, config {default_lease_ttl, max_lease_ttl, force_no_cache, and
/// token_type for an auth method}, options, local, seal_wrap, external_entropy_access,
/// plugin_version, running_plugin_version, running_sha256, deprecation_status), read from the
/// rows of the mount table (model/mount_table.hpp), so that both forms say the same.
nlohmann::ordered_json mount_list_json(const api_response& r, bool auth);

/// Builds what `vault status -format=json` prints: command/format.go SealStatusOutput, the
/// fields of api.SealStatusResponse then those of sys/leader (ha_enabled; is_self,
/// leader_address, leader_cluster_address, performance_standby and its last remote WAL only
/// when set; active_time always, Go's zero time when the node is not the active one).
nlohmann::ordered_json seal_status_json(const api_response& r);

/// Serialises `j` as Go's json.MarshalIndent(j, "", "  ") does (including its escaping
/// of <, > and &), without a trailing newline.
std::string go_marshal_indent(const nlohmann::ordered_json& j);

} // namespace tokenlab
