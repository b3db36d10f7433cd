#pragma once
// One auth mount (`vault auth enable userpass|approle|kubernetes`): an actor holding that
// method's state (model/auth_methods.hpp has the rules). Paths in messages are full request
// paths, mount included ("auth/userpass/users/alice"); the actor strips its mount.
//
// Its interface is `auth_method` (below).
//
// A login answers what the method decided (Vault's texts and statuses); the core then turns
// the login_auth into an orphan token through the mount's TTLs (spec §2.6). Secret IDs, role
// IDs and service-account UIDs are UUIDs from the mount's own seeded stream. AppRole's tidy of
// expired secret IDs runs on a virtual timer at the rollback ticks (every minute of the run).
// Trace: config_written for users, roles and config; credential_created / credential_deleted
// for AppRole secret IDs (subject: the secret ID accessor).

#include "actors/context.hpp"
#include "actors/messages.hpp"
#include "model/auth_methods.hpp"
#include "model/ids.hpp"
#include "model/ttl.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <memory>
#include <optional>
#include <string>

namespace tokenlab {

/// An auth mount's interface:
///   write, read (path, display name; never leased), list, delete   its users, roles, config
///   (login_atom, path, fields) -> the token the login should get, or Vault's refusal
///   (tune_atom, system_view) -> true     the mount's effective TTLs after a tune
///   (state_atom, secret ID or accessor)  what became of an AppRole secret ID
///   (expire_atom, "")                    its own tidy timer
using auth_method = caf::typed_actor<
  caf::replies_to<write_atom, logical_write_request>::with<api_outcome>,
  caf::replies_to<read_atom, std::string, std::string>::with<outcome<secret_result>>,
  caf::replies_to<list_atom, std::string>::with<api_outcome>,
  caf::replies_to<delete_path_atom, std::string>::with<api_outcome>,
  caf::replies_to<login_atom, std::string, std::map<std::string, std::string>>::with<
    outcome<login_auth>>,
  caf::replies_to<tune_atom, system_view>::with<bool>,
  caf::replies_to<state_atom, std::string>::with<life_state>,
  caf::reacts_to<expire_atom, std::string>>;

struct auth_method_state {
  sim_context ctx;
  std::string mount; ///< "auth/userpass/"
  std::string type;  ///< "userpass" | "approle" | "kubernetes"
  system_view view;
  id_source ids{1, id_stream::secrets};
  std::unique_ptr<auth_backend> backend;
  std::optional<sim_time> tidy_timer; ///< the instant a tidy timer is already set for
  static inline const char* name = "auth_method";
};

/// Spawns the mount `mount` ("auth/<path>/") of `type`; `view` is its effective TTLs. An
/// unmodelled type answers every request with the lab's refusal.
auth_method::behavior_type auth_method_actor(auth_method::stateful_pointer<auth_method_state> self,
                                             sim_context ctx, std::string mount, std::string type,
                                             system_view view);

} // namespace tokenlab
