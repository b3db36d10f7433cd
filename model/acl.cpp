#include "model/acl.hpp"

#include <array>

namespace tokenlab {

namespace {

struct rule {
  std::string_view path;
  unsigned caps;
};

constexpr unsigned cap(capability c) {
  return static_cast<unsigned>(c);
}
constexpr unsigned crudl = cap(capability::create) | cap(capability::read) |
                           cap(capability::update) | cap(capability::del) | cap(capability::list);

// Vault 1.14's built-in `default` policy (vault/policy_store.go), minus the identity paths
// whose templates tokenlab has no entities for.
constexpr std::array<rule, 16> default_policy{{
  {"auth/token/lookup-self", cap(capability::read)},
  {"auth/token/renew-self", cap(capability::update)},
  {"auth/token/revoke-self", cap(capability::update)},
  {"sys/capabilities-self", cap(capability::update)},
  {"sys/internal/ui/resultant-acl", cap(capability::read)},
  {"sys/renew", cap(capability::update)},
  {"sys/leases/renew", cap(capability::update)},
  {"sys/leases/lookup", cap(capability::update)},
  {"cubbyhole/*", crudl},
  {"sys/wrapping/wrap", cap(capability::update)},
  {"sys/wrapping/lookup", cap(capability::update)},
  {"sys/wrapping/unwrap", cap(capability::update)},
  {"sys/tools/hash", cap(capability::update)},
  {"sys/tools/hash/*", cap(capability::update)},
  {"sys/control-group/request", cap(capability::update)},
  {"sys/mfa/method/totp/+/generate", cap(capability::read)},
}};

// Matches one HCL path pattern: `+` stands for one segment, a trailing `*` for any suffix.
bool matches(std::string_view pattern, std::string_view path) {
  size_t i = 0;
  size_t j = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '*' && i + 1 == pattern.size())
      return true;
    if (c == '+') {
      while (j < path.size() && path[j] != '/')
        ++j;
      ++i;
      continue;
    }
    if (j >= path.size() || path[j] != c)
      return false;
    ++i;
    ++j;
  }
  return j == path.size();
}

} // namespace

bool policy_exists(std::string_view name) {
  return name == "root" || name == "default";
}

bool acl_allows(const std::vector<std::string>& policies, std::string_view path,
                capability needed) {
  unsigned granted = 0;
  for (const auto& p : policies) {
    if (p == "root")
      return true;
    if (p != "default")
      continue;
    for (const auto& r : default_policy)
      if (matches(r.path, path))
        granted |= r.caps;
  }
  if ((granted & cap(capability::deny)) != 0)
    return false;
  return (granted & cap(needed)) != 0;
}

} // namespace tokenlab
