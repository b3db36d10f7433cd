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
  credential_created,  ///< subject: credential name (e.g. IAM user); detail: access key
  credential_deleted,  ///< subject: credential name
  storage_put,         ///< subject: storage key
  storage_delete,      ///< subject: storage key
  timer_fired,         ///< subject: token or lease id whose expiry timer fired
  mount_tuned,         ///< subject: mount path; detail: the new effective values
  engine_enabled,      ///< subject: mount path; detail: engine type
  engine_disabled,     ///< subject: mount path; detail: engine type
  config_written,      ///< subject: the configuration path written (a role, a policy)
  token_used,          ///< subject: token id; detail: its use count after this request
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

struct trace_event {
  sim_time at{};
  std::uint64_t seq = 0; ///< filled by the trace sink: 1, 2, 3, ... per run
  trace_kind kind = trace_kind::token_created;
  trace_cause cause = trace_cause::none;
  std::string subject;
  std::string related;
  std::string detail;
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
