// Vault's ACL check: NewACL + AllowOperation + Capabilities (vault/acl.go,
// vault/capabilities.go). The rules of all the token's policies are merged per path (deny wins,
// otherwise capabilities add up); an exact path beats any wildcard; among wildcards, the
// priority of CheckAllowedFromNonExactPaths (the longest prefix glob, then `+` paths by
// first-wildcard position, prefix-ness, wildcard count, length). Templated paths are filled
// from the token's entity first (model/acl_template.cpp).

#include "model/acl.hpp"

#include "model/acl_internal.hpp"
#include "model/identity.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace tokenlab {

using namespace acl_detail;

namespace {

using acl = compiled_acl;

acl build_acl(const policy_store& store, const std::vector<std::string>& names,
              const identity_entity* entity) {
  acl a;
  for (const auto& n : names) {
    const policy* p = store.find(n);
    if (p == nullptr) // GetPolicy finds nothing: the name is skipped
      continue;
    if (p->name == "root") // Vault refuses root with other policies; sanitized lists never have it
      a.root = true;
    for (const auto& written : p->rules) {
      const path_rule* r = &written;
      path_rule filled;
      if (written.templated) { // parsePaths again, with the token's entity
        a.templated = true;
        auto key = fill_template(written.key, entity);
        filled = written;
        // A template that cannot be filled skips the path. A filled path with `+*` fails
        // Vault's parse of the whole policy (the request's ACL errors): the lab skips the path.
        if (!key || classify_path(filled, *key))
          continue;
        r = &filled;
      }
      auto& tree = r->segment_wildcards ? a.segment : r->glob ? a.prefix : a.exact;
      auto [it, fresh] = tree.emplace(r->path, r->caps);
      if (fresh || (it->second & deny_bit) != 0)
        continue;
      it->second = (r->caps & deny_bit) != 0 ? deny_bit : it->second | r->caps;
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
  if (auto it = a.exact.find(path); it != a.exact.end())
    return it->second;
  if (list_op && !path.empty() && path.back() == '/')
    if (auto it = a.exact.find(path.substr(0, path.size() - 1)); it != a.exact.end())
      return it->second;
  return non_exact(a, path);
}

} // namespace

std::shared_ptr<const compiled_acl> policy_store::compiled(const std::vector<std::string>& names,
                                                           const identity_entity* entity) const {
  if (!last_compiled_.second || last_compiled_.first != names) {
    auto it = compiled_.find(names);
    if (it == compiled_.end())
      it = compiled_.emplace(names, std::make_shared<const acl>(build_acl(*this, names, nullptr)))
             .first;
    last_compiled_ = *it;
  }
  if (entity == nullptr || !last_compiled_.second->templated)
    return last_compiled_.second;
  // The filled paths decide the ACL: one compilation per distinct filling, so that the tokens
  // of one entity (or of entities that fill alike) share it. The cache is bounded.
  std::vector<std::string> filled;
  for (const auto& n : names)
    if (const policy* p = find(n))
      for (const auto& r : p->rules)
        if (r.templated) {
          auto key = fill_template(r.key, entity);
          filled.push_back(key ? "+" + *key : "-");
        }
  auto key = std::make_pair(names, std::move(filled));
  if (auto f = filled_.find(key); f != filled_.end())
    return f->second;
  if (filled_.size() >= 4096)
    filled_.clear();
  auto a = std::make_shared<const acl>(build_acl(*this, names, entity));
  filled_.emplace(std::move(key), a);
  return a;
}

std::shared_ptr<const compiled_acl>
policy_store::compiled_for_token(const std::vector<std::string>& token_policies,
                                 const std::shared_ptr<const identity_entity>& entity) const {
  if (!entity)
    return compiled(token_policies);
  // An entity that grants nothing, with policies that have no templated path: the token's
  // own ACL, from the compilations by names. Only the others are remembered per snapshot
  // (a fleet's 100,000 entities would keep the bounded memo forgetting).
  if (entity->policies.empty())
    if (auto own = compiled(token_policies); !own->templated)
      return own;
  auto& memo = by_snapshot_[entity.get()];
  if (!memo.entity)
    memo.entity = entity;
  for (const auto& [known, a] : memo.by_names)
    if (known == token_policies)
      return a;
  auto names = token_policies;
  names.insert(names.end(), entity->policies.begin(), entity->policies.end());
  if (by_snapshot_.size() >= 4096 || memo.by_names.size() >= 64) {
    by_snapshot_.clear(); // bounded: remembered again as requests come
    return compiled(names, entity.get());
  }
  auto a = compiled(names, entity.get());
  memo.by_names.emplace_back(token_policies, a);
  return a;
}

bool acl_allows(const compiled_acl& a, std::string_view path, capability needed) {
  return a.root || (lookup(a, path, needed == capability::list) & cap_bit(needed)) != 0;
}

unsigned capabilities_on(const policy_store& store, const std::vector<std::string>& policies,
                         std::string_view path, const identity_entity* entity) {
  const auto a = store.compiled(policies, entity);
  return a->root ? all_capabilities : lookup(*a, path, true);
}

bool acl_allows(const policy_store& store, const std::vector<std::string>& policies,
                std::string_view path, capability needed, const identity_entity* entity) {
  return acl_allows(*store.compiled(policies, entity), path, needed);
}

std::vector<std::string> capability_names(const policy_store& store,
                                          const std::vector<std::string>& policies,
                                          std::string_view path, const identity_entity* entity) {
  if (policies.empty())
    return {"deny"};
  const auto a = store.compiled(policies, entity);
  if (a->root)
    return {"root"};
  unsigned caps = lookup(*a, path, true);
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
