#pragma once
// The fields of a named result (`expect r.token_duration == 4h`, `$t.accessor`), in one
// table that the parser and the runner both read: the parser refuses a field that no result
// of that kind has, with a suggestion; the runner reads values through the same table
// (runner/fields.cpp). What a result holds depends on the command that produced it:
//
// * a token response (token create, token renew, login): the auth block under the CLI
//   table's keys (token, token_accessor, token_duration, token_renewable, token_policies,
//   identity_policies, policies, token_meta_KEY), a few short forms (accessor, ttl, type)
//   and the API JSON's auth.KEY; its top-level lease_duration and renewable are the API
//   JSON's own (0 and false: a token's TTL is in the auth block);
// * a token lookup: the keys of its data (model/token_rules.hpp token_lookup_keys), also
//   written data.KEY, and meta.KEY for one entry of its metadata;
// * no body (token revoke, tunes, enables, policy write, lease revoke): the common fields;
// * anything whose fields depend on the path or the mount (read, write, list, delete, auth
//   list, lease lookup, ...): any name, which the runner looks up when the step has run.
//
// Every result has the common fields (status, error, errors, warnings, request_id, lease_id,
// lease_duration, renewable, storage.writes, storage.deletes, node, served), and
// FIELD.length is the length of FIELD (a list's items, a map's keys, a text's bytes).

#include "language/scenario.hpp"
#include "model/api.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// What a result holds, as the command that produced it decides.
enum class result_kind {
  open,           ///< fields depend on the path: any name
  token_response, ///< token create, token renew, login
  token_lookup,   ///< token lookup
  no_body,        ///< token revoke, auth/secrets tune and enable, policy write, lease revoke
};

/// What the parser knows of a named result.
struct result_info {
  result_kind kind = result_kind::open;
  std::string what; ///< for messages: "a token create result"
};

/// The kind of result `cmd` produces.
result_kind result_kind_of(const vault_command& cmd);

/// A field every result has.
enum class common_field {
  status,
  error,
  errors,
  warnings,
  request_id,
  lease_id,
  lease_duration,
  renewable,
  storage_writes,
  storage_deletes,
  node,
  served,
};

/// The common field named `name`, if it is one.
std::optional<common_field> find_common_field(std::string_view name);

/// The value of `field` in a token response's auth block: a CLI table key, a short form,
/// `metadata.KEY` or `token_meta_KEY`; with `json_only`, only the API's own keys (what
/// follows `auth.`). nullopt when the block has no such field.
std::optional<field_value> auth_field_value(const auth_block& a, std::string_view field,
                                            bool json_only);

/// `FIELD.length` -> FIELD; nullopt when `field` asks for no length.
std::optional<std::string_view> length_target(std::string_view field);

/// The length of a value: a list's items, a map's keys, a text's bytes; null is 0. nullopt
/// for a number or a boolean, which have no length.
std::optional<std::int64_t> value_length(const field_value& v);

/// Tells whether results of `kind` can have `field`. When not, `suggestion` is the closest
/// field name ("" if none is close) and `fields` lists what they have, for the message.
bool known_field(result_kind kind, std::string_view field, std::string& suggestion,
                 std::string& fields);

} // namespace tokenlab
