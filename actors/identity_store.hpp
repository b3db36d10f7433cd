#pragma once
// Vault's identity store, mounted at `identity/` (vault/identity_store.go): an actor holding
// the entities and aliases (model/identity.hpp has the rules). The core spawns it with the dev
// server's mounts, routes `identity/…` requests to it, tells it of every auth mount, asks it
// for an entity's policies when a token with an entity makes a request, and for the entity of
// every login; the token store asks it for the entity of a role's `entity_alias`.
//
// Messages:
//   (write_atom, logical_write_request) -> api_outcome     identity/entity, entity-alias, …
//   (read_atom, path) -> api_outcome                       identity/entity/id/<id>, …
//   (list_atom, path) -> api_outcome                       identity/entity/id, entity/name
//   (delete_path_atom, path) -> api_outcome                identity/entity/id/<id>, …
//   (enable_auth_atom, identity_mount)                     an auth mount exists
//   (unmount_atom, path)                                   it was disabled
//   (login_atom, mount, alias name, alias metadata) -> outcome<fetched_entity>
//                                                          CreateOrFetchEntity
//   (entity_atom, entity ID) -> entity_view                what a token's entity grants
//
// Paths in messages are full request paths ("identity/entity/id/…"). Every change of an
// entity writes its storage bucket, `logical/identity/packer/buckets/<n>` (Vault: under the
// mount's `logical/<uuid>/` view), and is traced as config_written on `identity/entity/id/<id>`.

#include "actors/context.hpp"
#include "model/identity.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include <string>
#include <vector>

namespace tokenlab {

/// What a request made with a token of this entity may use (fetchEntityAndDerivedPolicies).
struct entity_view {
  bool found = false; ///< false: the entity is gone, and Vault refuses the token (403)
  bool disabled = false;
  std::string name;
  std::vector<std::string> policies;
  identity_entity entity; ///< the whole record, which templated policy paths are filled from
};

struct identity_store_state {
  sim_context ctx;
  identity_store store{1};
  std::string view; ///< "logical/identity/"
  static inline const char* name = "identity_store";
};

caf::behavior identity_store_actor(caf::stateful_actor<identity_store_state>* self,
                                   sim_context ctx);

} // namespace tokenlab

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::entity_view)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::identity_mount)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::outcome<tokenlab::fetched_entity>)
