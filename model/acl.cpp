#include "model/acl.hpp"

#include "model/go_text.hpp"
#include "model/policy_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <utility>

namespace tokenlab {

namespace {

using hcl::item;
using hcl::node;

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

constexpr unsigned deny_bit = cap_bit(capability::deny);

// The capability names of vault/policy.go with their bits.
constexpr std::pair<std::string_view, capability> cap_names[] = {
  {"create", capability::create}, {"read", capability::read}, {"update", capability::update},
  {"delete", capability::del},    {"list", capability::list}, {"sudo", capability::sudo},
  {"patch", capability::patch},
};

// hclutil.CheckHCLKeys: `invalid key "x" on line N` (N is the `=`'s line, 0 for a block).
std::vector<std::string> check_keys(const std::vector<item>& items,
                                    std::initializer_list<std::string_view> valid) {
  std::vector<std::string> errors;
  for (const auto& it : items) {
    auto key = it.keys[0].value();
    if (std::find(valid.begin(), valid.end(), key) == valid.end())
      errors.push_back("invalid key " + go_quote(key) + " on line " +
                       std::to_string(it.assign.line));
  }
  return errors;
}

// identitytpl.PopulateString's validity check: every `{{` closed by exactly one `}}`.
bool templating_balanced(const std::string& s, bool& templated) {
  std::vector<std::string_view> pieces;
  std::string_view rest = s;
  for (size_t i; (i = rest.find("{{")) != std::string_view::npos; rest.remove_prefix(i + 2))
    pieces.push_back(rest.substr(0, i));
  pieces.push_back(rest);
  templated = pieces.size() > 1;
  if (pieces[0].find("}}") != std::string_view::npos)
    return false;
  for (size_t k = 1; k < pieces.size(); ++k) {
    size_t close = pieces[k].find("}}");
    if (close == std::string_view::npos ||
        pieces[k].find("}}", close + 2) != std::string_view::npos)
      return false;
  }
  return true;
}

// What hcl.DecodeObject fills in PathRules besides policy and capabilities: the fields
// tokenlab parses and validates but does not apply.
struct unmodelled_fields {
  std::optional<node> wrapping_ttl[2]; // min_wrapping_ttl, max_wrapping_ttl
  bool has_control_group = false;
  std::optional<node> control_group_ttl;
  struct factor {
    bool has_identity = false;
    std::vector<std::string> groups;
    long approvals = 0;
    std::vector<std::string> controlled;
  };
  std::vector<factor> factors;
};

// A value decoded into a Go interface{}: the last plain assignment wins; a block is no scalar.
std::optional<node> interface_value(const std::vector<item>& matches) {
  std::optional<node> v;
  for (const auto& m : matches) {
    v = m.val;
    if (!m.keys.empty())
      v->type = node::kind::object;
  }
  return v;
}

// Decodes allowed_parameters / denied_parameters (map[string][]interface{}); 1.14 checks no more.
std::optional<std::string> decode_parameters(const std::vector<item>& matches,
                                             const std::string& field) {
  std::vector<const item*> entries;
  for (const auto& m : matches) {
    if (!m.keys.empty()) {
      entries.push_back(&m);
    } else if (m.val.type != node::kind::object) {
      return hcl::pos_error(m.val.tok.at, "root." + field + ": not an object type for map (" +
                                            hcl::go_type(m.val) + ")");
    } else {
      for (const auto& e : m.val.items)
        entries.push_back(&e);
    }
  }
  for (const item* e : entries) {
    if (e->val.type == node::kind::literal)
      return hcl::pos_error(e->val.tok.at, "unknown slice type: *ast.LiteralType");
  }
  return std::nullopt;
}

// Decodes control_group (*ControlGroupHCL: ttl, factor "<name>" { identity {...}, ... }).
std::optional<std::string> decode_control_group(const std::vector<item>& matches,
                                                unmodelled_fields& out) {
  std::vector<item> body; // prefix matches form one struct, each plain assignment replaces it
  for (const auto& m : matches) {
    if (!m.keys.empty())
      body.push_back(m);
    else if (m.val.type != node::kind::object)
      return hcl::pos_error(m.val.tok.at,
                            std::string{"root.control_group: not an object type for struct ("} +
                              hcl::go_type(m.val) + ")");
  }
  for (const auto& m : matches)
    if (m.keys.empty())
      body = m.val.items;
  out.has_control_group = !matches.empty();
  out.control_group_ttl = interface_value(hcl::filter(body, "ttl"));
  std::vector<std::pair<std::string, const node*>> factors;
  auto factor_items = hcl::filter(body, "factor");
  for (const auto& f : factor_items) {
    if (!f.keys.empty())
      factors.emplace_back(f.keys[0].value(), &f.val);
    else if (f.val.type == node::kind::object)
      for (const auto& e : f.val.items)
        factors.emplace_back(e.keys[0].value(), &e.val);
  }
  for (const auto& [name, val] : factors) {
    std::string field = "root.control_group.factor." + name;
    if (val->type != node::kind::object)
      return hcl::pos_error(val->tok.at,
                            field + ": not an object type for struct (" + hcl::go_type(*val) + ")");
    unmodelled_fields::factor f;
    auto identity = hcl::filter(val->items, "identity");
    f.has_identity = !identity.empty();
    if (f.has_identity) {
      const auto& id = identity.back().val.items;
      for (const char* g : {"group_ids", "group_names"})
        if (auto e = hcl::decode_strings(hcl::filter(id, g), field + ".identity." + g, f.groups))
          return e;
      for (const auto& a : hcl::filter(id, "approvals"))
        if (a.val.type == node::kind::literal)
          f.approvals = std::strtol(a.val.tok.value().c_str(), nullptr, 0);
    }
    if (auto e = hcl::decode_strings(hcl::filter(val->items, "controlled_capabilities"),
                                     field + ".controlled_capabilities", f.controlled))
      return e;
    out.factors.push_back(std::move(f));
  }
  return std::nullopt;
}

// The checks parsePaths makes after the capabilities (wrapping TTLs, control group).
std::optional<std::string> check_unmodelled(const unmodelled_fields& u,
                                            const std::vector<std::string>& caps) {
  std::int64_t ttl[2] = {0, 0};
  for (int k = 0; k < 2; ++k)
    if (u.wrapping_ttl[k]) {
      std::string err;
      auto d = hcl::duration_second(*u.wrapping_ttl[k], err);
      if (!d)
        return std::string{"error parsing "} + (k == 0 ? "min" : "max") + "_wrapping_ttl: " + err;
      ttl[k] = *d;
    }
  if (u.has_control_group) {
    std::string err;
    if (u.control_group_ttl && !hcl::duration_second(*u.control_group_ttl, err))
      return "error parsing control group max ttl: " + err;
    for (const auto& f : u.factors) {
      if (!f.has_identity)
        return std::string{"no control_group factor provided"};
      if (f.approvals <= 0 || f.groups.empty())
        return std::string{"must provide more than one identity group and approvals > 0"};
      for (const auto& c : f.controlled)
        if (std::find(caps.begin(), caps.end(), c) == caps.end())
          return std::string{
            "control group factor capabilities must be a subset of the policy's capabilities"};
    }
    if (u.factors.empty())
      return std::string{"no control group factors provided"};
  }
  if (ttl[0] != 0 && ttl[1] != 0 && ttl[1] < ttl[0])
    return std::string{"max_wrapping_ttl cannot be less than min_wrapping_ttl"};
  return std::nullopt;
}

// One `path` block: the loop body of parsePaths. Returns the error text, if any.
std::optional<std::string> parse_path(const item& it, path_rule& pc) {
  const std::string key = it.keys.empty() ? "path" : it.keys[0].value();
  const std::string prefix = "path " + go_quote(key) + ": ";
  if (!templating_balanced(key, pc.templated))
    return std::string{"failed to validate policy templating: unbalanced templating characters"};
  if (it.val.type != node::kind::object)
    return prefix + "cannot check HCL keys of type " + hcl::go_type(it.val);
  const auto& body = it.val.items;
  auto bad = check_keys(body, {"comment", "policy", "capabilities", "allowed_parameters",
                               "denied_parameters", "required_parameters", "min_wrapping_ttl",
                               "max_wrapping_ttl", "mfa_methods", "control_group"});
  if (!bad.empty()) {
    for (auto& e : bad)
      e = prefix + e;
    return hcl::multi_error(bad);
  }
  for (const auto& b : body) {
    auto k = b.keys[0].value();
    if (k != "comment" && k != "policy" && k != "capabilities" &&
        std::find(pc.ignored.begin(), pc.ignored.end(), k) == pc.ignored.end())
      pc.ignored.push_back(k);
  }

  // hcl.DecodeObject into PathRules, field by field in declaration order.
  std::string legacy;
  unmodelled_fields u;
  std::vector<std::string> unused;
  std::optional<std::string> e =
    hcl::decode_string(hcl::filter(body, "Policy"), "root.Policy", legacy);
  if (!e)
    e =
      hcl::decode_strings(hcl::filter(body, "Capabilities"), "root.Capabilities", pc.capabilities);
  u.wrapping_ttl[0] = interface_value(hcl::filter(body, "min_wrapping_ttl"));
  u.wrapping_ttl[1] = interface_value(hcl::filter(body, "max_wrapping_ttl"));
  if (!e)
    e = decode_parameters(hcl::filter(body, "allowed_parameters"), "allowed_parameters");
  if (!e)
    e = decode_parameters(hcl::filter(body, "denied_parameters"), "denied_parameters");
  for (const char* f : {"required_parameters", "mfa_methods"})
    if (!e)
      e = hcl::decode_strings(hcl::filter(body, f), std::string{"root."} + f, unused);
  if (!e)
    e = decode_control_group(hcl::filter(body, "control_group"), u);
  if (e)
    return prefix + *e;

  pc.path = key;
  if (!pc.path.empty() && pc.path[0] == '/')
    pc.path.erase(0, 1);
  if (pc.path.find("+*") != std::string::npos)
    return "path " + go_quote(pc.path) + ": invalid use of wildcards ('+*' is forbidden)";
  pc.segment_wildcards =
    pc.path == "+" || pc.path.find("/+") != std::string::npos || pc.path.rfind("+/", 0) == 0;
  if (!pc.path.empty() && pc.path.back() == '*' && !pc.segment_wildcards) {
    pc.path.pop_back();
    pc.glob = true;
  }

  auto& caps = pc.capabilities;
  if (legacy == "deny")
    caps = {"deny"};
  else if (legacy == "read")
    caps.insert(caps.end(), {"read", "list"});
  else if (legacy == "write")
    caps.insert(caps.end(), {"create", "read", "update", "delete", "list"});
  else if (legacy == "sudo")
    caps.insert(caps.end(), {"create", "read", "update", "delete", "list", "sudo"});
  else if (!legacy.empty())
    return prefix + "invalid policy " + go_quote(legacy);
  for (const auto& c : caps) {
    if (c == "deny") { // deny drops every other capability and skips the remaining checks
      caps = {"deny"};
      pc.caps = deny_bit;
      return std::nullopt;
    }
    auto n = std::find_if(std::begin(cap_names), std::end(cap_names),
                          [&](const auto& p) { return p.first == c; });
    if (n == std::end(cap_names))
      return prefix + "invalid capability " + go_quote(c);
    pc.caps |= cap_bit(n->second);
  }
  return check_unmodelled(u, caps);
}

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

// The compiled rules of NewACL: one capability set per path, per kind of rule.
struct acl {
  bool root = false;
  std::map<std::string, unsigned> exact;   // exactRules
  std::map<std::string, unsigned> prefix;  // prefixRules (glob, `*` stripped)
  std::map<std::string, unsigned> segment; // segmentWildcardPaths (`*` kept)
};

acl build_acl(const policy_store& store, const std::vector<std::string>& names) {
  acl a;
  for (const auto& n : names) {
    const policy* p = store.find(n);
    if (p == nullptr) // GetPolicy finds nothing: the name is skipped
      continue;
    if (p->name == "root") // Vault refuses root with other policies; sanitized lists never have it
      a.root = true;
    for (const auto& r : p->rules) {
      if (r.templated) // no entity to fill the template from: Vault skips the path
        continue;
      auto& tree = r.segment_wildcards ? a.segment : r.glob ? a.prefix : a.exact;
      auto [it, fresh] = tree.emplace(r.path, r.caps);
      if (fresh || (it->second & deny_bit) != 0)
        continue;
      it->second = (r.caps & deny_bit) != 0 ? deny_bit : it->second | r.caps;
    }
  }
  return a;
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    size_t slash = s.find('/', start);
    parts.push_back(s.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos)
      return parts;
    start = slash + 1;
  }
}

// CheckAllowedFromNonExactPaths (bareMount false): the longest prefix glob and every matching
// `+` path compete; the winner is the greatest under Vault's `less`.
unsigned non_exact(const acl& a, std::string_view path) {
  struct candidate {
    long first_wildcard;
    bool is_prefix;
    int wildcards;
    std::string_view wc_path;
    unsigned caps;
  };
  auto less = [](const candidate& i, const candidate& j) {
    if (i.first_wildcard != j.first_wildcard)
      return i.first_wildcard < j.first_wildcard;
    if (i.is_prefix != j.is_prefix)
      return i.is_prefix;
    if (i.wildcards != j.wildcards)
      return i.wildcards > j.wildcards;
    if (i.wc_path.size() != j.wc_path.size())
      return i.wc_path.size() < j.wc_path.size();
    return i.wc_path < j.wc_path;
  };
  std::optional<candidate> best;
  for (const auto& [p, caps] : a.prefix) // radix LongestPrefix
    if (path.substr(0, p.size()) == p && (!best || p.size() > best->wc_path.size()))
      best = candidate{static_cast<long>(p.size()), true, 0, p, caps};
  if (a.segment.empty())
    return best ? best->caps : 0;
  const auto parts = split(path);
  for (const auto& [full, caps] : a.segment) {
    if (full.empty())
      continue;
    candidate pd{static_cast<long>(full.find('+')), false, 0, full, caps};
    if (full.back() == '*') {
      pd.is_prefix = true;
      pd.wc_path.remove_suffix(1);
    }
    const auto acl_parts = split(pd.wc_path);
    if (parts.size() < acl_parts.size() || (!pd.is_prefix && acl_parts.size() != parts.size()))
      continue;
    bool match = true;
    for (size_t i = 0; i < acl_parts.size() && match; ++i) {
      if (acl_parts[i] == "+")
        ++pd.wildcards;
      else if (acl_parts[i] != parts[i])
        match = pd.is_prefix && i + 1 == acl_parts.size() &&
                parts[i].substr(0, acl_parts[i].size()) == acl_parts[i];
    }
    if (match && (!best || less(*best, pd)))
      best = pd;
  }
  return best ? best->caps : 0;
}

// AllowOperation's rule lookup: exact, (list: exact without the trailing `/`), then non-exact.
unsigned lookup(const acl& a, std::string_view path, bool list_op) {
  while (!path.empty() && path[0] == '/')
    path.remove_prefix(1);
  if (auto it = a.exact.find(std::string{path}); it != a.exact.end())
    return it->second;
  if (list_op && !path.empty() && path.back() == '/')
    if (auto it = a.exact.find(std::string{path.substr(0, path.size() - 1)}); it != a.exact.end())
      return it->second;
  return non_exact(a, path);
}

} // namespace

