#pragma once
// Which capability a write needs (Vault 1.14 vault/request_handling.go CheckToken, with
// sdk/framework/backend.go HandleExistenceCheck). A PUT or POST arrives as an update; before
// the ACL is checked, the core asks the backend's path for its ExistenceCheck:
//
//  * the path has none: the write is an update ("how it is pre 0.5");
//  * it has one and the resource exists: an update;
//  * it has one and the resource does not exist: a create.
//
// So `create` alone never allows a write to a path without an existence check (token create,
// sys/policy, lease and tune endpoints, engine credentials, kv v2's delete/undelete/destroy),
// and `update` alone never allows creating a new kv key.
//
// Paths with an existence check among those the lab serves: any cubbyhole path
// (logical_cubbyhole.go) and kv version 1 key (passthrough.go: the key is stored); kv v2's
// data/<path> and metadata/<path> (the key has metadata, even with every version deleted:
// path_data.go dataExistenceCheck, path_metadata.go); token roles; userpass users; AppRole and
// Kubernetes roles; database roles and connections.

#include "model/acl.hpp"

#include <optional>
#include <string>

namespace tokenlab {

/// The kinds of backends whose paths the lab knows an existence check of.
enum class backend_kind { cubbyhole, kv1, kv2, token_store, userpass, approle, kubernetes,
                          database, other };

/// The path (relative to the mount, as `sub` is) whose read tells whether the resource of a
/// write to `sub` exists; nullopt when that path has no existence check.
std::optional<std::string> existence_probe(backend_kind kind, const std::string& sub);

/// The capability a write needs: `exists` is nullopt for a path without an existence check.
capability write_capability(std::optional<bool> exists);

} // namespace tokenlab
