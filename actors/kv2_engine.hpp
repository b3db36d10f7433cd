#pragma once
// The KV secrets engine, version 2 (vault-plugin-secrets-kv, as `vault server -dev` mounts it
// at secret/ and `vault secrets enable -version=2 kv` does): versioned secrets under
// `data/`, `metadata/`, `delete/`, `undelete/`, `destroy/` and `config`. The rules are
// model/kv2.hpp; this actor keeps one mount's store and writes its storage keys:
//   logical/<mount>metadata/<key>                  the key metadata (Vault encrypts the name)
//   logical/<mount>versions/<salt[0:3]>/<salt[3:]> one version's data (salt of "<key>|<n>")
//   logical/<mount>config                          the mount's configuration
//
// Its interface is `versioned_kv_engine` (actors/engine_protocol.hpp): a kv2 request; an
// unsecret (true: nothing is leased), a state (unknown) and an unmount (every key deleted).

#include "actors/context.hpp"
#include "actors/engine_protocol.hpp"
#include "model/kv2.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <string>

namespace tokenlab {

struct kv2_engine_state {
  sim_context ctx;
  std::string mount; ///< "secret/"
  kv2::versioned_store store;
  static inline const char* name = "kv2_engine";
};

versioned_kv_engine::behavior_type
kv2_engine_actor(versioned_kv_engine::stateful_pointer<kv2_engine_state> self, sim_context ctx,
                 std::string mount);

} // namespace tokenlab
