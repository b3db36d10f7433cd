#pragma once
// The database secrets engine (Vault's builtin/logical/database) with a simulated PostgreSQL
// server: reading `creds/<role>` creates a database user with a generated password and
// returns it as a leased secret; revoking the lease drops the user. Learners see users
// appear and disappear in the report (credential_created / credential_deleted).
//
// Paths (relative to the mount):
//   config/<name>   write, read, delete; list `config/`. plugin_name (only
//                   postgresql-database-plugin is modelled), connection_url, username,
//                   password, allowed_roles (comma list; "*" and globs), verify_connection
//                   (stored; the simulated server always answers).
//   roles/<name>    write, read, delete; list `roles/`. db_name (required),
//                   creation_statements, revocation_statements, rollback_statements,
//                   renew_statements, default_ttl, max_ttl.
//   creds/<role>    read: a new user named by the plugin's default username template,
//                   `v-<display name:8>-<role:8>-<20 base62>-<unix time>` (whole: 63 max), and
//                   a password from Vault's default generator (20 of [-0-9A-Za-z], at least one
//                   lower, upper, digit and '-').
//
// Its interface is `logical_engine` (actors/engine_protocol.hpp):
//   (write_atom, logical_write_request) -> api_outcome
//   (read_atom, engine_read) -> outcome<secret_result>  (handle "" = not leased;
//                                        creds: handle = credential = the user name)
//   (list_atom, path) -> api_outcome
//   (delete_path_atom, path) -> api_outcome
//   (unsecret_atom, user name) -> bool                           drops the user
//   (state_atom, user name) -> life_state                        active, deleted or unknown
//   (unmount_atom) -> bool                                       true: no storage view kept
// Paths are full request paths, starting with the mount ("database/creds/readonly").

#include "actors/context.hpp"
#include "actors/engine_protocol.hpp"
#include "clock/sim_time.hpp"
#include "model/ids.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <string>
#include <vector>

namespace tokenlab {

/// `config/<name>`: Vault's DatabaseConfig.
struct db_connection {
  std::string plugin_name;
  std::map<std::string, std::string> details; ///< connection_details (connection_url, …)
  std::vector<std::string> allowed_roles;
  std::vector<std::string> root_rotation_statements;
  bool verify_connection = true;
};

/// `roles/<name>`: Vault's roleEntry for a dynamic role.
struct db_role {
  std::string db_name;
  std::vector<std::string> creation_statements;
  std::vector<std::string> revocation_statements;
  std::vector<std::string> rollback_statements;
  std::vector<std::string> renew_statements;
  sim_duration default_ttl{0};
  sim_duration max_ttl{0};
};

/// A user on the simulated database server.
struct db_user {
  std::string connection; ///< the config name it was created through
  std::string role;
  bool dropped = false;
  bool counted = false; ///< made while a fleet counted: its events stay counted
};

struct database_engine_state {
  sim_context ctx;
  std::string mount; ///< "database/"
  id_source ids{1, id_stream::secrets};
  std::map<std::string, db_connection> connections;
  std::map<std::string, db_role> roles;
  std::map<std::string, db_user> users; ///< by user name; a fleet's not kept once dropped
  static inline const char* name = "database_engine";
};

logical_engine::behavior_type
database_engine_actor(logical_engine::stateful_pointer<database_engine_state> self, sim_context ctx,
                      std::string mount);

} // namespace tokenlab
