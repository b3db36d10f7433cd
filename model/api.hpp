#pragma once
// The value types of Vault's HTTP API that tokenlab models: the typed requests the lab's
// actors take, and the response envelope of sdk/logical/translate_response.go (1.14):
//   {request_id, lease_id, renewable, lease_duration, data, wrap_info, warnings, auth}
// Reports turn an api_response into the CLI's table or into the API's JSON; nothing here
// knows about either format.

#include "clock/sim_time.hpp"
#include "model/boxed.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tokenlab {

struct field_object;
struct field_list;

/// A value in a response's `data` map. Durations are integer seconds (as in Vault's JSON);
/// the CLI decides by key name which integers to print as durations. A field_object is a
/// nested JSON object whose values are typed too (KV v2's `data` and `metadata`); a
/// field_list a JSON array of typed values (an entity's `aliases`, each an object).
using field_value =
  std::variant<std::monostate, bool, std::int64_t, std::string, std::vector<std::string>,
               std::map<std::string, std::string>, field_object, field_list>;

/// A nested object of typed values, shared and immutable once built (a value: copies share
/// it, equality compares the contents).
struct field_object {
  std::shared_ptr<const std::map<std::string, field_value>> fields;
  const std::map<std::string, field_value>& get() const;
};

/// A nested array of typed values, shared and immutable once built, like field_object.
struct field_list {
  std::shared_ptr<const std::vector<field_value>> items;
  const std::vector<field_value>& get() const;
};

/// A `data` map; sorted by key, as Go's encoder and the CLI print it.
using data_map = std::map<std::string, field_value>;

/// Wraps a map as a nested object.
inline field_object make_object(data_map fields) {
  return field_object{std::make_shared<const data_map>(std::move(fields))};
}

inline const data_map& field_object::get() const {
  static const data_map empty;
  return fields ? *fields : empty;
}

inline field_list make_list(std::vector<field_value> items) {
  return field_list{std::make_shared<const std::vector<field_value>>(std::move(items))};
}

inline const std::vector<field_value>& field_list::get() const {
  static const std::vector<field_value> empty;
  return items ? *items : empty;
}

inline bool operator==(const field_list& a, const field_list& b) {
  return a.get() == b.get();
}
inline bool operator!=(const field_list& a, const field_list& b) {
  return !(a == b);
}

inline bool operator==(const field_object& a, const field_object& b) {
  return a.get() == b.get();
}
inline bool operator!=(const field_object& a, const field_object& b) {
  return !(a == b);
}

struct token_entry; // model/token_entry.hpp

/// The `auth` block of a create, renew or login response.
///
/// Its token's own fields (accessor, token policies, metadata, entity) are read from the
/// token's entry as it answered, which the block shares with the token store instead of
/// copying them: an entry is never changed once others hold it (model/token_entry.hpp), and a
/// client that reads only the token and its TTL (a fleet's) does not touch them. A block built
/// from something else (a lookup's table, a test) sets them in an entry of its own
/// (own_token).
struct auth_block {
  /// The token as the request supplied it, when it is not `token`'s own ID (set by hand);
  /// client_token() is what to read.
  std::string given_token;
  /// The client token is `token`'s own ID (make_auth_block), shared rather than copied.
  bool shows_token_id = false;
  std::int64_t lease_duration = 0; ///< seconds; 0 = never expires
  bool renewable = false;
  std::string token_type = "service";
  bool orphan = false;
  std::int64_t num_uses = 0;
  /// The entity's policies (set when the answer is shown: actors/caller.hpp show_answer).
  std::vector<std::string> identity_policies;
  /// Token and identity policies, when they are not the token's own (an entity that grants
  /// some); unset, policies() is token_policies().
  std::optional<std::vector<std::string>> all_policies;
  /// The token's entry as it answered; null: none of its fields are set.
  std::shared_ptr<const token_entry> token;
  /// Its token_policies() are known to be sanitized (the token store's record says so), so
  /// that showing the answer need not read them again (actors/caller.hpp show_answer).
  bool sanitized_token_policies = false;

  /// The token as the request supplied it ("" where the answer shows none, as a
  /// renew-accessor's).
  std::string_view client_token() const;
  void set_client_token(std::string t) {
    given_token = std::move(t);
    shows_token_id = false;
  }
  std::string_view accessor() const;
  const std::vector<std::string>& token_policies() const;
  const std::map<std::string, std::string>& metadata() const;
  std::string_view entity_id() const;
  /// Token + identity policies.
  const std::vector<std::string>& policies() const {
    return all_policies ? *all_policies : token_policies();
  }
  /// The token's fields to set by hand: an entry of the block's own, a copy of the one it
  /// shared if any. Take it once and set what it needs.
  token_entry& own_token();
};

