#pragma once
// The KV secrets engine, version 2 (vault-plugin-secrets-kv v0.15.0, which Vault 1.14 bundles,
// and which `vault server -dev` mounts at secret/): every secret keeps numbered versions and
// a key metadata record. Pure rules, after path_data.go, path_metadata.go, path_delete.go,
// path_destroy.go, path_config.go, delete_version_after.go and backend.go:
//
// * `data/<path>`: a write adds version current+1 (check-and-set with `options.cas`, the
//   oldest versions beyond max_versions dropped, 10 by default); a read returns the latest
//   version or `?version=N`, and answers 404 *with* the version's metadata when that version
//   is deleted or destroyed; a delete soft-deletes the latest version;
// * `delete/<path>`, `undelete/<path>`, `destroy/<path>` with `versions`;
// * `metadata/<path>`: read (every version's times, current_version, oldest_version, ...),
//   write (max_versions, cas_required, delete_version_after, custom_metadata), delete
//   (every version and the record), list;
// * `config`: the mount's max_versions, cas_required, delete_version_after;
// * anything else: 404 with the plugin's warning (pathInvalid: "use 'vault kv get'").
//
// A version whose deletion_time has come is deleted: a time at or before now (Vault compares
// with time.Now(), which has moved on by the next request; the lab's instants of one step
// and the next can be equal).

#include "clock/sim_time.hpp"
#include "model/api.hpp"
#include "model/vault_error.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tokenlab::kv2 {

/// One version's metadata (VersionMetadata).
struct version_meta {
  sim_time created{};
  std::optional<sim_time> deletion; ///< deletion_time; may lie ahead (delete_version_after)
  bool destroyed = false;
};

/// A secret's key metadata (KeyMetadata).
struct key_metadata {
  std::map<std::uint64_t, version_meta> versions;
  std::uint64_t current_version = 0;
  std::uint64_t oldest_version = 0;
  std::optional<sim_time> created; ///< set by the first write (or metadata write)
  std::optional<sim_time> updated;
  std::uint32_t max_versions = 0; ///< 0: the mount's (or 10)
  bool cas_required = false;
  sim_duration delete_version_after{0}; ///< 0: unset
  std::map<std::string, std::string> custom_metadata;
};

/// The mount's configuration (`<mount>config`).
struct mount_config {
  std::uint32_t max_versions = 0; ///< 0: the default, 10
  bool cas_required = false;
  /// nullopt or 0: unset; negative: disabled for every key (Vault stores -1s).
  std::optional<sim_duration> delete_version_after;
};

/// The default number of versions a key keeps (defaultMaxVersions).
inline constexpr std::uint32_t default_max_versions = 10;

enum class operation { read, write, del, list, patch };

/// One request to the mount. `path` is relative to the mount ("data/app"); `body` is the
/// request's data, typed as the CLI's JSON sends it or as `key=value` strings;
/// `params` are the query parameters of a read (`version`).
struct request {
  operation op = operation::read;
  std::string path;
  data_map body;
  std::map<std::string, std::string> params;
};

/// What a request did to the mount's storage, by record (the engine names the keys).
struct storage_change {
  std::vector<std::string> metadata_put;                              ///< key metadata written
  std::vector<std::string> metadata_deleted;                          ///< key metadata removed
  std::vector<std::pair<std::string, std::uint64_t>> version_put;     ///< key, version
  std::vector<std::pair<std::string, std::uint64_t>> version_deleted; ///< key, version
  bool config_put = false;
};

/// A KV v2 mount's contents and its rules.
class versioned_store {
public:
  /// Handles one request at virtual instant `now`; times print from `epoch_unix`. A 404
  /// that carries a body (a deleted version's metadata, the plugin's warning) is a response
  /// with status 404; a 404 with nothing is a vault_error with no message.
  outcome<api_response> handle(const request& req, sim_time now, std::int64_t epoch_unix,
                               storage_change& change);

  const key_metadata* metadata(const std::string& key) const;
  /// Every key that has a metadata record, in order.
  std::vector<std::string> keys() const;
  const mount_config& config() const { return config_; }

private:
  outcome<api_response> write_data(const std::string& key, const data_map& body, sim_time now,
                                   std::int64_t epoch, storage_change& change);
  outcome<api_response> patch_data(const std::string& key, const data_map& body, sim_time now,
                                   std::int64_t epoch, storage_change& change);
  std::optional<vault_error> check_cas(const data_map& body, const key_metadata& current) const;
  api_response add_version(const std::string& key, std::map<std::string, std::string> values,
                           sim_time now, std::int64_t epoch, storage_change& change);
  outcome<api_response> read_data(const std::string& key, const request& req, sim_time now,
                                  std::int64_t epoch) const;
  outcome<api_response> delete_latest(const std::string& key, sim_time now,
                                      storage_change& change);
  outcome<api_response> change_versions(const std::string& verb, const std::string& key,
                                        const data_map& body, sim_time now,
                                        storage_change& change);
  outcome<api_response> read_metadata(const std::string& key, std::int64_t epoch) const;
  outcome<api_response> write_metadata(const std::string& key, const data_map& body, sim_time now,
                                       storage_change& change);
  outcome<api_response> delete_metadata(const std::string& key, storage_change& change);
  outcome<api_response> list_metadata(const std::string& prefix) const;
  outcome<api_response> read_config() const;
  outcome<api_response> write_config(const data_map& body, storage_change& change);
  std::optional<sim_time> deletion_for(const key_metadata& meta, sim_time from) const;

  mount_config config_;
  std::map<std::string, key_metadata> meta_;
  /// The stored data of each version, by key then version.
  std::map<std::string, std::map<std::uint64_t, std::map<std::string, std::string>>> data_;
};

/// The warning of a request to no KV v2 path (pathInvalid), naming the `vault kv` subcommand
/// for the operation: get, put, list or delete.
std::string invalid_path_warning(operation op);

/// Go's time.Duration.String() of a whole number of milliseconds: "0s", "1h0m0s", "30m0s",
/// "1.5s" (what the plugin prints for delete_version_after).
std::string go_duration_string(sim_duration d);

} // namespace tokenlab::kv2
