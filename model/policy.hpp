#pragma once
// Policy-name handling of Vault's policyutil (sdk/helper/policyutil/policyutil.go).

#include <string>
#include <vector>

namespace tokenlab {

/// policyutil.SanitizePolicies: lower-case and trim each name, drop empties; if "root" is
/// present the result is exactly {"root"}; otherwise optionally add "default"; de-duplicate
/// and sort.
std::vector<std::string> sanitize_policies(const std::vector<std::string>& in, bool add_default);

/// True when sanitize_policies(in, false) gives `in` back because it is already sanitized:
/// clean names (lower-case, trimmed, not empty), sorted, no repeat, no "root". (False for
/// {"root"}, which sanitizes to itself by the root rule.)
bool policies_sanitized(const std::vector<std::string>& in);

/// True when the policy list is exactly {"root"} (TokenEntry.IsRoot after sanitizing).
bool is_root_policy_set(const std::vector<std::string>& policies);

/// True when every element of `sub` is in `super` (strutil.StrListSubset).
bool policy_subset(const std::vector<std::string>& super, const std::vector<std::string>& sub);

} // namespace tokenlab
