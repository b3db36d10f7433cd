#pragma once
// Vault's identity store, mounted at `identity/` (vault/identity_store.go): an actor holding
// the entities and aliases (model/identity.hpp has the rules). The core spawns it with the dev
// server's mounts, routes `identity/…` requests to it, tells it of every auth mount, and asks
// it for the entity of every login; the token store asks it for the entity of a role's
// `entity_alias`.
//
// The core reads an entity at every request of a token that has one (its policies join the
// ACL), as Vault's request handling reads the identity store's in-memory database directly.
// So the identity store publishes each entity to the core when it changes: an immutable
// snapshot, sent before the answer to the message that changed it, which the core keeps
// (core_state::entities) and reads without a round trip.
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
//
// Sends, to the actor it publishes to (the core):
//   (entity_atom, entity ID, entity_snapshot)              an entity as it is now; null: gone
//
// Paths in messages are full request paths ("identity/entity/id/…"). Every change of an
// entity writes its storage bucket, `logical/identity/packer/buckets/<n>` (Vault: under the
// mount's `logical/<uuid>/` view), and is traced as config_written on `identity/entity/id/<id>`.

#include "actors/context.hpp"
#include "actors/messages.hpp"
#include "model/identity.hpp"

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tokenlab {

/// An entity as the identity store published it: shared, never changed (a change publishes
/// a new one). What a token of this entity may use (fetchEntityAndDerivedPolicies): its
/// policies, whether it is disabled, and the record templated policy paths are filled from.
using entity_snapshot = std::shared_ptr<const identity_entity>;

} // namespace tokenlab

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::entity_snapshot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::identity_mount)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::outcome<tokenlab::fetched_entity>)

namespace tokenlab {

/// Who the identity store publishes entities to (the core, and the token store for the
/// endpoints it checks itself).
using entity_subscriber =
  caf::typed_actor<caf::reacts_to<entity_atom, std::string, entity_snapshot>>;

/// The identity store's interface (the messages above).
using identity_service = caf::typed_actor<
  caf::replies_to<write_atom, logical_write_request>::with<api_outcome>,
  caf::replies_to<read_atom, std::string>::with<api_outcome>,
  caf::replies_to<list_atom, std::string>::with<api_outcome>,
  caf::replies_to<delete_path_atom, std::string>::with<api_outcome>,
  caf::reacts_to<enable_auth_atom, identity_mount>, caf::reacts_to<unmount_atom, std::string>,
  caf::replies_to<login_atom, std::string, std::string,
                  std::map<std::string, std::string>>::with<outcome<fetched_entity>>>;

struct identity_store_state {
  sim_context ctx;
  identity_store store{1};
  std::string view; ///< "logical/identity/"
  /// The core and the token store, which keep every entity as last published.
  std::vector<entity_subscriber> publish_to;
  static inline const char* name = "identity_store";
};

/// The identity store, publishing every change of an entity to each of `publish_to`.
identity_service::behavior_type
identity_store_actor(identity_service::stateful_pointer<identity_store_state> self, sim_context ctx,
                     std::vector<entity_subscriber> publish_to);

} // namespace tokenlab
