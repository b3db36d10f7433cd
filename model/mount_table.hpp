#pragma once
// The auth mount table as `vault auth list` shows it (Vault 1.14 command/auth_list.go over
// GET sys/auth): one row per mount, sorted by path, in the columns the CLI prints.
//
// A row holds each cell as the CLI's fmt.Sprintf writes it (an empty cell stays empty; the
// table printer shows it as `n/a`), keyed by the column's header in snake case
// ("Default TTL" -> default_ttl), so that `expect auths.token/.default_ttl == "system"`
// reads what a learner sees.

#include "model/api.hpp"
#include "model/ids.hpp"
#include "model/ttl.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

/// One enabled auth method, as the mount table keeps it.
struct auth_mount_info {
  std::string path; ///< "token/", "userpass/"
  std::string type; ///< "token", "userpass"
  std::string accessor;
  std::string uuid;
  std::string description;
  mount_tune tune; ///< the mount's own values; zero = the system's
};

/// A new mount's accessor and UUID, as vault/mount.go draws them: the accessor is
/// `auth_<type>_` + the first 8 hex digits of a UUID.
auth_mount_info new_auth_mount(id_source& ids, std::string path, std::string type,
                               std::string description);

/// One column of the table: its header and the row key of its cells.
struct table_column {
  std::string_view header;
  std::string_view key;
};

/// `vault auth list` (false) or `vault auth list -detailed` (true).
const std::vector<table_column>& auth_list_columns(bool detailed);

/// The data of the answer: path -> row (every column of the detailed table).
data_map auth_list_data(const std::vector<auth_mount_info>& mounts);

/// The Vault release whose built-in plugins the lab reports as running.
inline constexpr std::string_view builtin_running_version = "v1.14.0+builtin.vault";

} // namespace tokenlab
