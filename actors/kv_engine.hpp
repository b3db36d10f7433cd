#pragma once
// The KV secrets engine, version 1 (Vault's passthrough backend, vault-plugin-secrets-kv
// passthrough.go, mounted with `vault secrets enable kv`): any path under the mount holds a
// map of strings. Nothing is leased: a read returns the data with no lease, and the core
// shows a refresh interval (the mount's default lease TTL, or the secret's own `ttl` / `lease`
// key, as passthrough does).
//
// Mounted with the option `leased_passthrough=true` (LeaseSwitchedPassthroughBackend with
// leases on), a read is a lease of type `kv`: its TTL is the same `ttl` / `lease` key (else the
// mount's default), renewable only when the secret has such a key; revoking it does nothing to
// the data; renewing it panics in v0.15.0's handler (secret_result::renew_panics).
//
// Storage: each secret is one key, `logical/<mount><path>` (Vault keys it under the mount's
// `logical/<mount uuid>/` view), written on write and deleted on delete.
//
// Its interface is `logical_engine` (actors/engine_protocol.hpp):
//   (write_atom, logical_write_request) -> api_outcome            204
//   (read_atom, engine_read) -> outcome<secret_result>            handle "" (not leased);
//       ttl + ttl_from_data when the data has a parseable `ttl` (else `lease`) key;
//       leased: handle = the path under the mount, renewable when there is such a key
//   (list_atom, path) -> api_outcome                              {"keys": [...]}, 404 if none
//   (delete_path_atom, path) -> api_outcome                       204
//   (unsecret_atom, handle) -> bool                               true (nothing to revoke)
//   (state_atom, key) -> life_state                               unknown
//   (unmount_atom) -> bool                                        disabled: delete every key
// Paths are full request paths, starting with the mount ("secret/app/db").

#include "actors/context.hpp"
#include "actors/engine_protocol.hpp"
#include "model/ids.hpp"

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <string>

namespace tokenlab {

struct kv_engine_state {
  sim_context ctx;
  std::string mount; ///< "secret/"
  bool leased = false; ///< the mount option leased_passthrough=true
  id_source ids{1, id_stream::secrets};
  /// The secrets, by path relative to the mount ("app/db").
  std::map<std::string, std::map<std::string, std::string>> entries;
  static inline const char* name = "kv_engine";
};

logical_engine::behavior_type kv_engine_actor(logical_engine::stateful_pointer<kv_engine_state> self,
                                              sim_context ctx, std::string mount,
                                              bool leased = false);

} // namespace tokenlab
