#pragma once
// Token roles of the token store (`auth/token/roles/<name>`, vault/token_store.go
// tokenStoreRoleCreateUpdate and handleCreateCommon): what a role holds, how a write of
// its fields is validated, what a read shows, and how a role decides a token's policies.

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/ttl.hpp"
#include "model/vault_error.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tokenlab {

struct token_role {
  std::string name;
  std::vector<std::string> allowed_policies;
  std::vector<std::string> disallowed_policies;
  std::vector<std::string> allowed_policies_glob;
  std::vector<std::string> disallowed_policies_glob;
  bool orphan = false;
  bool renewable = true;
  std::string path_suffix;
  std::vector<std::string> allowed_entity_aliases;
  sim_duration token_period{0};
  sim_duration token_explicit_max_ttl{0};
  std::vector<std::string> token_bound_cidrs; ///< as SockAddr prints them
  // The deprecated fields, kept beside the token_* ones for reads: a write through the old
  // name sets both, a write through the new name clears the old one.
  sim_duration period{0};
  sim_duration explicit_max_ttl{0};
  std::vector<std::string> bound_cidrs;
  std::string token_type = "default-service";
  bool token_no_default_policy = false;
  std::int64_t token_num_uses = 0;

  /// True when any allowed/disallowed list is set: the role then decides the policies.
  bool restricts_policies() const;
};

/// A role write's result: the role to store and the response warnings.
struct role_write {
  token_role role;
  std::vector<std::string> warnings;
};

/// Applies a write of `fields` (CLI/API values as text) to `existing` (nullptr: create),
/// with Vault's validations, defaults and warnings; `view` is the token mount's. The fields
/// are converted by the role path's schema first (model/fields.hpp; behind the existence
/// check a bad value is a bare 400), the token_* fields by tokenutil's ParseTokenFields
/// (its errors prefixed `error parsing role fields: `).
outcome<role_write> write_token_role(const std::string& name,
                                     const std::map<std::string, std::string>& fields,
                                     const token_role* existing, const system_view& view);

/// What `vault read auth/token/roles/<name>` shows.
data_map token_role_data(const token_role& role);

/// Policies of a token created through a role that restricts policies (spec §2.3 case 1).
/// `requested` are the request's policies, `no_default` its no_default_policy; with no
/// request and no allowed list the parent's policies are taken. Roles escape the
/// subset-of-parent rule.
outcome<std::vector<std::string>> role_policies(const token_role& role,
                                                const std::vector<std::string>& requested,
                                                bool no_default,
                                                const std::vector<std::string>& parent_policies);

/// Go-glob matching as Vault's strutil.StrListContainsGlob uses it: `*` matches any run.
bool glob_match(const std::string& pattern, const std::string& text);

} // namespace tokenlab
