#pragma once
// Vault's ACL policies and the ACL check, as Vault 1.14 does them:
// * parse_policy is ParseACLPolicy (vault/policy.go) over the HCL of model/policy_text.hpp:
//   `path "<p>" { capabilities = [...] }`, the legacy `policy = "deny|read|write|sudo"`, a
//   trailing `*` (prefix glob), `+` segment wildcards, `deny`, with Vault's error texts.
// * policy_store holds the named policies (vault/policy_store.go): the built-in `default` (its
//   real 1.14 text), `root` (no rules; grants everything) and the hidden `response-wrapping`.
// * capabilities_on / acl_allows / capability_names are NewACL + AllowOperation + Capabilities
//   (vault/acl.go, vault/capabilities.go): rules of all the token's policies merged per path
//   (deny wins, otherwise capabilities add up); an exact path beats any wildcard; among
//   wildcards, the priority of CheckAllowedFromNonExactPaths (the longest prefix glob, then `+`
//   paths by first-wildcard position, prefix-ness, wildcard count, length).
//
// Path-block keys that restrict requests (`allowed_parameters`, `denied_parameters`,
// `required_parameters`, `min_wrapping_ttl`, `max_wrapping_ttl`, `mfa_methods`,
// `control_group`) are parsed and validated as Vault does but not applied: path_rule::ignored
// lists them. Namespaces are not modelled.
// * Templated paths (`secret/data/{{identity.entity.id}}/*`) are filled from the requesting
//   token's entity when the ACL is built (policy_store.go ACL, parseACLPolicyWithTemplating,
//   sdk/helper/identitytpl PopulateString in ACL mode); a path whose template cannot be filled
//   (no entity, a missing metadata key or alias, `identity.groups.*`: the lab has no groups) is
//   dropped from that ACL (model/acl_template.cpp).

#include "model/vault_error.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tokenlab {

/// A capability of Vault's policy language, as a bit of a capability set.
enum class capability : unsigned {
  create = 1u << 0,
  read = 1u << 1,
  update = 1u << 2,
  del = 1u << 3,
  list = 1u << 4,
  sudo = 1u << 5,
  deny = 1u << 6,
  patch = 1u << 7,
};

/// Returns the bit of `c` in a capability set.
constexpr unsigned cap_bit(capability c) {
  return static_cast<unsigned>(c);
}

/// Every capability a root token has (all but deny).
constexpr unsigned all_capabilities = cap_bit(capability::create) | cap_bit(capability::read) |
                                      cap_bit(capability::update) | cap_bit(capability::del) |
                                      cap_bit(capability::list) | cap_bit(capability::sudo) |
                                      cap_bit(capability::patch);

/// One `path` block after ParseACLPolicy (vault.PathRules).
struct path_rule {
  /// The path without a leading `/`; a glob loses its trailing `*`. As in Vault, a path with
  /// `+` segments keeps its trailing `*` (and glob stays false).
  std::string path;
  /// IsPrefix: the path ended in `*` and has no `+` segment.
  bool glob = false;
  /// HasSegmentWildcards: the path is `+`, starts with `+/` or contains `/+`.
  bool segment_wildcards = false;
  /// The path holds `{{...}}` identity templates (Policy.Templated): `path` above is the key
  /// as written, classified again once the token's entity fills it.
  bool templated = false;
  /// The key as written in the policy (before the leading `/` and the trailing `*` go).
  std::string key;
  /// The capability bits; a denying rule holds the deny bit alone.
  unsigned caps = 0;
  /// The capability names as Vault keeps them, legacy `policy` mapping applied.
  std::vector<std::string> capabilities;
  /// The keys of the block that were parsed but are not modelled, in order of appearance.
  std::vector<std::string> ignored;
};

/// A named ACL policy: the HCL as written and its rules in order of appearance.
struct policy {
  std::string name;
  std::string text;
  std::vector<path_rule> rules;
};

/// Parses `hcl` as Vault's ParseACLPolicy. Errors: Vault's texts (`failed to parse policy: ...`),
/// status 400. JSON policies are refused (not modelled).
outcome<policy> parse_policy(const std::string& name, const std::string& hcl);

/// Returns the text of Vault 1.14's built-in `default` policy (vault/policy_store.go).
const std::string& default_policy_text();

/// The policies Vault knows by name (`sys/policies/acl`).
namespace acl_detail {
struct compiled_acl; // NewACL's merged rules (model/acl_internal.hpp)
} // namespace acl_detail

struct identity_entity; // model/identity.hpp: what templated paths are filled from

class policy_store {
public:
  /// Creates a store holding `default`, `root` and the unlisted `response-wrapping`.
  policy_store();