outcome<policy> parse_policy(const std::string& name, const std::string& hcl_text) {
  auto fail = [](const std::string& msg) {
    return vault_error::invalid("failed to parse policy: " + msg);
  };
  if (hcl::is_json(hcl_text))
    return fail("JSON policies are not modelled by tokenlab");
  auto items = hcl::parse(hcl_text);
  if (!items)
    return fail(items.error().message());
  auto bad = check_keys(*items, {"name", "path"});
  if (!bad.empty())
    return fail(hcl::multi_error(bad));
  std::string unused;
  if (auto e = hcl::decode_string(hcl::filter(*items, "name"), "root.name", unused))
    return fail(*e);
  policy p{name, hcl_text, {}};
  for (const auto& it : hcl::filter(*items, "path")) {
    path_rule r;
    if (auto e = parse_path(it, r))
      return fail(*e);
    p.rules.push_back(std::move(r));
  }
  return p;
}

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
    return vault_error::invalid("policy name must be provided in the URL");
  std::vector<std::string> warnings;
  if (lower != name)
    warnings.push_back("policy name was converted to " + lower);
  if (hcl_text.empty())
    return vault_error::invalid("'policy' parameter not supplied or empty");
  std::string text = base64_decode(hcl_text).value_or(hcl_text);
  auto p = parse_policy(sanitize_name(lower), text);
  if (!p)
    return p.error();
  if (immutable(p->name))
    return vault_error::invalid("cannot update " + go_quote(p->name) + " policy");
  policies_[p->name] = std::move(*p);
  return warnings;
}

