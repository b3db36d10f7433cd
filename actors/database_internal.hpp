#pragma once
// Pieces shared by the database secrets engine's files (private to actors/): the framework's
// answers and field conversions every path uses, and the trace of a config write
// (database_engine.cpp); the connection paths (database_config.cpp); the role paths
// (database_roles.cpp). actors/database_engine.hpp is the public side.

#include "actors/database_engine.hpp"
#include "actors/messages.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab::database_detail {

using self_ptr = logical_engine::stateful_pointer<database_engine_state>;

// --- the framework's answers and field conversions (database_engine.cpp) ---

api_response no_content();
vault_error unsupported_path();
vault_error unsupported_operation();
vault_error not_modelled(const std::string& what);
/// A plain error from a handler: 500, wrapped as request_handling.go wraps it.
vault_error handler_error(std::string_view msg);
/// The name after `prefix` ("roles/"), when the path is `prefix` + a generic name.
std::optional<std::string> named(const std::string& sub, std::string_view prefix);
/// The list-only paths `config/?$` and `roles/?$`.
bool list_path(const std::string& sub, std::string_view base);
/// Vault paths of this engine that the lab does not model.
bool unmodelled_path(const std::string& sub);
void config_written(self_ptr self, const std::string& path);

// --- connections (database_config.cpp) ---

/// Whether the connection's allowed_roles (globs) admit `role`.
bool role_allowed(const db_connection& c, const std::string& role);
/// url.URL.Redacted(): the password shown as "xxxxx".
std::string redacted(const std::string& url);
/// path_config_connection.go connectionWriteHandler.
api_outcome write_config(self_ptr self, const std::string& name, const logical_write_request& req);

// --- roles (database_roles.cpp) ---

/// path_roles.go pathRoleCreateUpdate.
api_outcome write_role(self_ptr self, const std::string& name, const logical_write_request& req);

} // namespace tokenlab::database_detail
