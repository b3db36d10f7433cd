#include "model/mount_table.hpp"

#include "clock/sim_time.hpp"

#include <map>

namespace tokenlab {

auth_mount_info new_auth_mount(id_source& ids, std::string path, std::string type,
                               std::string description) {
  auth_mount_info m;
  m.path = std::move(path);
  m.accessor = "auth_" + type + "_" + ids.uuid().substr(0, 8);
  m.uuid = ids.uuid();
  m.type = std::move(type);
  m.description = std::move(description);
  return m;
}

const std::vector<table_column>& auth_list_columns(bool detailed) {
  static const std::vector<table_column> simple = {
    {"Path", "path"},         {"Type", "type"},
    {"Accessor", "accessor"}, {"Description", "description"},
    {"Version", "version"},
  };
  static const std::vector<table_column> full = {
    {"Path", "path"},
    {"Plugin", "plugin"},
    {"Accessor", "accessor"},
    {"Default TTL", "default_ttl"},
    {"Max TTL", "max_ttl"},
    {"Token Type", "token_type"},
    {"Replication", "replication"},
    {"Seal Wrap", "seal_wrap"},
    {"External Entropy Access", "external_entropy_access"},
    {"Options", "options"},
    {"Description", "description"},
    {"UUID", "uuid"},
    {"Version", "version"},
    {"Running Version", "running_version"},
    {"Running SHA256", "running_sha256"},
    {"Deprecation Status", "deprecation_status"},
  };
  return detailed ? full : simple;
}

namespace {

// auth_list.go calcTTL: the mount's own value in seconds, or "system" when it has none.
std::string ttl_cell(sim_duration ttl) {
  return ttl == sim_duration{0} ? std::string{"system"} : std::to_string(whole_seconds(ttl));
}

} // namespace

data_map auth_list_data(const std::vector<auth_mount_info>& mounts) {
  data_map out;
  for (const auto& m : mounts) {
    std::map<std::string, std::string> row;
    row["type"] = m.type;
    row["plugin"] = m.type; // a built-in method: its type (external plugins are not modelled)
    row["accessor"] = m.accessor;
    row["default_ttl"] = ttl_cell(m.tune.default_lease_ttl);
    row["max_ttl"] = ttl_cell(m.tune.max_lease_ttl);
    row["token_type"] = m.tune.token_type;
    row["replication"] = "replicated";
    row["seal_wrap"] = "false";
    row["external_entropy_access"] = "false";
    row["options"] = "map[]";
    row["description"] = m.description;
    row["uuid"] = m.uuid;
    row["version"] = ""; // no pinned plugin version
    row["running_version"] = std::string{builtin_running_version};
    row["running_sha256"] = ""; // built-ins have no binary of their own
    // The token store is not in the plugin catalogue, so it has no deprecation status.
    row["deprecation_status"] = m.type == "token" ? "" : "supported";
    out[m.path] = std::move(row);
  }
  return out;
}

} // namespace tokenlab
