// Vault's PolicyStore (vault/policy_store.go): the named ACL policies of `sys/policies/acl`, with
// the built-in `default` (its real 1.14 text), `root` (no rules; grants everything) and the
// hidden `response-wrapping`; the checks of handlePoliciesSet / handlePoliciesDelete (lower-cased
// names, base64 texts, immutable policies) and the list `vault policy list` prints.

#include "model/acl.hpp"

#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <cctype>
#include <optional>
#include <utility>

namespace tokenlab {

namespace {

// vault/policy_store.go defaultPolicy, byte for byte (Vault 1.14.0 - 1.14.x).
constexpr std::string_view default_text = R"hcl(
# Allow tokens to look up their own properties
path "auth/token/lookup-self" {
    capabilities = ["read"]
}

# Allow tokens to renew themselves
path "auth/token/renew-self" {
    capabilities = ["update"]
}

# Allow tokens to revoke themselves
path "auth/token/revoke-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own capabilities on a path
path "sys/capabilities-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own entity by id or name
path "identity/entity/id/{{identity.entity.id}}" {
  capabilities = ["read"]
}
path "identity/entity/name/{{identity.entity.name}}" {
  capabilities = ["read"]
}


# Allow a token to look up its resultant ACL from all policies. This is useful
# for UIs. It is an internal path because the format may change at any time
# based on how the internal ACL features and capabilities change.
path "sys/internal/ui/resultant-acl" {
    capabilities = ["read"]
}

# Allow a token to renew a lease via lease_id in the request body; old path for
# old clients, new path for newer
path "sys/renew" {
    capabilities = ["update"]
}
path "sys/leases/renew" {
    capabilities = ["update"]
}

# Allow looking up lease properties. This requires knowing the lease ID ahead
# of time and does not divulge any sensitive information.
path "sys/leases/lookup" {
    capabilities = ["update"]
}

# Allow a token to manage its own cubbyhole
path "cubbyhole/*" {
    capabilities = ["create", "read", "update", "delete", "list"]
}

# Allow a token to wrap arbitrary values in a response-wrapping token
path "sys/wrapping/wrap" {
    capabilities = ["update"]
}

# Allow a token to look up the creation time and TTL of a given
# response-wrapping token
path "sys/wrapping/lookup" {
    capabilities = ["update"]
}

# Allow a token to unwrap a response-wrapping token. This is a convenience to
# avoid client token swapping since this is also part of the response wrapping
# policy.
path "sys/wrapping/unwrap" {
    capabilities = ["update"]
}

# Allow general purpose tools
path "sys/tools/hash" {
    capabilities = ["update"]
}
path "sys/tools/hash/*" {
    capabilities = ["update"]
}

# Allow checking the status of a Control Group request if the user has the
# accessor
path "sys/control-group/request" {
    capabilities = ["update"]
}

# Allow a token to make requests to the Authorization Endpoint for OIDC providers.
path "identity/oidc/provider/+/authorize" {
    capabilities = ["read", "update"]
}
)hcl";

// vault/policy_store.go responseWrappingPolicy.
constexpr std::string_view response_wrapping_text = R"hcl(
path "cubbyhole/response" {
    capabilities = ["create", "read"]
}

path "sys/wrapping/unwrap" {
    capabilities = ["update"]
}
)hcl";

// Go's base64.StdEncoding.DecodeString: padded, `\r` and `\n` ignored; nullopt when invalid.
std::optional<std::string> base64_decode(const std::string& in) {
  static constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  for (char c : in)
    if (c != '\r' && c != '\n')
      s += c;
  if (s.size() % 4 != 0)
    return std::nullopt;
  std::string out;
  for (size_t q = 0; q < s.size(); q += 4) {
    unsigned v = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; ++k) {
      char c = s[q + k];
      bool last = q + 4 == s.size();
      if (c == '=' && last && k >= 2 && (k == 3 || s[q + 3] == '=')) {
        ++pad;
        v <<= 6;
        continue;
      }
      auto d = alphabet.find(c);
      if (d == std::string_view::npos || pad > 0)
        return std::nullopt;
      v = (v << 6) | static_cast<unsigned>(d);
    }
    out += static_cast<char>(v >> 16);
    if (pad < 2)
      out += static_cast<char>((v >> 8) & 0xFF);
    if (pad < 1)
      out += static_cast<char>(v & 0xFF);
  }
  return out;
}

// PolicyStore.sanitizeName: lower-cased and trimmed.
std::string sanitize_name(const std::string& name) {
  auto b = name.find_first_not_of(" \t\n\v\f\r");
  auto e = name.find_last_not_of(" \t\n\v\f\r");
  std::string out = b == std::string::npos ? std::string{} : name.substr(b, e - b + 1);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool immutable(const std::string& name) {
  return name == "root" || name == "response-wrapping" || name == "control-group";
}

} // namespace

const std::string& default_policy_text() {
  static const std::string text{default_text};
  return text;
}

policy_store::policy_store() {
  // Both texts parse (the tests say so); a failure would leave the policy out, not throw.
  for (auto [name, text] :
       {std::pair{"default", default_text}, {"response-wrapping", response_wrapping_text}})
    if (auto p = parse_policy(name, std::string{text}))
      policies_.emplace(name, std::move(*p));
  policies_.emplace("root", policy{"root", "", {}});
}

outcome<std::vector<std::string>> policy_store::put(const std::string& name,
                                                    const std::string& hcl_text) {
  std::string lower = name;
  for (auto& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty())
    return vault_error::invalid(std::string{texts::policy_name_missing});
  std::vector<std::string> warnings;
  if (lower != name)
    warnings.push_back(texts::policy_name_converted(lower));
  if (hcl_text.empty())
    return vault_error::invalid(std::string{texts::policy_text_missing});
  std::string text = base64_decode(hcl_text).value_or(hcl_text);
  auto p = parse_policy(sanitize_name(lower), text);
  if (!p)
    return p.error();
  if (immutable(p->name))
    return vault_error::invalid(texts::cannot_update_policy(p->name));
  policies_[p->name] = std::move(*p);
  forget_compiled();
  return warnings;
}

outcome<bool> policy_store::remove(const std::string& name) {
  auto n = sanitize_name(name);
  if (immutable(n))
    return vault_error::invalid(texts::cannot_delete_policy(n));
  if (n == "default")
    return vault_error::invalid(std::string{texts::cannot_delete_default_policy});
  forget_compiled();
  return policies_.erase(n) > 0;
}

void policy_store::forget_compiled() {
  compiled_.clear();
  last_compiled_ = {};
  filled_.clear();
  by_snapshot_.clear();
}

const policy* policy_store::find(const std::string& name) const {
  auto it = policies_.find(sanitize_name(name));
  return it == policies_.end() ? nullptr : &it->second;
}

bool policy_store::exists(const std::string& name) const {
  return find(name) != nullptr;
}

std::vector<std::string> policy_store::names() const {
  std::vector<std::string> out;
  for (const auto& [n, p] : policies_)
    if (n != "root" && n != "response-wrapping" && n != "control-group")
      out.push_back(n);
  out.push_back("root"); // handlePoliciesList appends root after the stored keys
  return out;
}

} // namespace tokenlab
