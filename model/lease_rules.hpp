#pragma once
// The expiration manager's rules that hold for every lease, a secret's or a token's
// (vault/expiration.go, Vault 1.14): whether a lease can be renewed now (leaseEntry.renewable),
// what `sys/leases/lookup` answers (logical_system.go handleLeaseLookup), the lease of a
// service token (RegisterAuth: path.Join(te.Path, salted ID)), and which leases a prefix
// revocation reaches, in the order Vault revokes them (revokePrefixCommon over
// logical.CollectKeys).

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/token_entry.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

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

/// The times of a service token's lease, as RegisterAuth and RenewToken keep them.
lease_times token_lease_times(const token_entry& e);

/// A service token's lease ID: path.Join(te.Path, salted ID) (RegisterAuth, RevokeByToken).
std::string token_lease_id(const std::string& creation_path, const std::string& salted_id);

/// revokePrefixCommon: the leases of `ids` (sorted) that a revocation of `prefix` reaches, in
/// Vault's order. A prefix without a trailing '/' that is itself a lease ID names that lease
/// alone; otherwise a '/' is added and every lease below is taken as ScanView walks the
/// storage: the keys of a folder in order, then its subfolders, the last one first.
std::vector<std::string> prefix_revocation_order(const std::vector<std::string>& ids,
                                                 std::string prefix);

} // namespace tokenlab
