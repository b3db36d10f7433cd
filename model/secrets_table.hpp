#pragma once
// The secrets engines' mount table as `vault secrets list` shows it (Vault 1.14
// command/secrets_list.go over GET sys/mounts): the dev server's built-in mounts (cubbyhole/,
// identity/, sys/), its kv v2 at secret/, and every engine a scenario enables. A row holds
// each cell as the CLI's fmt.Sprintf writes it, keyed by the column's header in snake case,
// as model/mount_table.hpp does for `vault auth list`.

#include "model/api.hpp"
#include "model/mount_table.hpp"
#include "model/ttl.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tokenlab {

/// One mounted secrets engine.
struct secrets_mount_info {
  std::string path; ///< "secret/"
  std::string type; ///< "kv"
  std::string accessor;
  std::string uuid;
  std::string description;
  std::map<std::string, std::string> options; ///< {"version": "2"}
  mount_tune tune;                            ///< the mount's own values; zero = the system's
};

/// A mount's accessor (`<type>_` + 8 hex digits, vault/mount.go generateMountAccessor) and
/// UUID, drawn from the scenario's seed and the mount's path.
secrets_mount_info new_secrets_mount(std::uint64_t seed, std::string path, std::string type,
                                     std::string description,
                                     std::map<std::string, std::string> options = {});

/// The mounts every Vault has (requiredMountTable): cubbyhole/, identity/, sys/.
std::vector<secrets_mount_info> builtin_secrets_mounts(std::uint64_t seed);

/// `vault secrets list` (false) or `vault secrets list -detailed` (true).
const std::vector<table_column>& secrets_list_columns(bool detailed);

/// The data of the answer: path -> row (every column of the detailed table).
data_map secrets_list_data(const std::vector<secrets_mount_info>& mounts);

/// The version a built-in plugin reports running (versions.GetBuiltinVersion): the kv plugin's
/// module version for kv, Vault's own for the engines in Vault's repository.
std::string running_version(const std::string& type);

} // namespace tokenlab
