#include "model/token_role.hpp"

#include "clock/duration.hpp"
#include "model/auth_methods.hpp"
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

// strutil.RemoveDuplicates(list, lowercase=true): trimmed, lower-cased, unique, sorted.
std::vector<std::string> dedupe_lower(const std::vector<std::string>& in) {
  std::set<std::string> out;
  for (auto s : in) {
    s = go_trim_space(s);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!s.empty())
      out.insert(s);
  }
  return {out.begin(), out.end()};
}

// The role path's schema: its own fields and tokenutil's allow-listed token fields.
const field_schema& role_schema() {
  static const field_schema s = [] {
    field_schema out{{"role_name", field_kind::string},
                     {"allowed_policies", field_kind::comma_string_slice},
                     {"disallowed_policies", field_kind::comma_string_slice},
                     {"allowed_policies_glob", field_kind::comma_string_slice},
                     {"disallowed_policies_glob", field_kind::comma_string_slice},
                     {"orphan", field_kind::boolean},
                     {"period", field_kind::duration},
                     {"path_suffix", field_kind::string},
                     {"explicit_max_ttl", field_kind::duration},
                     {"renewable", field_kind::boolean},
                     {"bound_cidrs", field_kind::comma_string_slice},
                     {"allowed_entity_aliases", field_kind::comma_string_slice}};
    field_schema token;
    add_token_fields(token, 0);
    for (const char* k : {"token_bound_cidrs", "token_explicit_max_ttl", "token_period",
                          "token_type", "token_no_default_policy", "token_num_uses"})
      out[k] = token.at(k);
    return out;
  }();
  return s;
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
  // The existence check converts every field first: a bad one is a bare 400.
  const auto& schema = role_schema();
  if (auto bad = check_fields(fields, schema, true))
    return *bad;
  role_write out;
  auto& r = out.role;
  if (existing)
    r = *existing; // an update: what is not sent keeps its value (a create starts from defaults)
  r.name = name;
  const auto get = [&](const char* k) -> const std::string* {
    auto it = fields.find(k);
    return it == fields.end() ? nullptr : &it->second;
  };
  // The role's own fields.
  if (auto v = get("orphan"))
    r.orphan = field_bool(*v);
  if (auto v = get("renewable"))
    r.renewable = field_bool(*v);
  if (auto v = get("path_suffix")) {
    if (!v->empty() && !suffix_matches(*v))
      return invalid(std::string{texts::role_suffix_invalid});
    r.path_suffix = *v;
  }
  if (r.path_suffix.find("..") != std::string::npos)
    return invalid(std::string{texts::role_suffix_parent});
  if (auto v = get("allowed_policies"))
    r.allowed_policies = sanitize_policies(parse_comma_slice(*v), false);
  if (auto v = get("disallowed_policies"))
    r.disallowed_policies = dedupe_lower(parse_comma_slice(*v));
  if (auto v = get("allowed_policies_glob"))
    r.allowed_policies_glob = sanitize_policies(parse_comma_slice(*v), false);
  if (auto v = get("disallowed_policies_glob"))
    r.disallowed_policies_glob = dedupe_lower(parse_comma_slice(*v));

  // tokenutil's ParseTokenFields over the role's token fields. token_type is taken out first
  // and handled by the role itself; while the request names one, the entry's type reads
  // "default", so tokenutil's batch checks only apply to a role already batch.
  field_map token_fields;
  for (const auto& [k, v] : fields)
    if (k.rfind("token_", 0) == 0 && k != "token_type" && schema.count(k) > 0)
      token_fields[k] = v;
  token_params t;
  t.token_type = get("token_type") ? std::string{"default"} : r.token_type;
  t.token_bound_cidrs = r.token_bound_cidrs;
  t.token_explicit_max_ttl = r.token_explicit_max_ttl;
  t.token_period = r.token_period;
  t.token_no_default_policy = r.token_no_default_policy;
  t.token_num_uses = r.token_num_uses;
  if (auto e = parse_token_fields(t, token_fields))
    return invalid(texts::role_fields_error(*e));
  r.token_bound_cidrs = t.token_bound_cidrs;
  r.token_explicit_max_ttl = t.token_explicit_max_ttl;
  r.token_period = t.token_period;
  r.token_no_default_policy = t.token_no_default_policy;
  r.token_num_uses = t.token_num_uses;
  if (auto v = get("token_type")) {
    if (*v != "service" && *v != "batch" && *v != "default-service" && *v != "default-batch")
      return invalid(texts::role_token_type_invalid(*v));
    r.token_type = *v;
  }

  // The deprecated fields: the token_* one wins and clears the old one, so that a read does
  // not show a stale value; the old one alone sets both (tokenStoreRoleCreateUpdate).
  if (get("token_period")) {
    if (get("period"))
      out.warnings.push_back(texts::deprecated_both("token_period", "period"));
    r.period = sim_duration::zero();
  } else if (auto v = get("period")) {
    r.period = field_duration(*v);
    r.token_period = r.period;
  }
  if (get("token_bound_cidrs")) {
    if (get("bound_cidrs"))
      out.warnings.push_back(texts::deprecated_both("token_bound_cidrs", "bound_cidrs"));
    r.bound_cidrs.clear();
  } else if (auto v = get("bound_cidrs")) {
    // parseutil.ParseAddrs, as tokenutil parses token_bound_cidrs.
    token_params old;
    if (auto e = parse_token_fields(old, {{"token_bound_cidrs", *v}}))
      return invalid(texts::bound_cidrs_error(*e));
    r.bound_cidrs = old.token_bound_cidrs;
    r.token_bound_cidrs = r.bound_cidrs;
  }
  // The value checked against the mount's max: the token_* one when it is sent, else the
  // deprecated one (after a token_* write it is 0, and nothing is checked).
  sim_duration written_max = r.token_explicit_max_ttl;
  if (get("token_explicit_max_ttl")) {
    if (get("explicit_max_ttl"))
      out.warnings.push_back(
        texts::deprecated_both("token_explicit_max_ttl", "explicit_max_ttl"));
    r.explicit_max_ttl = sim_duration::zero();
  } else {
    if (auto v = get("explicit_max_ttl")) {
      r.explicit_max_ttl = field_duration(*v);
      r.token_explicit_max_ttl = r.explicit_max_ttl;
    }
    written_max = r.explicit_max_ttl;
  }
  if (written_max > sim_duration::zero() && view.max_lease_ttl > sim_duration::zero() &&
      written_max > view.max_lease_ttl)
    out.warnings.push_back(texts::role_explicit_max_above(whole_seconds(written_max),
                                                          whole_seconds(view.max_lease_ttl)));
  if (r.token_type == "batch") {
    if (!r.orphan)
      return invalid(std::string{texts::role_batch_non_orphan});
    if (r.period > sim_duration::zero() || r.token_period > sim_duration::zero())
      return invalid(std::string{texts::role_batch_periodic});
    if (r.renewable)
      return invalid(std::string{texts::role_batch_renewable});
    if (r.explicit_max_ttl > sim_duration::zero() ||
        r.token_explicit_max_ttl > sim_duration::zero())
      return invalid(std::string{texts::role_batch_explicit_max});
  }
  if (auto v = get("allowed_entity_aliases"))
    r.allowed_entity_aliases = dedupe_lower(parse_comma_slice(*v));
  // The framework's warnings reach the client only with a response.
  if (!out.warnings.empty()) {
    if (auto ignored = unknown_fields(fields, schema); !ignored.empty())
      out.warnings.push_back(texts::ignored_parameters(ignored));
    if (get("role_name"))
      out.warnings.push_back(texts::replaced_parameters({"role_name"}));
  }
  return out;
}

data_map token_role_data(const token_role& r) {
  data_map d;
  d["allowed_entity_aliases"] = r.allowed_entity_aliases;
  d["allowed_policies"] = r.allowed_policies;
  d["allowed_policies_glob"] = r.allowed_policies_glob;
  d["disallowed_policies"] = r.disallowed_policies;
  d["disallowed_policies_glob"] = r.disallowed_policies_glob;
  // The deprecated fields read what was written through them: 0 after a token_* write.
  d["explicit_max_ttl"] = whole_seconds(r.explicit_max_ttl);
  d["name"] = r.name;
  d["orphan"] = r.orphan;
  d["path_suffix"] = r.path_suffix;
  d["period"] = whole_seconds(r.period);
  d["renewable"] = r.renewable;
  d["token_explicit_max_ttl"] = whole_seconds(r.token_explicit_max_ttl);
  d["token_no_default_policy"] = r.token_no_default_policy;
  d["token_period"] = whole_seconds(r.token_period);
  d["token_type"] = r.token_type;
  if (!r.token_bound_cidrs.empty())
    d["token_bound_cidrs"] = r.token_bound_cidrs;
  if (!r.bound_cidrs.empty())
    d["bound_cidrs"] = r.bound_cidrs;
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
