// Vault's ParseACLPolicy (vault/policy.go) over the HCL of model/policy_text.hpp:
// `path "<p>" { capabilities = [...] }`, the legacy `policy = "deny|read|write|sudo"`, a trailing
// `*` (prefix glob), `+` segment wildcards, `deny`, with Vault's error texts. The path-block keys
// that restrict requests (`allowed_parameters`, `control_group`, ...) are decoded and validated
// as Vault does but not applied (path_rule::ignored).

#include "model/acl.hpp"

#include "model/acl_internal.hpp"
#include "model/go_text.hpp"
#include "model/policy_text.hpp"
#include "model/texts.hpp"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <utility>

namespace tokenlab {

using namespace acl_detail;

namespace {

using hcl::item;
using hcl::node;

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

  pc.key = key;
  if (auto bad_path = classify_path(pc, key))
    return bad_path;

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
    return texts::invalid_legacy_policy(prefix, legacy);
  for (const auto& c : caps) {
    if (c == "deny") { // deny drops every other capability and skips the remaining checks
      caps = {"deny"};
      pc.caps = deny_bit;
      return std::nullopt;
    }
    auto n = std::find_if(std::begin(cap_names), std::end(cap_names),
                          [&](const auto& p) { return p.first == c; });
    if (n == std::end(cap_names))
      return texts::invalid_capability(prefix, c);
    pc.caps |= cap_bit(n->second);
  }
  return check_unmodelled(u, caps);
}

} // namespace

std::optional<std::string> acl_detail::classify_path(path_rule& pc, const std::string& key) {
  pc.path = key;
  pc.glob = false;
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
  return std::nullopt;
}

outcome<policy> parse_policy(const std::string& name, const std::string& hcl_text) {
  auto fail = [](const std::string& msg) {
    return vault_error::invalid(std::string{texts::policy_parse_failed_prefix} + msg);
  };
  if (hcl::is_json(hcl_text))
    return fail(texts::not_modelled_plural("JSON policies"));
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

} // namespace tokenlab
