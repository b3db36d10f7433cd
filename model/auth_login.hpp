#pragma once
// What an auth method's login hands to Vault's core (sdk/logical/auth.go `Auth` and
// sdk/helper/tokenutil's token fields): the token the login should get. The core turns it
// into an orphan service token through the auth mount's TTLs (spec §2.6).

#include "clock/sim_time.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tokenlab {

struct login_auth {
  std::vector<std::string> policies;           ///< token_policies of the user/role
  std::map<std::string, std::string> metadata; ///< e.g. {"username": "alice"}
  std::string display_name;             ///< the backend's part: "alice" (userpass), "" (approle)
  sim_duration ttl{0};                  ///< token_ttl
  sim_duration max_ttl{0};              ///< token_max_ttl (a backend max, not an explicit max)
  sim_duration period{0};               ///< token_period
  sim_duration explicit_max_ttl{0};     ///< token_explicit_max_ttl
  std::int64_t num_uses = 0;            ///< token_num_uses
  std::string token_type = "default";   ///< token_type as configured
  bool no_default_policy = false;       ///< token_no_default_policy
  std::vector<std::string> bound_cidrs; ///< token_bound_cidrs (kept, not enforced)
  std::string alias_name;               ///< the entity alias (username, role ID, SA name)
  std::map<std::string, std::string> alias_metadata; ///< the alias's metadata (AppRole, Kubernetes)
  std::string entity_id;             ///< set by the core: the alias's entity (CreateOrFetchEntity)
  std::vector<std::string> warnings; ///< the method's response warnings (GitHub's org rename)
};

} // namespace tokenlab
