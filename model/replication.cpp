#include "model/replication.hpp"

#include <string>

namespace tokenlab {

bool replicated(const vault_request& req) {
  if (std::holds_alternative<policy_write_request>(req.op) ||
      std::holds_alternative<secrets_enable_request>(req.op) ||
      std::holds_alternative<auth_enable_request>(req.op) ||
      std::holds_alternative<mount_tune_request>(req.op))
    return true;
  const std::string* path = nullptr;
  if (auto w = std::get_if<logical_write_request>(&req.op))
    path = &w->path;
  else if (auto d = std::get_if<logical_delete_request>(&req.op))
    path = &d->path;
  if (!path)
    return false;
  // Paths of what is local to a cluster: its tokens, its leases, its cubbyholes.
  for (const char* local :
       {"auth/token/create", "auth/token/revoke", "auth/token/renew", "auth/token/lookup",
        "sys/leases/", "sys/renew", "sys/revoke", "cubbyhole/"})
    if (path->rfind(local, 0) == 0)
      return false;
  // A login makes a token, which is local too.
  return path->find("/login") == std::string::npos;
}

} // namespace tokenlab
