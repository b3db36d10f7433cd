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
// Messages:
//   (write_atom, logical_write_request) -> api_outcome
//   (read_atom, subpath, display_name, fields, mount max lease TTL) -> outcome<secret_result>
//                                              (handle "" = not leased)
//   (unsecret_atom, handle) -> bool            deletes the IAM user (an STS credential stays)
//   (state_atom, user name or access key) -> life_state

#include "actors/context.hpp"
#include "model/aws_sts.hpp"
#include "model/ids.hpp"

#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

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
  /// By IAM user (or STS credential) name; a fleet's are not kept once gone (counted).
  std::map<std::string, iam_user> users;
  static inline const char* name = "aws_engine";
};

caf::behavior aws_engine_actor(caf::stateful_actor<aws_engine_state>* self, sim_context ctx,
                               std::string mount);

} // namespace tokenlab
