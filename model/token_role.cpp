#include "model/token_role.hpp"

#include "clock/duration.hpp"
#include "model/go_text.hpp"
#include "model/policy.hpp"
#include "model/texts.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace tokenlab {

namespace {

vault_error invalid(std::string text) {
  return vault_error::invalid(std::move(text));
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

// A comma-separated string list, as the CLI sends `allowed_policies="a, b"`.
std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    auto comma = s.find(',', start);
    auto item =
      trim(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty())
      out.push_back(item);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

// strutil.RemoveDuplicates(list, lowercase=true): trimmed, lower-cased, unique, sorted.
std::vector<std::string> dedupe_lower(const std::vector<std::string>& in) {
  std::set<std::string> out;
  for (auto s : in) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!s.empty())
      out.insert(s);
  }
  return {out.begin(), out.end()};
}

outcome<bool> parse_bool(const std::string& key, const std::string& v) {
  if (v == "true" || v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "True")
    return true;
  if (v == "false" || v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "False")
    return false;
  return invalid(texts::field_conversion(v, key, texts::parse_bool_error(v)));
}

outcome<sim_duration> parse_ttl(const std::string& key, const std::string& v) {
  duration_error err;
  auto d = parse_duration(v, &err);
  if (!d)
    return invalid(texts::field_conversion(v, key, err.message));
  return *d;
}

// Path suffixes must match `\w[\w-.]+\w` somewhere (Go's MatchString is unanchored).
bool suffix_matches(const std::string& s) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (!word(s[i]))
      continue;
    size_t j = i + 1;
    while (j < s.size() && (word(s[j]) || s[j] == '-' || s[j] == '.'))
      ++j;
    // Backtrack: the run needs at least one middle char and must end on a word char.
    for (size_t end = j; end > i + 2; --end)
      if (word(s[end - 1]))
        return true;
  }
  return false;
}

bool in_list_or_glob(const std::string& p, const std::vector<std::string>& exact,
                     const std::vector<std::string>& globs) {
  if (std::find(exact.begin(), exact.end(), p) != exact.end())
    return true;
  return std::any_of(globs.begin(), globs.end(), [&](const auto& g) { return glob_match(g, p); });
}

} // namespace

bool token_role::restricts_policies() const {
  return !allowed_policies.empty() || !disallowed_policies.empty() ||
         !allowed_policies_glob.empty() || !disallowed_policies_glob.empty();
}

