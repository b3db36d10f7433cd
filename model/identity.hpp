#pragma once
// Vault's identity store (vault/identity_store*.go, 1.14): entities and their aliases, the
// rules of the paths `vault read|write|list|delete identity/…` reaches, and
// CreateOrFetchEntity, which a login (request_handling.go handleLoginRequest) and a token
// created with a role's `entity_alias` (token_store.go handleCreateCommon) call.
//
// * An entity's ID and its aliases' IDs are UUIDs, its generated name `entity_` and 8 hex
//   digits (identity_store_util.go generateName); the lab draws them from the seed's identity
//   stream.
// * Entity names and alias names are matched without regard to case (the memdb indexes lower
//   them); they are kept as written.
// * An entity lives in storage in one of 256 buckets, `packer/buckets/<first byte of
//   md5(id)>` under the identity mount's view (helper/storagepacker): every change of an
//   entity or its aliases writes that bucket.
// * Groups, entity merges, alias updates that move or rename an alias, and namespaces are not
//   modelled.

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/fields.hpp"
#include "model/ids.hpp"
#include "model/trace.hpp"
#include "model/vault_error.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tokenlab {

/// An auth mount as the identity store sees it (router.ValidateMountByAccessor).
struct identity_mount {
  std::string accessor; ///< "auth_userpass_1a2b3c4d"
  std::string path;     ///< "auth/userpass/"
  std::string type;     ///< "userpass"
};

struct entity_alias {
  std::string id;
  std::string canonical_id; ///< the entity's ID
  std::string mount_accessor;
  std::string name;
  std::optional<std::map<std::string, std::string>> metadata;        ///< from the auth method
  std::optional<std::map<std::string, std::string>> custom_metadata; ///< identity/entity-alias
  sim_time creation_time{};
  sim_time last_update_time{};
};

struct identity_entity {
  std::string id;
  std::string name;
  std::vector<std::string> policies;
  std::optional<std::map<std::string, std::string>> metadata;
  std::vector<entity_alias> aliases;
  bool disabled = false;
  sim_time creation_time{};
  sim_time last_update_time{};
};

/// What a request did to the store, for the actor's trace and storage.
struct identity_change {
  std::string entity_id;
  config_facts what;    ///< what happened, for the trace (reports/ words it)
  bool deleted = false; ///< the entity is gone (its bucket is written again without it)
};

/// The storage key of an entity's bucket under the identity view: "packer/buckets/<n>".
std::string entity_bucket(const std::string& entity_id);

/// The entity of a login or of a token created with an entity alias.
struct fetched_entity {
  std::string id;
  bool created = false;
  bool disabled = false;
};

/// What CreateOrFetchEntity answers for a login's alias that `entity` holds (`alias_name`
/// on the mount whose accessor is `accessor`) with the same metadata: the entity, fetched
/// and unchanged. nullopt when `entity` has no such alias or its metadata changed (then the
/// identity store updates the alias).
std::optional<fetched_entity> fetch_unchanged(const identity_entity& entity,
                                              const std::string& accessor,
                                              const std::string& alias_name,
                                              const std::map<std::string, std::string>& metadata);

/// The aliases of the entities the identity store publishes, by mount accessor and name
/// (without regard to case, as its alias lookup): the core keeps it with its replica of the
/// entities, so that a login whose alias is known and unchanged finds its entity without a
/// round trip to the identity store, whose answer would only fetch it (docs/decisions.md).
class alias_index {
public:
  /// An entity was published: `was` is the snapshot before (null: none), `now` the new one
  /// (null: deleted).
  void update(const identity_entity* was, const identity_entity* now);
  /// The ID of the entity holding this alias, or null.
  const std::string* owner(const std::string& accessor, const std::string& alias_name) const;

private:
  std::map<std::pair<std::string, std::string>, std::string> owners_;
};

class identity_store {
public:
  identity_store(std::uint64_t seed);

  /// The auth mount table as the router knows it (every enable adds a row).
  void add_mount(identity_mount m);
  void remove_mount(const std::string& path);
  const identity_mount* mount_at(const std::string& path) const;

  /// CreateOrFetchEntity: the entity holding the alias (`alias_name` on the mount at
  /// `mount_path`), created with a generated name when there is none; an alias whose
  /// metadata changed is updated.
  outcome<fetched_entity> create_or_fetch(const std::string& mount_path,
                                          const std::string& alias_name,
                                          const std::map<std::string, std::string>& metadata,
                                          sim_time now);

  /// The policies an entity grants its tokens (fetchEntityAndDerivedPolicies); nullopt when no
  /// entity has this ID, which makes Vault refuse the token (403).
  std::optional<std::vector<std::string>> policies_of(const std::string& entity_id) const;
  const identity_entity* find(const std::string& entity_id) const;
  const identity_entity* find_by_name(const std::string& name) const;

  /// The paths under identity/ (without the mount: "entity/id/<id>").
  outcome<api_response> write(const std::string& path, const field_map& fields, sim_time now,
                              std::int64_t epoch_unix);
  outcome<api_response> read(const std::string& path, std::int64_t epoch_unix) const;
  outcome<api_response> list(const std::string& path) const;
  outcome<api_response> remove(const std::string& path);

  /// The changes since the last call, in order.
  std::vector<identity_change> take_changes();

private:
  identity_entity& new_entity(sim_time now);
  const entity_alias* alias_by_factors(const std::string& accessor, const std::string& name,
                                       const identity_entity** owner) const;
  outcome<api_response> write_entity(const std::string& id_in_path, const std::string& name_in_path,
                                     const field_map& fields, sim_time now);
  outcome<api_response> write_alias(const field_map& fields, sim_time now);
  outcome<api_response> lookup_entity(const field_map& fields, std::int64_t epoch_unix) const;
  data_map entity_data(const identity_entity& e, std::int64_t epoch_unix) const;
  data_map alias_data(const entity_alias& a, std::int64_t epoch_unix) const;

  id_source ids_;
  std::map<std::string, identity_entity> entities_; ///< by ID, as memdb iterates them
  std::vector<identity_mount> mounts_;
  std::vector<identity_change> changes_;
};

} // namespace tokenlab
