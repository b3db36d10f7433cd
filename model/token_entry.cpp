#include "model/token_entry.hpp"

#include "model/policy.hpp"

namespace tokenlab {

bool token_entry::is_root() const {
  return is_root_policy_set(policies);
}

} // namespace tokenlab
