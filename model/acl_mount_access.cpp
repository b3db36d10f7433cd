// hasMountAccess (vault/logical_system.go): whether a token's policies give it any access
// under a mount, as sys/internal/ui/mounts checks before it says what is mounted there.

#include "model/acl_internal.hpp"

namespace tokenlab {

namespace {

constexpr unsigned granting = all_capabilities; // create, read, update, delete, list, sudo, patch

// radix WalkPrefix over `rules`: the first rule under `path` that grants something; a denying
// rule is passed over.
bool walk_grants(const acl_detail::rules_by_path& rules, const std::string& path) {
  for (auto it = rules.lower_bound(path);
       it != rules.end() && it->first.compare(0, path.size(), path) == 0; ++it) {
    if ((it->second & acl_detail::deny_bit) != 0)
      continue;
    if ((it->second & granting) != 0)
      return true;
  }
  return false;
}

} // namespace

bool any_access_under(const policy_store& store, const std::vector<std::string>& policies,
                      const std::string& mount, const identity_entity* entity) {
  const auto acl = store.compiled(policies, entity);
  if (acl->root)
    return true;
  // Direct access to the mount path itself.
  const auto names = capability_names(store, policies, mount, entity);
  if (!(names.size() == 1 && names.front() == "deny"))
    return true;
  if (walk_grants(acl->exact, mount) || walk_grants(acl->prefix, mount))
    return true;
  // CheckAllowedFromNonExactPaths(path, true): a glob whose prefix the mount path starts with.
  for (const auto& [prefix, caps] : acl->prefix)
    if (mount.compare(0, prefix.size(), prefix) == 0)
      return true;
  return false;
}

} // namespace tokenlab
