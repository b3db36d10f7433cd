#pragma once
// Pieces shared by the files of Vault's ACL policies (private to model/): policy_parse.cpp
// (ParseACLPolicy, vault/policy.go) and acl.cpp (NewACL and the ACL check, vault/acl.go) both
// speak in capability bits. model/acl.hpp is the public side.

#include "model/acl.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tokenlab::acl_detail {

inline constexpr unsigned deny_bit = cap_bit(capability::deny);

// The capability names of vault/policy.go with their bits.
inline constexpr std::pair<std::string_view, capability> cap_names[] = {
  {"create", capability::create}, {"read", capability::read}, {"update", capability::update},
  {"delete", capability::del},    {"list", capability::list}, {"sudo", capability::sudo},
  {"patch", capability::patch},
};

// The compiled rules of NewACL: one capability set per path, per kind of rule.
// Rules by path, found by a string_view of the request's path (no string made to look).
using rules_by_path = std::map<std::string, unsigned, std::less<>>;

struct compiled_acl {
  bool root = false;
  rules_by_path exact;    // exactRules
  rules_by_path prefix;   // prefixRules (glob, `*` stripped)
  rules_by_path segment;  // segmentWildcardPaths (`*` kept)
  bool templated = false; // a policy had templated paths (dropped here: no entity)
};

// parsePaths on a path key (as written, or as a template filled it): drops the leading `/`,
// refuses `+*`, finds `+` segments, strips a trailing glob `*`. Returns the error text.
std::optional<std::string> classify_path(path_rule& pc, const std::string& key);

// identitytpl.PopulateString in ACL mode (model/acl_template.cpp): `key` with each `{{...}}`
// replaced from `entity`; nullopt when one cannot be (then parsePaths skips the path).
std::optional<std::string> fill_template(const std::string& key, const identity_entity* entity);

} // namespace tokenlab::acl_detail
