#pragma once
// The API calls a client makes (the runner's steps, a fleet's clients), as the core receives
// them: one vault_request, its token and its operation. The token endpoints', leases' and
// capabilities' requests are in model/api.hpp.

#include "model/api.hpp"
#include "model/inline_string.hpp"

#include <map>
#include <string>
#include <variant>

namespace tokenlab {

/// `sys/mounts/<path>` (vault secrets enable).
struct secrets_enable_request {
  std::string type;
  std::string path;                             ///< with a trailing '/'
  std::map<std::string, std::string> options{}; ///< {"version": "2"} (-version, kv-v2)
};
/// A logical read (`vault read PATH`).
struct logical_read_request {
  std::string path;
  std::map<std::string, std::string> params{}; ///< query parameters (`vault kv get -version=N`)
};
/// A logical write (`vault write PATH k=v …`).
struct logical_write_request {
  std::string path;
  std::map<std::string, std::string> fields;
  /// A typed JSON body, as `vault kv …` sends it ({"data": {…}, "options": {…}}); when set,
  /// it is the request's data and `fields` is empty.
  data_map body{};
  /// An HTTP PATCH (`application/merge-patch+json`, `vault kv patch`): needs the `patch`
  /// capability; only KV v2's data/ path takes one.
  bool patch = false;
};

/// `vault list PATH` and `vault delete PATH`.
struct logical_list_request {
  std::string path;
};
struct logical_delete_request {
  std::string path;
};
/// `sys/policy/<name>` (vault policy write / read).
struct policy_write_request {
  std::string name;
  std::string text;
};
struct policy_read_request {
  std::string name;
};
/// `sys/auth/<path>` (vault auth enable).
struct auth_enable_request {
  std::string type;
  std::string path; ///< "userpass/"
};
/// `GET sys/auth` (vault auth list): the auth mount table.
struct auth_list_request {};
/// A login on an auth mount: unauthenticated (`vault login -method=…`, or a write to
/// `auth/<mount>/login…`).
struct login_request {
  std::string mount; ///< "auth/userpass/"
  std::string path;  ///< "auth/userpass/login/alice"
  std::map<std::string, std::string> fields;
};

/// One API call: the operation and the token it is made with (X-Vault-Token).
struct vault_request {
  /// The client token (a service token's ID has its characters in place: no heap block for
  /// each copy of a request on its way).
  token_id_string token;
  std::variant<token_create_request, token_lookup_request, token_renew_request,
               token_revoke_request, mount_tune_request, secrets_enable_request,
               logical_read_request, logical_write_request, lease_revoke_request,
               logical_list_request, logical_delete_request, policy_write_request,
               policy_read_request, capabilities_request, lease_lookup_request, lease_renew_request,
               auth_enable_request, login_request, auth_list_request>
    op;
  /// A counting client's (a fleet's): its answer is counted, never shown, so it gets no
  /// request ID, and the token store may answer it itself (docs/decisions.md). Otherwise the
  /// core draws the ID of a successful answer from its own stream when the answer comes.
  bool counted = false;
};

} // namespace tokenlab
