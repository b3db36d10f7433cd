// Templated policy paths, as Vault 1.14 fills them when it builds a token's ACL
// (vault/policy_store.go ACL -> parseACLPolicyWithTemplating -> parsePaths, which calls
// sdk/helper/identitytpl PopulateString in ACL mode with the token's entity and groups).
//
// Each `{{ selector }}` (spaces trimmed) is replaced by:
// * identity.entity.id, identity.entity.name: the entity's ID and name;
// * identity.entity.metadata.<key>: that key of the entity's metadata (an empty value fills);
// * identity.entity.aliases.<mount accessor>.{id,name,metadata.<key>,custom_metadata.<key>}:
//   the entity's alias on that auth mount.
// Anything else fails: no entity (ErrNoEntityAttachedToToken), an empty ID or name, a missing
// key, no alias on the accessor, a whole map or list (`identity.entity.metadata`,
// `identity.entity.groups.names`: ErrTemplateValueNotFound in ACL mode), `identity.groups.*`
// (the lab models no groups: ErrNoGroupsAttachedToToken) and `time.*` (not modelled). parsePaths
// then skips the path. Vault 1.14 puts what it finds in verbatim, `*` and `+` included.

#include "model/acl_internal.hpp"
#include "model/identity.hpp"

#include <string_view>

namespace tokenlab::acl_detail {

namespace {

using fill = std::optional<std::string>;

std::string_view trim(std::string_view s) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  while (!s.empty() && space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool take_prefix(std::string_view& s, std::string_view prefix) {
  if (s.substr(0, prefix.size()) != prefix)
    return false;
  s.remove_prefix(prefix.size());
  return true;
}

// simpleTemplateHandler: a string fills unless empty.
fill text(const std::string& s) {
  return s.empty() ? fill{} : fill{s};
}

// simpleTemplateHandler on a map with a key: the key's value, even empty.
fill key_of(const std::optional<std::map<std::string, std::string>>& m, std::string_view key) {
  if (!m)
    return std::nullopt;
  auto it = m->find(std::string{key});
  return it == m->end() ? fill{} : fill{it->second};
}

// performAliasTemplating
fill alias_value(const entity_alias& a, std::string_view sel) {
  if (sel == "id")
    return text(a.id);
  if (sel == "name")
    return text(a.name);
  if (take_prefix(sel, "metadata."))
    return key_of(a.metadata, sel);
  if (take_prefix(sel, "custom_metadata."))
    return key_of(a.custom_metadata, sel);
  return std::nullopt; // `metadata`, `custom_metadata` whole, or unknown
}

// performEntityTemplating
fill entity_value(const identity_entity& e, std::string_view sel) {
  if (sel == "id")
    return text(e.id);
  if (sel == "name")
    return text(e.name);
  if (take_prefix(sel, "metadata."))
    return key_of(e.metadata, sel);
  if (take_prefix(sel, "aliases.")) {
    auto dot = sel.find('.');
    if (dot == std::string_view::npos) // "invalid alias selector"
      return std::nullopt;
    for (const auto& a : e.aliases)
      if (a.mount_accessor == sel.substr(0, dot))
        return alias_value(a, sel.substr(dot + 1));
    return std::nullopt; // "alias not found"
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> fill_template(const std::string& key, const identity_entity* entity) {
  std::string out;
  std::string_view rest = key;
  for (size_t open; (open = rest.find("{{")) != std::string_view::npos;) {
    out.append(rest.substr(0, open));
    rest.remove_prefix(open + 2);
    auto close = rest.find("}}");
    if (close == std::string_view::npos) // refused when the policy was written
      return std::nullopt;
    std::string_view sel = trim(rest.substr(0, close));
    rest.remove_prefix(close + 2);
    if (!take_prefix(sel, "identity.entity.") || entity == nullptr)
      return std::nullopt;
    auto value = entity_value(*entity, sel);
    if (!value)
      return std::nullopt;
    out.append(*value);
  }
  out.append(rest);
  return out;
}

} // namespace tokenlab::acl_detail
