#pragma once
// Trace events: what happened inside the simulated Vault, as typed values. Actors emit
// them (they never print); reports/ turns them into text. Each event has the virtual time
// it happened at and a sequence number that orders events at the same time.

#include "clock/sim_time.hpp"
#include "model/ttl.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace tokenlab {

enum class trace_kind {
  token_created,       ///< subject: token id; related: parent id ("" for orphans)
  token_renewed,       ///< subject: token id; ttl: the decision
  token_expired,       ///< subject: token id: its TTL ran out (the tree revocation follows)
  token_revoked,       ///< subject: token id; cause says why
  token_orphaned,      ///< subject: child id whose parent was revoked with -mode=orphan
  lease_created,       ///< subject: lease id; related: owning token id; ttl: the decision
  lease_renewed,       ///< subject: lease id; ttl: the decision
  lease_expired,       ///< subject: lease id
  lease_revoked,       ///< subject: lease id; related: owning token id
  credential_created,  ///< subject: credential name (e.g. IAM user); credential: what it is
  credential_deleted,  ///< subject: credential name; credential: what it was
  storage_put,         ///< subject: storage key
  storage_delete,      ///< subject: storage key
  timer_fired,         ///< subject: token or lease id whose expiry timer fired
  mount_tuned,         ///< subject: mount path; detail: the new effective values
  engine_enabled,      ///< subject: mount path; detail: engine type
  engine_disabled,     ///< subject: mount path; detail: engine type
  config_written,      ///< subject: the configuration path written (a role, a policy)
  token_used,          ///< subject: token id; uses_left: its use count after this request
  cubbyhole_destroyed, ///< subject: token id whose cubbyhole was emptied at revocation
};

/// Why a token or lease went away.
enum class trace_cause {
  none,
  request,        ///< an API request (vault token revoke, vault lease revoke, ...)
  ttl_expired,    ///< its own TTL ran out
  parent_revoked, ///< its parent token was revoked (tree revocation)
  owner_revoked,  ///< the token holding the lease was revoked
  last_use,       ///< a use-limited token finished its last use
};

/// What a credential event says of its credential, as facts (reports/ words them).
struct credential_facts {
  enum class type { iam_user, sts, database_user, secret_id };
  /// Why an AppRole secret ID was deleted.
  enum class end { none, role_deleted, tidied, used_up };
  type what = type::iam_user;
  std::string access_key;      ///< AWS: the access key ID
  std::string credential_type; ///< STS: the role's credential_type
  std::int64_t valid_s = 0;    ///< STS: how long AWS keeps it valid, in seconds
  std::string secret_id{};     ///< AppRole, created: the secret ID (the subject is its accessor)
  std::string role{};          ///< AppRole: its role
  end why = end::none;         ///< AppRole, deleted: why
};

/// What a config_written event did to its path, as facts (reports/ words them): an auth
/// method's configuration deleted, or a change of the identity store's entities (its
/// subject is then the entity's path, `identity/entity/id/<id>`).
struct config_facts {
  enum class change {
    deleted,        ///< the path's configuration (a user, a role, a team map) is gone
    entity_created, ///< by a write, or by a login with its first alias (`alias`, `mount`)
    entity_updated,
    entity_deleted,
    alias_added,   ///< an entity alias written for the entity
    alias_updated, ///< a login changed its alias's metadata
  };
  change what = change::deleted;
  std::string entity; ///< the entity's name
  std::string alias;  ///< the alias's name
  std::string mount;  ///< the alias's auth mount ("auth/userpass/")
};

/// A tune's effect (mount_tuned): the mount's effective TTLs, with where each comes from,
/// and an auth method's token type (not the token mount's, nor a secrets engine's). The
/// report words it (model/tune.hpp tune_detail).
struct tune_facts {
  system_view view;
  std::optional<std::string> token_type;
};

struct trace_event {
  sim_time at{};
  std::uint64_t seq = 0; ///< filled by the trace sink: 1, 2, 3, ... per run
  trace_kind kind = trace_kind::token_created;
  trace_cause cause = trace_cause::none;
  std::string subject;
  std::string related;
  std::string detail; ///< engine_enabled, engine_disabled: the mount's engine type
  std::optional<credential_facts> credential; ///< credential_created, credential_deleted
  std::optional<config_facts> config;         ///< config_written: what changed, when said
  std::optional<tune_facts> tune;             ///< mount_tuned
  std::optional<std::int64_t> uses_left;      ///< token_used: -1 after its last use
  std::optional<ttl_decision> ttl;
  /// token_created, token_renewed, lease_created, lease_renewed: when the token or lease
  /// now ends (unset: never). The invariant checker (runner/invariants.hpp) holds each
  /// expiry and revocation to it.
  std::optional<sim_time> expires;
};

/// Stable lower-case names used in reports and JSON ("token_created", "ttl_expired").
const char* to_string(trace_kind k);
const char* to_string(trace_cause c);

} // namespace tokenlab
