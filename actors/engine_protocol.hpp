#pragma once
// The secrets engines' typed interfaces (CAF 0.17 `typed_actor`). Every engine answers what
// a lease, an expectation and a disabled mount ask of it (`secrets_engine`); the AWS,
// database and KV v1 engines serve paths that are read, written, listed and deleted
// (`logical_engine`); KV v2 serves versioned requests (`versioned_kv_engine`). The core holds
// a mount's engine as an `engine_handle` and routes by what it is, not by its type name.

#include "actors/messages.hpp"
#include "model/fields.hpp"
#include "model/kv2.hpp"

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <string>

namespace tokenlab {

using kv2_atom = caf::atom_constant<caf::atom("kv2")>;

/// A read of one of an engine's paths, as the core routes it.
struct engine_read {
  std::string path;         ///< the whole path ("aws/creds/app")
  std::string display_name; ///< the caller's display name (IAM and database user names)
  field_map fields;         ///< a credential write's fields (AWS creds/ and sts/ take some)
  sim_duration mount_max{0}; ///< the mount's max lease TTL (it caps AWS STS credentials)
};

} // namespace tokenlab

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::engine_read)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::kv2::request)

namespace tokenlab {

/// What every engine answers: a lease's revocation of its secret (`unsecret`, true when
/// done), what became of a credential (`state`; unknown when it is not the engine's), and
/// the mount's disabling (`unmount`: its storage view is cleared, true when done).
using secrets_engine =
  caf::typed_actor<caf::replies_to<unsecret_atom, std::string>::with<bool>,
                   caf::replies_to<state_atom, std::string>::with<life_state>,
                   caf::replies_to<unmount_atom>::with<bool>>;

/// An engine whose paths are read (a secret, leased or not), written, listed and deleted.
using logical_engine =
  secrets_engine::extend<caf::replies_to<write_atom, logical_write_request>::with<api_outcome>,
                         caf::replies_to<read_atom, engine_read>::with<outcome<secret_result>>,
                         caf::replies_to<list_atom, std::string>::with<api_outcome>,
                         caf::replies_to<delete_path_atom, std::string>::with<api_outcome>>;

/// KV v2: one versioned request, its path relative to the mount.
using versioned_kv_engine =
  secrets_engine::extend<caf::replies_to<kv2_atom, kv2::request>::with<api_outcome>>;

/// A mounted engine: one of the two kinds.
struct engine_handle {
  logical_engine logical;        ///< AWS, database, KV v1
  versioned_kv_engine versioned; ///< KV v2

  /// What both kinds answer.
  secrets_engine common() const {
    return logical ? secrets_engine{logical} : secrets_engine{versioned};
  }
};

} // namespace tokenlab
