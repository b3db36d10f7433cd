#pragma once
// Identifiers that look like Vault's, drawn from the scenario's seed so that every run of a
// scenario prints the same ones.
//
// The generator is splitmix64 (the same stream as the reference workload, docs/performance.md).
// Each component of the simulation draws from its own stream (`id_source(seed, stream)`),
// so the ids one component hands out do not depend on how its work interleaves with others.

#include <cstdint>
#include <string>
#include <string_view>

namespace tokenlab {

/// splitmix64: state advanced by the golden gamma, output mixed by mix64.
class splitmix64 {
public:
  static constexpr std::uint64_t gamma = 0x9E3779B97F4A7C15ULL;
  explicit splitmix64(std::uint64_t state)
    : state_(state) {}
  static std::uint64_t mix64(std::uint64_t z);
  std::uint64_t next();

private:
  std::uint64_t state_;
};

/// Well-known stream numbers; any other number works too.
enum class id_stream : std::uint64_t {
  token_store = 1,
  secrets = 2,
  requests = 3,
  cubbyholes = 4,
  mount_table = 5,    ///< mount accessors and UUIDs
  barrier_keys = 6,   ///< the simulated barrier's AES-256 key
  barrier_nonces = 7, ///< the nonces of its encryptions (batch tokens)
  identity = 8,       ///< entity and alias IDs, generated entity names
};

/// A seeded source of Vault-shaped random strings.
class id_source {
public:
  id_source(std::uint64_t seed, id_stream stream);
  /// `n` characters of base62 (`0-9A-Za-z`), as Vault's base62.Random.
  std::string base62(std::size_t n);
  /// The same characters, appended to `out` (no string of their own).
  void append_base62(std::string& out, std::size_t n);
  /// `n` characters drawn from `alphabet`.
  std::string chars(std::size_t n, std::string_view alphabet);
  /// The same, written to `out[0..n)`; `alphabet` is not empty.
  void fill(char* out, std::size_t n, std::string_view alphabet);
  /// A version-4 UUID string (lower-case hex), e.g. Vault's request_id.
  std::string uuid();
  std::uint64_t next() { return rng_.next(); }

private:
  splitmix64 rng_;
};

/// The stream of one mount (a secrets engine or an auth method): keyed by its path (FNV-1a),
/// so that mounts do not disturb each other's IDs.
id_source mount_ids(std::uint64_t seed, const std::string& mount);

/// A service token's internal ID: "hvs." + 24 base62.
std::string make_service_token_id(id_source& ids);
/// An accessor: 24 base62, no prefix.
std::string make_accessor(id_source& ids);

} // namespace tokenlab
