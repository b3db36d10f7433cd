#pragma once
// Performance replication (Vault Enterprise): what a primary cluster's write copies to a
// performance secondary. Configuration is replicated (policies, mounts, auth methods and their
// users and roles, engine roles, kv data, tuning); tokens, leases, cubbyholes and logins are
// local to each cluster (the token store and sys/expire/ are local storage).

#include "model/requests.hpp"

namespace tokenlab {

/// True when a successful `req` on the primary reaches the secondary.
bool replicated(const vault_request& req);

} // namespace tokenlab
