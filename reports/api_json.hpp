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

/// Serialises `j` as Go's json.MarshalIndent(j, "", "  ") does (including its escaping
/// of <, > and &), without a trailing newline.
std::string go_marshal_indent(const nlohmann::ordered_json& j);

} // namespace tokenlab