/// A successful API response. Status 204 means "no body" (the CLI then prints its own
/// success line).
struct api_response {
  int status = 200;
  std::string request_id;
  std::string lease_id;
  bool renewable = false;
  std::int64_t lease_duration = 0;
  std::optional<data_map> data;
  std::vector<std::string> warnings;
  /// On the heap: a response crosses several actors' messages, and each hop moves it.
  boxed<auth_block> auth;
};

/// Token type as requested or stored.
enum class token_type { service, batch };

/// `auth/token/create` and `auth/token/create-orphan` (command/token_create.go flags).
struct token_create_request {
  bool orphan_endpoint = false;      ///< auth/token/create-orphan
  std::vector<std::string> policies; ///< -policy (repeatable); empty: none requested
  std::map<std::string, std::string> meta;
  bool no_parent = false; ///< -orphan
  bool no_default_policy = false;
  bool renewable = true; ///< -renewable (default true)
  sim_duration ttl{0};
  sim_duration explicit_max_ttl{0};
  sim_duration period{0};
  std::string display_name;
  std::int64_t num_uses = 0;    ///< -use-limit
  /// "service" | "batch" | other (refused); "" when not sent (only a raw API write leaves it
  /// out: the CLI's -type defaults to "service"), which lets a role's default-batch decide.
  std::string type = "service";
  /// The CLI always sends explicit_max_ttl ("0s"); a raw API write may leave it out, which
  /// changes which batch restriction Vault checks (spec §2.7, the first-match quirk).
  bool explicit_max_ttl_sent = true;
  std::string id;           ///< -id (custom token id)
  std::string role;         ///< -role: create through auth/token/create/<role>
  std::string entity_alias; ///< -entity-alias (with a role: the token's entity's alias)
  // What only a raw API write (`vault write auth/token/create …`) can carry:
  /// Duration fields ParseDurationSecond refuses (field -> Go's text): handleCreateCommon
  /// reports each at its own step, so the request keeps them until then.
  std::map<std::string, std::string> unparsed;
  bool ttl_from_lease = false; ///< the deprecated `lease` field gave the TTL
  /// The handler's own decoding of the body failed (mapstructure's text): 1.14.0 answers
  /// `Error decoding request: …` once the caller has been checked.
  std::optional<std::string> decode_error;
  /// The framework's warnings (ignored or replaced parameters), after the handler's own.
  std::vector<std::string> framework_warnings;
};

/// How a token is named in a lookup/renew/revoke request.
enum class token_selector {
  self,     ///< the calling token (…-self endpoints)
  token,    ///< a token string in the body
  accessor, ///< an accessor (…-accessor endpoints)
};

/// `auth/token/lookup`, `lookup-self`, `lookup-accessor`.
struct token_lookup_request {
  token_selector by = token_selector::self;
  std::string value;
};

/// `auth/token/renew`, `renew-self`, `renew-accessor`.
struct token_renew_request {
  token_selector by = token_selector::self;
  std::string value;
  sim_duration increment{0};
};

/// `auth/token/revoke`, `revoke-self`, `revoke-accessor`, `revoke-orphan`.
struct token_revoke_request {
  token_selector by = token_selector::token;
  std::string value;
  bool orphan_children = false; ///< revoke-orphan: children become orphans
};

/// `sys/capabilities-self`, `sys/capabilities`, `sys/capabilities-accessor`: the capabilities
/// of the caller, a token or an accessor's token on each of `paths`.
struct capabilities_request {
  token_selector by = token_selector::self;
  std::string value;
  std::vector<std::string> paths;
};

/// `sys/leases/revoke`, `sys/leases/revoke-prefix/<prefix>`, `sys/leases/revoke-force/<prefix>`.
struct lease_revoke_request {
  std::string lease_id;
  bool prefix = false;
  bool force = false;
  bool sync = true; ///< the API's default; the CLI sends false unless -sync
};
/// `sys/leases/lookup`.
struct lease_lookup_request {
  std::string lease_id;
};
/// `sys/leases/renew`.
struct lease_renew_request {
  std::string lease_id;
  sim_duration increment{0};
};

/// `sys/auth/<path>/tune` (and `sys/mounts/<path>/tune`); model/tune.hpp applies it.
struct mount_tune_request {
  std::string mount; ///< "auth/token/", "aws/"
  /// Unset: the mount keeps its value (the field was "" or not sent); 0: "system", the
  /// system's value again; else the value, which an API write may send negative.
  std::optional<sim_duration> default_lease_ttl;
  std::optional<sim_duration> max_lease_ttl;
  /// A TTL text that parseutil.ParseDurationSecond refuses (field -> Go's text): the handler
  /// reports it in its own order.
  std::map<std::string, std::string> unparsed;
  std::optional<std::string> token_type; ///< sent only when given (the CLI omits "")
};

} // namespace tokenlab
