#pragma once
// Vault's TTL rule, `framework.CalculateTTL` (sdk/framework/lease.go), with the inputs it
// reads: the system config (`default_lease_ttl`, `max_lease_ttl`) and a mount's tune, whose
// non-zero values replace the system's (vault/dynamic_system_view.go fetchTTLs).
//
// The result carries not only the TTL and its warning but every number of the formula
// (which max, from where, the deadline, what remained, what was asked for): reports print
// them because that is exactly what learners get wrong.

#include "clock/sim_time.hpp"
#include "model/vault_error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tokenlab {

/// The server's config file values (Vault's defaults: 768h and 768h).
struct system_config {
  sim_duration default_lease_ttl = std::chrono::hours{768};
  sim_duration max_lease_ttl = std::chrono::hours{768};
};

/// A mount's tuned values; zero means "inherit the system value" (`system` in the CLI).
/// model/tune.hpp says how a tune request changes them.
struct mount_tune {
  sim_duration default_lease_ttl{0};
  sim_duration max_lease_ttl{0};
  /// An auth mount's Config.TokenType: the type of token its logins get
  /// ("default-service" | "default-batch" | "service" | "batch"; vault/router.go).
  std::string token_type = "default-service";

  friend bool operator==(const mount_tune& a, const mount_tune& b) {
    return a.default_lease_ttl == b.default_lease_ttl && a.max_lease_ttl == b.max_lease_ttl &&
           a.token_type == b.token_type;
  }
  friend bool operator!=(const mount_tune& a, const mount_tune& b) { return !(a == b); }
};

/// Where an effective default or max came from.
enum class ttl_source { system_config, mount_tune };

/// The values CalculateTTL reads for one mount, and where each came from.
struct system_view {
  std::string mount; ///< e.g. "auth/token/", "aws/"
  sim_duration default_lease_ttl{0};
  ttl_source default_source = ttl_source::system_config;
  sim_duration max_lease_ttl{0};
  ttl_source max_source = ttl_source::system_config;
};

/// The effective view of `mount`: a non-zero tuned value replaces the system value.
system_view effective_view(const system_config& sys, const mount_tune& tune, std::string mount);

/// Which input became the TTL before capping.
enum class ttl_basis {
  period,         ///< periodic: TTL = period, the increment is ignored
  increment,      ///< renewal with an increment
  backend_ttl,    ///< the requested ttl (creation) or the last granted TTL (renewal)
  system_default, ///< nothing requested: the mount/system default TTL
};

/// Which limit set the effective max TTL.
enum class max_basis { system_view, backend_max, explicit_max };

/// The inputs of CalculateTTL. Durations of zero mean "not set".
struct ttl_request {
  sim_duration increment{0};
  sim_duration backend_ttl{0};
  sim_duration period{0};
  sim_duration backend_max_ttl{0};
  sim_duration explicit_max_ttl{0};
  std::optional<sim_time> start; ///< unset: now (creation); renewal: the lease issue time
  sim_time now{};
};

/// A lease read with a batch token ends no later than the token (vault/expiration.go):
/// what that cut, when it cut something (model/ttl.hpp cap_to_token_expiry).
struct token_expiry_cap {
  sim_time expiry{};       ///< the batch token's expiry: the lease's too
  sim_duration left{0};    ///< from now to that expiry
  bool in_response = false; ///< a renewal's response shows `left`; a creation's keeps the TTL
};

/// CalculateTTL's answer with the numbers that produced it.
struct ttl_decision {
  sim_duration ttl{0};               ///< granted TTL
  std::vector<std::string> warnings; ///< the period cap warning, then the TTL cap warning
                                     ///< (both when a capped period also passes the deadline)
  // The formula, for reports.
  system_view view;
  sim_duration max_ttl{0}; ///< effective max after backend and explicit max
  max_basis max_from = max_basis::system_view;
  ttl_basis basis = ttl_basis::system_default;
  sim_duration requested{0};             ///< TTL before capping (period after its own cap)
  sim_time start{};                      ///< truncated start
  sim_time now{};                        ///< truncated now
  std::optional<sim_time> deadline;      ///< start + max (non-periodic) or start + explicit max
  std::optional<sim_duration> remaining; ///< deadline - now, when there is a deadline
  bool capped = false;                   ///< the TTL or period was lowered to the limit
  std::optional<token_expiry_cap> token_cap; ///< set by cap_to_token_expiry when it cut
};

/// The expiry of a lease read with a batch token whose expiry is `token_expiry` (none: no
/// cap), after CalculateTTL granted `d` at `now`. ExpirationManager.Register caps only the
/// lease's expiry, so the response still shows d.ttl; ExpirationManager.Renew cuts the
/// response's TTL as well (`renewal`). Records the cut in d.token_cap when there is one.
sim_time cap_to_token_expiry(ttl_decision& d, sim_time now, std::optional<sim_time> token_expiry,
                             bool renewal);

/// framework.CalculateTTL. Errors: `max TTL must be greater than zero` (no limit is
/// positive) and `past the max TTL, cannot renew` (the deadline has passed); both are
/// returned with status 500, as the renewal path does.
outcome<ttl_decision> calculate_ttl(const system_view& view, const ttl_request& req);

} // namespace tokenlab
