#pragma once
// The AWS secrets engine (Vault's builtin/logical/aws) with a simulated IAM: reading
// `creds/<role>` creates an IAM user with an access key and returns it as a leased secret;
// revoking the lease deletes the user. Learners see users appear and disappear in the
// report (credential_created / credential_deleted).
//
// Roles of credential_type assumed_role and federation_token give STS credentials
// (model/aws_sts.hpp): a lease that cannot be renewed, whose revocation deletes nothing (AWS
// lets the credential run out).
//
// Paths (relative to the mount): `config/root` (write), `config/lease` (write: lease,
// lease_max), `roles/<name>` (write, read), `creds/<name>` and `sts/<name>` (read, or write
// with `ttl`, `role_arn`, `role_session_name`).
//
// Its interface is `logical_engine` (actors/engine_protocol.hpp):
//   (write_atom, logical_write_request) -> api_outcome
//   (read_atom, engine_read) -> outcome<secret_result>  the path with its fields and the
//                                              mount's max lease TTL (handle "" = not leased)
//   (list_atom, path), (delete_path_atom, path) -> 404 and 405 `unsupported path` (the lab
//                                              lists and deletes no AWS path)
//   (unsecret_atom, handle) -> bool            deletes the IAM user (an STS credential stays)
//   (state_atom, user name or access key) -> life_state
//   (unmount_atom) -> bool                     true: the lab keeps no storage view to clear

#include "actors/context.hpp"
#include "actors/engine_protocol.hpp"
#include "model/aws_sts.hpp"
#include "model/id_map.hpp"
#include "model/ids.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <map>
#include <optional>
#include <string>

namespace tokenlab {

struct iam_user {
  std::string access_key;
  bool deleted = false;
  /// An STS credential: AWS ends it at this instant, whatever Vault does with its lease.
  std::optional<sim_time> sts_expiry;
  bool counted = false; ///< made while a fleet counted: its events stay counted
};

struct aws_engine_state {
  sim_context ctx;
  std::string mount; ///< "aws/"
  id_source ids{1, id_stream::secrets};
  std::map<std::string, std::string> root_config;
  sim_duration lease{0};
  sim_duration lease_max{0};
  std::map<std::string, std::map<std::string, std::string>> roles; ///< the fields as written
  std::map<std::string, aws_role> role_rules;
  /// By IAM user (or STS credential) name, unordered (names and access keys are unique); a
  /// fleet's are not kept once gone (counted).
  id_map<iam_user, long_id_key> users; ///< a name (up to 64 characters) sits in its key
  static inline const char* name = "aws_engine";
};

logical_engine::behavior_type
aws_engine_actor(logical_engine::stateful_pointer<aws_engine_state> self, sim_context ctx,
                 std::string mount);

} // namespace tokenlab
