#pragma once
// The KV secrets engine, version 2 (vault-plugin-secrets-kv, as `vault server -dev` mounts it
// at secret/ and `vault secrets enable -version=2 kv` does): versioned secrets under
// `data/`, `metadata/`, `delete/`, `undelete/`, `destroy/` and `config`. The rules are
// model/kv2.hpp; this actor keeps one mount's store and writes its storage keys:
//   logical/<mount>metadata/<key>                  the key metadata (Vault encrypts the name)
//   logical/<mount>versions/<salt[0:3]>/<salt[3:]> one version's data (salt of "<key>|<n>")
//   logical/<mount>config                          the mount's configuration
//
// Messages:
//   (kv2_atom, kv2::request) -> api_outcome   one request, its path relative to the mount
//   (unsecret_atom, handle) -> bool           true (nothing is leased)
//   (state_atom, key) -> life_state           unknown
//   (unmount_atom) -> bool                    the mount is disabled: delete every key

#include "actors/context.hpp"
#include "actors/messages.hpp"
#include "model/kv2.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include <string>

namespace tokenlab {

using kv2_atom = caf::atom_constant<caf::atom("kv2")>;

struct kv2_engine_state {
  sim_context ctx;
  std::string mount; ///< "secret/"
  kv2::versioned_store store;
  static inline const char* name = "kv2_engine";
};

caf::behavior kv2_engine_actor(caf::stateful_actor<kv2_engine_state>* self, sim_context ctx,
                               std::string mount);

} // namespace tokenlab

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tokenlab::kv2::request)
