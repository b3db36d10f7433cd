#include "model/secrets_table.hpp"

#include "model/ids.hpp"

namespace tokenlab {

secrets_mount_info new_secrets_mount(std::uint64_t seed, std::string path, std::string type,
                                     std::string description,
                                     std::map<std::string, std::string> options) {
  auto ids = mount_ids(seed, "sys/mounts/" + path);
  secrets_mount_info m;
  m.accessor = type + "_" + ids.uuid().substr(0, 8);
  m.uuid = ids.uuid();
  m.path = std::move(path);
  m.type = std::move(type);
  m.description = std::move(description);
  m.options = std::move(options);
  return m;
}

std::vector<secrets_mount_info> builtin_secrets_mounts(std::uint64_t seed) {
  return {
    new_secrets_mount(seed, "cubbyhole/", "cubbyhole", "per-token private secret storage"),
    new_secrets_mount(seed, "identity/", "identity", "identity store"),
    new_secrets_mount(seed, "sys/", "system",
                      "system endpoints used for control, policy and debugging"),
  };
}

const std::vector<table_column>& secrets_list_columns(bool detailed) {
  static const std::vector<table_column> simple = {
    {"Path", "path"},
    {"Type", "type"},
    {"Accessor", "accessor"},
    {"Description", "description"},
  };
  static const std::vector<table_column> full = {
    {"Path", "path"},
    {"Plugin", "plugin"},
    {"Accessor", "accessor"},
    {"Default TTL", "default_ttl"},
    {"Max TTL", "max_ttl"},
    {"Force No Cache", "force_no_cache"},
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

std::string running_version(const std::string& type) {
  // vault-plugin-secrets-kv v0.15.0 is the module Vault 1.14.0 builds in.
  return type == "kv" ? std::string{"v0.15.0+builtin"} : std::string{builtin_running_version};
}

namespace {

// secrets_list.go calcTTL: nothing for sys/ and cubbyhole/, else seconds or "system".
std::string ttl_cell(const std::string& type, sim_duration ttl) {
  if (type == "system" || type == "cubbyhole")
    return "";
  return ttl == sim_duration{0} ? std::string{"system"} : std::to_string(whole_seconds(ttl));
}

// fmt's %v of a map[string]string: map[k:v …], keys sorted.
std::string options_cell(const std::map<std::string, std::string>& options) {
  std::string out = "map[";
  bool first = true;
  for (const auto& [k, v] : options) {
    out += (first ? "" : " ") + k + ":" + v;
    first = false;
  }
  return out + "]";
}

} // namespace

data_map secrets_list_data(const std::vector<secrets_mount_info>& mounts) {
  data_map out;
  for (const auto& m : mounts) {
    std::map<std::string, std::string> row;
    row["type"] = m.type;
    row["plugin"] = m.type;
    row["accessor"] = m.accessor;
    row["default_ttl"] = ttl_cell(m.type, m.tune.default_lease_ttl);
    row["max_ttl"] = ttl_cell(m.type, m.tune.max_lease_ttl);
    row["force_no_cache"] = "false";
    row["replication"] = m.type == "cubbyhole" ? "local" : "replicated"; // cubbyhole is Local
    row["seal_wrap"] = m.type == "system" ? "true" : "false";           // sys/ is seal-wrapped
    row["external_entropy_access"] = "false";
    row["options"] = options_cell(m.options);
    row["description"] = m.description;
    row["uuid"] = m.uuid;
    row["version"] = "";
    row["running_version"] = running_version(m.type);
    row["running_sha256"] = "";
    // Only engines in the plugin registry have a deprecation status.
    const bool registered = m.type == "kv" || m.type == "aws" || m.type == "database";
    row["deprecation_status"] = registered ? "supported" : "";
    out[m.path] = std::move(row);
  }
  return out;
}

} // namespace tokenlab
