#pragma once
// Tuning a mount: writes of sys/auth/<path>/tune and sys/mounts/<path>/tune
// (vault/logical_system.go handleTuneWriteCommon, logical_system_helpers.go tuneMountTTLs),
// whether `vault auth tune` / `vault secrets tune` send them or `vault write` does.
//
//  * A TTL field is text: "" (or absent) keeps the mount's value, "system" resets it to the
//    system's (0, as a TTL of "0" does), anything else is parsed by
//    parseutil.ParseDurationSecond, negatives included: `vault write sys/auth/token/tune
//    max_lease_ttl=-1` stores -1s, after which no TTL can be computed on the mount
//    (CalculateTTL: `max TTL must be greater than zero`). The CLI never sends a negative: its
//    ttlToAPI (command/base_helpers.go) sends "" for 0 and "system" for any negative, and its
//    duration flag reads `system` as -1.
//  * When either TTL changes, the two new values are checked against each other (both set and
//    max below default is refused) and stored. This happens before token_type is looked at,
//    so a request whose token_type is refused still changes the TTLs, as in Vault.
//  * token_type applies to auth mounts only, and never to the token mount; it takes "" (which
//    means default-service), default-service, default-batch, service and batch.

#include "model/api.hpp"
#include "model/fields.hpp"
#include "model/trace.hpp"
#include "model/ttl.hpp"
#include "model/vault_error.hpp"

#include <optional>
#include <string>

namespace tokenlab {

/// What is tuned: the token store's own mount, another auth method's, or a secrets engine's.
enum class mount_kind { token, auth, secrets };

/// A tune's result: the mount's new values, and the error of a step that failed after the
/// TTLs were already stored (or before: then `tune` is the current one).
struct tune_result {
  mount_tune tune;
  std::optional<vault_error> error;
};

/// A tune written with the API's fields (`vault write sys/auth/userpass/tune
/// token_type=batch`). The fields are converted by the tune path's schema; those the lab does
/// not model (description, options, …) are refused as such.
outcome<mount_tune_request> tune_request_from_fields(std::string mount, const field_map& fields);

/// handleTuneWriteCommon on `current`, a mount of `kind`.
tune_result apply_tune(const mount_tune& current, const mount_tune_request& req, mount_kind kind);

/// A tune's effect on `mount`, of `kind`, now tuned `tune`, for the trace: its effective TTLs
/// under `sys` (effective_view) and, for an auth method, its token type.
tune_facts tune_effect(const system_config& sys, const mount_tune& tune, const std::string& mount,
                       mount_kind kind);

/// A tune's effect in words: `effective default_lease_ttl 1h (mount tune), max_lease_ttl
/// 768h (system config)`, and an auth method's `, token_type batch`.
std::string tune_detail(const tune_facts& effect);

/// The token type of a login's token (vault/router.go routeCommon): the mount's
/// service/batch forces it; default-service and default-batch take the method's own choice
/// ("default", "service" or "batch"), falling back to their default.
bool login_gets_batch(const std::string& mount_token_type, const std::string& method_token_type);

} // namespace tokenlab
