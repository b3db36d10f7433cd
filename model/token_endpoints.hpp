#pragma once
// The token store's lookup, renew, revoke and tidy endpoints reached as paths (`vault write
// auth/token/lookup token=…`, `vault read auth/token/lookup-self`), as Vault 1.14's
// vault/token_store.go declares them: each path's fields (token, accessor: TypeString;
// increment: TypeDurationSecond), the operations it takes (lookup and lookup-self also read;
// the others only update) and what its handler does with an empty field. The result is the
// typed request that the `vault token …` commands send, so both reach the same handler.
//
//  * lookup (read or update): an empty or missing `token` looks up the calling token
//    (handleLookup falls back to req.ClientToken); lookup-self ignores `token`.
//  * renew, revoke, revoke-orphan: an empty `token` is the handler's `missing token ID`;
//    the -accessor paths' empty `accessor` is `missing accessor` (the token store answers both).
//  * renew-self, revoke-self name the calling token; tidy has nothing to tidy in the lab.
//  * None of these paths has an existence check, so a write needs `update` (and a read
//    `read`); a path's other operations are Vault's 405 `unsupported operation`.

#include "model/acl.hpp"
#include "model/api.hpp"
#include "model/fields.hpp"
#include "model/requests.hpp"
#include "model/vault_error.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace tokenlab {

/// `auth/token/tidy`: Vault starts a background tidy and answers 202 with a warning.
struct token_tidy_request {};

/// One of the token endpoints' requests.
using token_api_request = std::variant<token_lookup_request, token_renew_request,
                                       token_revoke_request, token_tidy_request>;

/// The typed token lookup, renew or revoke a request is, if it is one.
std::optional<token_api_request> token_api_of(const vault_request& req);

/// A token endpoint's request with its schema (for the ignored-parameters warning).
struct token_api_call {
  token_api_request op;
  field_schema schema;
};

/// The request a write (`read` false) or a read of `path` makes: nullopt when `path` is
/// none of the token endpoints above; a 405 `unsupported operation` for a read of a path
/// that only takes writes; a 400 `Field validation failed: …` for a bad increment.
std::optional<outcome<token_api_call>> token_request_from_fields(const std::string& path,
                                                                 const field_map& fields,
                                                                 bool read);

/// The ACL check a typed token request meets before its handler (request_handling.go checks
/// the path the request names): `auth/token/<op>`, `-self` or `-accessor` as the request names
/// the token (`revoke-orphan` for an orphaning revoke); `read` for lookup-self (the `vault
/// token lookup` command reads it), `update` for the others. revoke-orphan also needs `sudo`
/// there (handleRevokeOrphan's SudoPrivilege), which its handler checks.
struct endpoint_check {
  std::string_view path; ///< a path of static storage

  capability needed = capability::update;
};
endpoint_check token_endpoint_check(const token_api_request& op);

/// `sys/capabilities`, `sys/capabilities-self` and `sys/capabilities-accessor` written with the
/// API's fields (logical_system_paths.go capabilitiesPaths: `token` or `accessor`, TypeString;
/// `paths` and the deprecated `path`, TypeCommaStringSlice, `paths` first). nullopt for any
/// other path. The handlers' own checks (missing accessor, no token found, paths must be
/// supplied) are the core's, which knows the tokens.
std::optional<outcome<capabilities_request>> capabilities_from_fields(const std::string& path,
                                                                      const field_map& fields);

/// The schema of a capabilities path (for the ignored-parameters warning).
field_schema capabilities_schema(token_selector by);

} // namespace tokenlab
