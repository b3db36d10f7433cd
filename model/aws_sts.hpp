#pragma once
// The AWS secrets engine's rules that do not need AWS (Vault 1.14 builtin/logical/aws):
// which credential a role gives, how long an STS credential lives, and how its names are made.
//
//  * A role's credential_type is iam_user, assumed_role or federation_token
//    (awsRoleEntry.validate); default_sts_ttl and max_sts_ttl only go with the STS types,
//    role_arns only with assumed_role.
//  * An STS credential (pathCredsRead) lives the request's `ttl` if given, else the role's
//    default_sts_ttl, else 3600 s; capped by the role's max_sts_ttl, else the mount's max lease
//    TTL. Its lease is not renewable (STS credentials are "purposefully short-lived"), and
//    revoking it deletes nothing: AWS keeps the credential valid until it expires.
//  * Names follow the default username_template: an IAM user or an assumed role's session is
//    `vault-` + (display name `-` role, truncated to 42) + `-<unix time>-<20 random>`,
//    truncated to 64; a federation token's name is `vault-<unix time>-<20 random>` truncated
//    to 32.

#include "model/fields.hpp"
#include "model/vault_error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tokenlab {

/// A role of the AWS engine, as the lab keeps it.
struct aws_role {
  std::string credential_type = "iam_user";
  std::vector<std::string> role_arns;
  std::vector<std::string> policy_arns;
  std::string policy_document;
  std::int64_t default_sts_ttl = 0; ///< seconds
  std::int64_t max_sts_ttl = 0;     ///< seconds
  bool sts() const { return credential_type != "iam_user"; }
};

/// pathRolesWrite's decoding and validate(): the role, or the 400 `error(s) validating
/// supplied role data: "<multierror>"`. `fields` passed the schema's conversion.
outcome<aws_role> aws_role_from_fields(const field_map& fields);

/// pathCredsRead's TTL of an STS credential, in seconds: `requested` (the `ttl` field), else
/// the role's default_sts_ttl, else 3600; capped by max_sts_ttl, else `mount_max` seconds.
std::int64_t sts_ttl(const aws_role& role, std::optional<std::int64_t> requested,
                     std::int64_t mount_max);

/// normalizeDisplayName: every character but letters, digits and `+=,.@_-` becomes `_`.
std::string aws_normalize_name(std::string name);

/// The default template's IAM user (and assumed-role session) name.
std::string aws_iam_name(const std::string& display_name, const std::string& role,
                         std::int64_t unix_time, const std::string& random20);
/// The default template's federation token name.
std::string aws_sts_name(std::int64_t unix_time, const std::string& random20);

/// The ARN of an assumed role's session: `arn:aws:sts::<account>:assumed-role/<role>/<session>`
/// from the role's `arn:aws:iam::<account>:role/<path/><role>`.
std::string assumed_role_arn(const std::string& role_arn, const std::string& session);

} // namespace tokenlab