outcome<bool> policy_store::remove(const std::string& name) {
  auto n = sanitize_name(name);
  if (immutable(n))
    return vault_error::invalid("cannot delete " + go_quote(n) + " policy");
  if (n == "default")
    return vault_error::invalid("cannot delete default policy");
  return policies_.erase(n) > 0;
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

unsigned capabilities_on(const policy_store& store, const std::vector<std::string>& policies,
                         std::string_view path) {
  auto a = build_acl(store, policies);
  return a.root ? all_capabilities : lookup(a, path, true);
}

bool acl_allows(const policy_store& store, const std::vector<std::string>& policies,
                std::string_view path, capability needed) {
  auto a = build_acl(store, policies);
  return a.root || (lookup(a, path, needed == capability::list) & cap_bit(needed)) != 0;
}

std::vector<std::string> capability_names(const policy_store& store,
                                          const std::vector<std::string>& policies,
                                          std::string_view path) {
  if (policies.empty())
    return {"deny"};
  auto a = build_acl(store, policies);
  if (a.root)
    return {"root"};
  unsigned caps = lookup(a, path, true);
  std::vector<std::string> out; // ACL.Capabilities' order; Core.Capabilities then sorts
  for (auto c : {capability::sudo, capability::read, capability::list, capability::update,
                 capability::del, capability::create, capability::patch})
    if ((caps & cap_bit(c)) != 0)
      out.emplace_back(std::find_if(std::begin(cap_names), std::end(cap_names), [&](const auto& p) {
                         return p.second == c;
                       })->first);
  if ((caps & deny_bit) != 0 || out.empty())
    return {"deny"};
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace tokenlab
