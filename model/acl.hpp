#pragma once
// Vault's ACL check for the policies tokenlab knows: `root` (every capability on every
// path) and Vault's built-in `default` policy (vault/policy_store.go defaultPolicy). A
// policy name that does not exist grants nothing. Path rules follow Vault's HCL: an exact
// path, or a prefix ending in `*`; `+` matches one path segment.

#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

enum class capability : unsigned {
  create = 1u << 0,
  read = 1u << 1,
  update = 1u << 2,
  del = 1u << 3,
  list = 1u << 4,
  sudo = 1u << 5,
  deny = 1u << 6,
};

/// True when `policies` grant `needed` on `path` (deny wins; root grants all).
bool acl_allows(const std::vector<std::string>& policies, std::string_view path, capability needed);

/// True when `name` names a policy that exists (`root`, `default`).
bool policy_exists(std::string_view name);

} // namespace tokenlab