bool glob_match(const std::string& pattern, const std::string& text) {
  // Iterative wildcard match with backtracking on the last '*'.
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

outcome<role_write> write_token_role(const std::string& name,
                                     const std::map<std::string, std::string>& fields,
                                     const token_role* existing, const system_view& view) {
  if (name.empty())
    return invalid(std::string{texts::role_name_empty});
  role_write out;
  auto& r = out.role;
  if (existing)
    r = *existing;
  r.name = name;
  std::vector<std::string> unknown;
  // Both a field and its deprecated alias: the new one wins, with Vault's warning.
  auto pick = [&](const std::string& now, const std::string& old) -> const std::string* {
    auto n = fields.find(now);
    auto o = fields.find(old);
    if (n != fields.end() && o != fields.end())
      out.warnings.push_back(texts::deprecated_both(now, old));
    if (n != fields.end())
      return &n->second;
    return o != fields.end() ? &o->second : nullptr;
  };
  static const std::set<std::string> known{"allowed_policies",
                                           "disallowed_policies",
                                           "allowed_policies_glob",
                                           "disallowed_policies_glob",
                                           "orphan",
                                           "renewable",
                                           "path_suffix",
                                           "allowed_entity_aliases",
                                           "token_period",
                                           "period",
                                           "token_explicit_max_ttl",
                                           "explicit_max_ttl",
                                           "token_bound_cidrs",
                                           "bound_cidrs",
                                           "token_type",
                                           "token_no_default_policy",
                                           "token_num_uses",
                                           "role_name"};
  for (const auto& [k, v] : fields)
    if (known.count(k) == 0)
      unknown.push_back(k);

  auto get = [&](const char* k) -> const std::string* {
    auto it = fields.find(k);
    return it == fields.end() ? nullptr : &it->second;
  };
  if (auto v = get("orphan")) {
    auto b = parse_bool("orphan", *v);
    if (!b)
      return b.error();
    r.orphan = *b;
  }
  if (auto v = get("renewable")) {
    auto b = parse_bool("renewable", *v);
    if (!b)
      return b.error();
    r.renewable = *b;
  }
  if (auto v = get("token_no_default_policy")) {
    auto b = parse_bool("token_no_default_policy", *v);
    if (!b)
      return b.error();
    r.token_no_default_policy = *b;
  }
  if (auto v = pick("token_period", "period")) {
    auto d = parse_ttl("token_period", *v);
    if (!d)
      return d.error();
    r.token_period = *d;
  }
  if (auto v = pick("token_explicit_max_ttl", "explicit_max_ttl")) {
    auto d = parse_ttl("token_explicit_max_ttl", *v);
    if (!d)
      return d.error();
    r.token_explicit_max_ttl = *d;
  }
  if (auto v = pick("token_bound_cidrs", "bound_cidrs"))
    r.token_bound_cidrs = split_list(*v);
  if (r.token_explicit_max_ttl > sim_duration::zero() &&
      view.max_lease_ttl > sim_duration::zero() && r.token_explicit_max_ttl > view.max_lease_ttl)
    out.warnings.push_back(texts::role_explicit_max_above(whole_seconds(r.token_explicit_max_ttl),
                                                          whole_seconds(view.max_lease_ttl)));
  if (auto v = get("token_num_uses")) {
    try {
      r.token_num_uses = std::stoll(*v);
    } catch (...) {
      return invalid(texts::field_conversion(
        *v, "token_num_uses", "strconv.Atoi: parsing " + go_quote(*v) + ": invalid syntax"));
    }
    if (r.token_num_uses < 0)
      return invalid(std::string{texts::token_num_uses_negative});
  }
  if (auto v = get("path_suffix")) {
    if (!v->empty() && !suffix_matches(*v))
      return invalid(std::string{texts::role_suffix_invalid});
    r.path_suffix = *v;
  }
  if (r.path_suffix.find("..") != std::string::npos)
    return invalid(std::string{texts::role_suffix_parent});
  if (auto v = get("allowed_policies"))
    r.allowed_policies = sanitize_policies(split_list(*v), false);
  if (auto v = get("disallowed_policies"))
    r.disallowed_policies = dedupe_lower(split_list(*v));
  if (auto v = get("allowed_policies_glob"))
    r.allowed_policies_glob = sanitize_policies(split_list(*v), false);
  if (auto v = get("disallowed_policies_glob"))
    r.disallowed_policies_glob = dedupe_lower(split_list(*v));
  if (auto v = get("allowed_entity_aliases"))
    r.allowed_entity_aliases = dedupe_lower(split_list(*v));
  if (auto v = get("token_type")) {
    static const std::set<std::string> types{"service", "batch", "default-service",
                                             "default-batch"};
    auto t = *v == "default" ? std::string{"default-service"} : *v;
    if (types.count(t) == 0)
      return invalid(texts::role_token_type_invalid(*v));
    r.token_type = t;
  }
  if (r.token_type == "batch") {
    if (!r.orphan)
      return invalid(std::string{texts::role_batch_non_orphan});
    if (r.token_period > sim_duration::zero())
      return invalid(std::string{texts::role_batch_periodic});
    if (r.renewable)
      return invalid(std::string{texts::role_batch_renewable});
    if (r.token_explicit_max_ttl > sim_duration::zero())
      return invalid(std::string{texts::role_batch_explicit_max});
  }
  if (!unknown.empty())
    out.warnings.push_back(texts::ignored_parameters(unknown));
  return out;
}

data_map token_role_data(const token_role& r) {
  data_map d;
  d["allowed_entity_aliases"] = r.allowed_entity_aliases;
  d["allowed_policies"] = r.allowed_policies;
  d["allowed_policies_glob"] = r.allowed_policies_glob;
  d["disallowed_policies"] = r.disallowed_policies;
  d["disallowed_policies_glob"] = r.disallowed_policies_glob;
  d["explicit_max_ttl"] = whole_seconds(r.token_explicit_max_ttl);
  d["name"] = r.name;
  d["orphan"] = r.orphan;
  d["path_suffix"] = r.path_suffix;
  d["period"] = whole_seconds(r.token_period);
  d["renewable"] = r.renewable;
  d["token_explicit_max_ttl"] = whole_seconds(r.token_explicit_max_ttl);
  d["token_no_default_policy"] = r.token_no_default_policy;
  d["token_period"] = whole_seconds(r.token_period);
  d["token_type"] = r.token_type;
  if (!r.token_bound_cidrs.empty()) {
    d["bound_cidrs"] = r.token_bound_cidrs;
    d["token_bound_cidrs"] = r.token_bound_cidrs;
  }
  if (r.token_num_uses > 0)
    d["token_num_uses"] = r.token_num_uses;
  return d;
}

outcome<std::vector<std::string>> role_policies(const token_role& role,
                                                const std::vector<std::string>& requested,
                                                bool no_default,
                                                const std::vector<std::string>& parent_policies) {
  bool add_default =
    !no_default && !role.token_no_default_policy &&
    !in_list_or_glob("default", role.disallowed_policies, role.disallowed_policies_glob);
  bool has_allowed = !role.allowed_policies.empty() || !role.allowed_policies_glob.empty();
  std::vector<std::string> out;
  if (requested.empty()) {
    // Nothing asked for: the role's allowed list (exact names) gives the policies, or,
    // for a role with only disallowed lists, the parent's.
    out = sanitize_policies(has_allowed ? role.allowed_policies : parent_policies, add_default);
  } else {
    out = sanitize_policies(requested, add_default);
    if (has_allowed) {
      auto allowed = sanitize_policies(role.allowed_policies, add_default);
      for (const auto& p : out)
        if (!in_list_or_glob(p, allowed, role.allowed_policies_glob))
          return invalid(texts::role_policies_not_subset(out, allowed, role.allowed_policies_glob));
    }
  }
  for (const auto& p : out)
    if (in_list_or_glob(p, role.disallowed_policies, role.disallowed_policies_glob))
      return invalid(texts::role_policy_disallowed(p));
  return out;
}

} // namespace tokenlab