  /// Writes a policy, as `vault policy write` (handlePoliciesSet, SetPolicy): the name is
  /// lower-cased, a base64 text is decoded, `root` (and `response-wrapping`, `control-group`)
  /// cannot be written, `default` can. Returns the response's warnings.
  outcome<std::vector<std::string>> put(const std::string& name, const std::string& hcl);

  /// Deletes a policy, as `vault policy delete`; true when it existed. `root` and `default`
  /// cannot be deleted.
  outcome<bool> remove(const std::string& name);

  /// Returns the policy named `name` (lower-cased and trimmed, as GetPolicy), or nullptr.
  const policy* find(const std::string& name) const;

  /// True when a policy named `name` exists (`root` and `default` always do).
  bool exists(const std::string& name) const;

  /// Returns the names `vault policy list` prints: stored names sorted, then `root`.
  std::vector<std::string> names() const;

  /// The merged rules of a token's policies (NewACL), compiled once per set of names until
  /// a policy is written or deleted; templated paths are dropped there. With an entity, when
  /// the policies have templated paths, compiled once per set of names and filled paths.
  std::shared_ptr<const acl_detail::compiled_acl>
  compiled(const std::vector<std::string>& names, const identity_entity* entity = nullptr) const;

  /// The ACL of a token with `token_policies` and the entity snapshot `entity` (none: null),
  /// whose policies join them (fetchEntityAndDerivedPolicies). A snapshot does not change while
  /// it lives (the identity store publishes a new one at each change), so the ACL is
  /// remembered per snapshot and token policies: a request of a token with an entity neither
  /// fills a template nor builds the list of names. The memo keeps the snapshots it names alive
  /// (no address is reused under it); it is bounded and, as the other compilations, forgotten
  /// when a policy is written or deleted.
  std::shared_ptr<const acl_detail::compiled_acl>
  compiled_for_token(const std::vector<std::string>& token_policies,
                     const std::shared_ptr<const identity_entity>& entity) const;

private:
  void forget_compiled();

  std::map<std::string, policy> policies_;
  mutable std::map<std::vector<std::string>, std::shared_ptr<const acl_detail::compiled_acl>>
    compiled_;
  /// The last set of names compiled_ was asked for, and its ACL: requests come in runs of one
  /// set of policies (a fleet's tokens all have the same), and comparing two short lists of
  /// names costs less than a walk down compiled_ comparing lists at each level.
  mutable std::pair<std::vector<std::string>, std::shared_ptr<const acl_detail::compiled_acl>>
    last_compiled_;
  /// The ACLs of templated policies, by names then each templated path as filled ("-": not).
  mutable std::map<std::pair<std::vector<std::string>, std::vector<std::string>>,
                   std::shared_ptr<const acl_detail::compiled_acl>>
    filled_;
  struct snapshot_acls {
    std::shared_ptr<const identity_entity> entity; ///< kept alive: its address names it
    std::vector<
      std::pair<std::vector<std::string>, std::shared_ptr<const acl_detail::compiled_acl>>>
      by_names;
  };
  mutable std::unordered_map<const identity_entity*, snapshot_acls> by_snapshot_;
};

// In each check below, `entity` is the requesting token's entity (nullptr: none), which fills
// the policies' templated paths.

/// Returns the capability bits a token with `policies` has on `path` (acl.Capabilities, which
/// checks as a list request: `foo/` also finds an exact rule for `foo`); root: all_capabilities.
unsigned capabilities_on(const policy_store& store, const std::vector<std::string>& policies,
                         std::string_view path, const identity_entity* entity = nullptr);

/// True when the compiled ACL `acl` grants `needed` on `path` (AllowOperation, below).
bool acl_allows(const acl_detail::compiled_acl& acl, std::string_view path, capability needed);

/// True when `policies` grant `needed` on `path` (AllowOperation; root grants everything; only a
/// list check falls back from `foo/` to an exact rule for `foo`). Sudo is acl_allows(.., sudo).
bool acl_allows(const policy_store& store, const std::vector<std::string>& policies,
                std::string_view path, capability needed, const identity_entity* entity = nullptr);

/// Returns what sys/capabilities(-self) answers: ["root"] for a root token, ["deny"] when nothing
/// is granted (or deny is), else the granted names sorted (`create`, `delete`, `list`, ...).
std::vector<std::string> capability_names(const policy_store& store,
                                          const std::vector<std::string>& policies,
                                          std::string_view path,
                                          const identity_entity* entity = nullptr);

/// hasMountAccess (vault/logical_system.go): true when `policies` give any capability on the
/// mount path `mount` ("secret/") or on a path under it, or a glob covers it
/// (model/acl_mount_access.cpp).
bool any_access_under(const policy_store& store, const std::vector<std::string>& policies,
                      const std::string& mount, const identity_entity* entity = nullptr);

} // namespace tokenlab
