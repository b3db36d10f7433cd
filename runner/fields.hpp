#pragma once
// How a scenario reads a named result: `r.ttl`, `t1.accessor`, `c.lease_id`, `r.warnings`,
// `r.error`, `r.policies.length`. Names follow what Vault prints: the keys of the CLI table
// (token_duration, token_accessor, lease_duration, …), the API JSON (auth.lease_duration,
// data.ttl, …) and a few short forms (ttl, accessor, type); language/result_fields.hpp holds
// the table of them that the parser checks names against. FORMAT.md lists them.

#include "model/api.hpp"
#include "model/vault_error.hpp"
#include "language/scenario.hpp"

#include <optional>
#include <string>
#include <variant>

namespace tokenlab {

/// A step's result as the scenario remembers it under its name.
struct named_result {
  std::variant<api_response, vault_error> result;
  std::string node;   ///< the cluster node the call went to ("" without a cluster)
  std::string served; ///< where it ran ("served by standby-1", "forwarded to the active node…")
  /// The storage keys the step wrote and deleted (nullopt while a fleet runs: not counted
  /// per step).
  std::optional<std::int64_t> storage_writes;
  std::optional<std::int64_t> storage_deletes;
};

/// The value of `field` in `r`; nullopt (with `why`) when the result has no such field.
std::optional<field_value> result_field(const named_result& r, const std::string& field,
                                        std::string& why);

/// The value `$name` stands for: the token of an auth result, the lease ID of a leased secret.
std::optional<std::string> main_value(const named_result& r, std::string& why);

/// Whether a field holds a duration (the Vault CLI's rule, command/format.go: keys named
/// period, ttl, duration, lease_max, ttl_max, or ending in _period, _ttl, _duration).
bool duration_key(const std::string& field);

/// Renders a field value as text ("14400", "[a b]", "\"x\"", "null").
std::string show_value(const field_value& v);

/// Evaluates `expect NAME.FIELD OP VALUE` (or `absent`, `present`) against a result;
/// `other` is the value of the right-hand `$name.field` when there is one. `actual` gets
/// what was found.
bool evaluate_compare(const expect_compare& e, const named_result& r,
                      const std::optional<field_value>& other, std::string& actual);

} // namespace tokenlab
