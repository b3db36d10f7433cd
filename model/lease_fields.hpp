#pragma once
// The lease endpoints of the system backend written with the API's fields (`vault write
// sys/leases/renew lease_id=… increment=1h`), converted by their schemas
// (vault/logical_system_paths.go; model/fields.hpp): lease_id TypeString, increment
// TypeDurationSecond, sync TypeBool (default true). The renew and revoke paths also take the
// lease ID in the URL (`sys/leases/renew/<id>`, and the 0.x `sys/renew/<id>`), which the
// body's lease_id overrides.

#include "model/api.hpp"
#include "model/fields.hpp"
#include "model/vault_error.hpp"

#include <string>
#include <variant>

namespace tokenlab {

/// One of the lease requests the lab models.
using lease_api_request = std::variant<lease_lookup_request, lease_renew_request,
                                       lease_revoke_request>;

/// The request a write of `path` (under sys/) makes, its fields converted: nullopt when
/// `path` is no lease endpoint; a 400 `Field validation failed: …` for a bad field.
std::optional<outcome<lease_api_request>> lease_request_from_fields(const std::string& path,
                                                                    const field_map& fields);

} // namespace tokenlab
