#pragma once
// The expiration manager's rules that hold for every lease, a secret's or a token's
// (vault/expiration.go, Vault 1.14): a secret lease's TTL at issue and at renewal (Register,
// Renew), whether a lease can be renewed now (leaseEntry.renewable),
// what `sys/leases/lookup` answers (logical_system.go handleLeaseLookup), the lease of a
// service token (RegisterAuth: path.Join(te.Path, salted ID)), and which leases a prefix
// revocation reaches, in the order Vault revokes them (revokePrefixCommon over
// logical.CollectKeys).

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/inline_string.hpp"
#include "model/token_entry.hpp"
#include "model/trace.hpp"
#include "model/ttl.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// A lease on a dynamic secret as the expiration manager keeps it (leaseEntry), e.g.
/// `aws/creds/deploy/<24 base62>`.
/// A secret lease as the expiration manager keeps it, but for its ID: the registry's key (and
/// a revoking lease's actor's state) holds that.
struct lease_entry {
  token_id_string owner; ///< the token the lease belongs to
  std::string handle; ///< the engine's name for the secret (IAM user name)
  sim_time issue_time{};
  sim_time expire_time{};
  sim_duration ttl{0};
  bool renewable = true;
  sim_duration backend_ttl{0};     ///< what the engine asked for (renewals reuse it)
  sim_duration backend_max_ttl{0}; ///< the engine's max, if any
  std::optional<sim_time> last_renewal;
  /// A batch token's expiry: a lease read with a batch token never outlives it, at issue
  /// and at every renewal (spec §6.1).
  std::optional<sim_time> cap;
  /// The engine's renew handler panics (a kv `leased_passthrough` lease): a renewal that
  /// passes the expiration manager's checks gets no response.
  bool renew_panics = false;
};

/// A secret lease issued at `now` (ExpirationManager.Register after the backend's
/// CalculateTTL over the mount's `view`, from the engine's `backend_ttl` and
/// `backend_max_ttl`): sets `e`'s issue time, TTL (the decision's, which the response shows)
/// and expiry (cut to `cap`, a batch token's expiry). Returns the decision, or its error.
outcome<ttl_decision> issue_secret_lease(lease_entry& e, const system_view& view, sim_time now);

/// Whether a revocation for `cause` that reaches a secret lease at `now` finds it expired
/// instead: at or after its expiry instant, its own timer, due then, would have ended it
/// (docs/decisions.md, "Fleets follow the reference workload's access rule"). Its timer's
/// own revocation (ttl_expired) is the expiry already.
bool revocation_finds_expired(const lease_entry& e, trace_cause cause, sim_time now);

/// ExpirationManager.Renew of a secret lease at `now` by `increment` (≤ 0: the engine's TTL):
/// `lease expired` and `lease is not renewable` (400) first; a lease whose engine panics on
/// renewal gets no response (status 0, the CLI's EOF) and is left as it was; otherwise
/// CalculateTTL with the max counting from the issue time, cut to `cap`, sets `e`'s expiry,
/// TTL and last renewal. Returns the decision, or the error.
outcome<ttl_decision> renew_secret_lease(lease_entry& e, const system_view& view,
                                         sim_duration increment, sim_time now);

/// What the expiration manager keeps of a lease's times (leaseTimesForExport).
struct lease_times {
  sim_time issue_time{};
  std::optional<sim_time> expire_time; ///< nullopt: never expires (a root token's lease)
  std::optional<sim_time> last_renewal;
  bool renewable = true; ///< the secret's or the auth's own Renewable flag
};

/// leaseEntry.renewable(): the reason a lease cannot be renewed at `now` (`lease is not
/// renewable`, `lease expired`), or nullopt when it can.
std::optional<std::string_view> lease_not_renewable(const lease_times& t, sim_time now);

/// handleLeaseLookup: id, issue_time, expire_time (null without one), last_renewal (null
/// until the first renewal), renewable, ttl (0 without an expiry).
data_map lease_lookup_data(const std::string& id, const lease_times& t, sim_time now,
                           std::int64_t epoch_unix);

/// The times of a secret's lease.
lease_times secret_lease_times(const lease_entry& e);

/// The times of a service token's lease, as RegisterAuth and RenewToken keep them.
lease_times token_lease_times(const token_entry& e);

/// A service token's lease ID: path.Join(te.Path, salted ID) (RegisterAuth, RevokeByToken).
std::string token_lease_id(std::string_view creation_path, std::string_view salted_id);

/// revokePrefixCommon: the leases of `ids` (sorted) that a revocation of `prefix` reaches, in
/// Vault's order. A prefix without a trailing '/' that is itself a lease ID names that lease
/// alone; otherwise a '/' is added and every lease below is taken as ScanView walks the
/// storage: the keys of a folder in order, then its subfolders, the last one first.
std::vector<std::string> prefix_revocation_order(const std::vector<std::string>& ids,
                                                 std::string prefix);

} // namespace tokenlab
