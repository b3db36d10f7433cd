// The token fields every auth method shares (sdk/helper/tokenutil): the schema of TokenFields
// with each method's deprecated aliases, ParseTokenFields, UpgradeValue, PopulateTokenData and
// PopulateTokenAuth; with the address parsing they need (net.ParseIP/ParseCIDR,
// sockaddr.NewSockAddr, parseutil.ParseAddrs, cidrutil.ValidateCIDRListSlice).

#include "model/auth_internal.hpp"
#include "model/policy.hpp"
#include "model/texts.hpp"

#include <algorithm>

namespace tokenlab {

namespace auth_detail {

namespace {

// --- addresses ---

// A dotted quad as Go's net.ParseIP takes it (no leading zeros).
bool ipv4_address(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (true) {
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j]))
      ++j;
    if (j == i || j - i > 3 || (j - i > 1 && s[i] == '0'))
      return false;
    int n = 0;
    for (std::size_t k = i; k < j; ++k)
      n = n * 10 + (s[k] - '0');
    if (n > 255)
      return false;
    ++parts;
    if (j == s.size())
      break;
    if (s[j] != '.' || parts == 4)
      return false;
    i = j + 1;
  }
  return parts == 4;
}

bool hex_group(std::string_view g) {
  if (g.empty() || g.size() > 4)
    return false;
  return std::all_of(g.begin(), g.end(), [](char c) {
    const char l = lower_ascii(c);
    return is_digit(l) || (l >= 'a' && l <= 'f');
  });
}

// An IPv6 address as net.ParseIP takes it (groups, one "::", a trailing dotted quad).
bool ipv6_address(std::string_view s) {
  if (s.empty())
    return false;
  const auto dbl = s.find("::");
  if (dbl != std::string_view::npos && s.find("::", dbl + 1) != std::string_view::npos)
    return false;
  const auto groups_of = [](std::string_view part, int& count) {
    if (part.empty())
      return true;
    std::size_t start = 0;
    while (true) {
      const auto colon = part.find(':', start);
      const auto g = part.substr(start, colon == std::string_view::npos ? std::string_view::npos
                                                                        : colon - start);
      if (colon == std::string_view::npos && g.find('.') != std::string_view::npos) {
        if (!ipv4_address(g))
          return false;
        count += 2;
        return true;
      }
      if (!hex_group(g))
        return false;
      ++count;
      if (colon == std::string_view::npos)
        return true;
      start = colon + 1;
    }
  };
  int count = 0;
  if (dbl == std::string_view::npos)
    return groups_of(s, count) && count == 8;
  return groups_of(s.substr(0, dbl), count) && groups_of(s.substr(dbl + 2), count) && count < 8;
}

std::optional<int> mask_bits(std::string_view m, int max) {
  if (m.empty() || m.size() > 3 || !std::all_of(m.begin(), m.end(), is_digit))
    return std::nullopt;
  int n = 0;
  for (char c : m)
    n = n * 10 + (c - '0');
  return n <= max ? std::optional<int>{n} : std::nullopt;
}

// net.ParseCIDR: "addr/bits".
bool valid_cidr(std::string_view s) {
  const auto slash = s.find('/');
  if (slash == std::string_view::npos)
    return false;
  const auto addr = s.substr(0, slash);
  const auto bits = s.substr(slash + 1);
  if (ipv4_address(addr))
    return mask_bits(bits, 32).has_value();
  return ipv6_address(addr) && mask_bits(bits, 128).has_value();
}

// sockaddr.NewSockAddr: an IPv4 (address, CIDR, or address:port), an IPv6, or — for anything
// starting with '.' or '/' or holding a '/' — a UNIX socket path. Returns how SockAddr prints it.
std::optional<std::string> sockaddr_string(const std::string& s) {
  const auto slash = s.find('/');
  const auto head = s.substr(0, slash);
  if (ipv4_address(head)) {
    if (slash == std::string::npos)
      return s;
    auto bits = mask_bits(std::string_view{s}.substr(slash + 1), 32);
    if (bits)
      return *bits == 32 ? head : s;
  }
  const auto colon = s.rfind(':');
  if (slash == std::string::npos && colon != std::string::npos &&
      ipv4_address(s.substr(0, colon)) && !s.substr(colon + 1).empty() &&
      std::all_of(s.begin() + static_cast<std::ptrdiff_t>(colon) + 1, s.end(), is_digit))
    return s;
  if (ipv6_address(head) &&
      (slash == std::string::npos || mask_bits(std::string_view{s}.substr(slash + 1), 128)))
    return s;
  if (s.size() > 1 && (s[0] == '.' || s[0] == '/' || slash != std::string::npos))
    return s;
  return std::nullopt;
}

// parseutil.ParseAddrs over a list.
std::optional<std::string> parse_addrs(const std::vector<std::string>& in,
                                       std::vector<std::string>& out) {
  out.clear();
  for (const auto& a : in) {
    auto shown = sockaddr_string(a);
    if (!shown)
      return texts::address_parse_error(a);
    out.push_back(*shown);
  }
  return std::nullopt;
}

} // namespace

// cidrutil.ValidateCIDRListSlice: the first block that is not a CIDR.
std::optional<std::string> invalid_cidr(const std::vector<std::string>& blocks) {
  for (const auto& b : blocks) {
    auto t = trim(b);
    if (!valid_cidr(t))
      return texts::invalid_cidr_address(t);
  }
  return std::nullopt;
}

} // namespace auth_detail

using namespace auth_detail;

// --- the token fields ---

void add_token_fields(field_schema& schema, unsigned aliases) {
  schema["token_bound_cidrs"] = field_kind::comma_string_slice;
  schema["token_explicit_max_ttl"] = field_kind::duration;
  schema["token_max_ttl"] = field_kind::duration;
  schema["token_no_default_policy"] = field_kind::boolean;
  schema["token_period"] = field_kind::duration;
  schema["token_policies"] = field_kind::comma_string_slice;
  schema["token_type"] = field_kind::string;
  schema["token_ttl"] = field_kind::duration;
  schema["token_num_uses"] = field_kind::integer;
  if (aliases & alias_policies)
    schema["policies"] = field_kind::comma_string_slice;
  if (aliases & alias_ttl)
    schema["ttl"] = field_kind::duration;
  if (aliases & alias_max_ttl)
    schema["max_ttl"] = field_kind::duration;
  if (aliases & alias_period)
    schema["period"] = field_kind::duration;
  if (aliases & alias_num_uses)
    schema["num_uses"] = field_kind::integer;
  if (aliases & alias_bound_cidrs)
    schema["bound_cidrs"] = field_kind::comma_string_slice;
}

std::optional<std::string> parse_token_fields(token_params& t, const field_map& raw) {
  if (auto v = get(raw, "token_bound_cidrs"))
    if (auto e = parse_addrs(parse_comma_slice(*v), t.token_bound_cidrs))
      return e;
  if (auto v = get(raw, "token_explicit_max_ttl"))
    t.token_explicit_max_ttl = field_duration(*v);
  if (auto v = get(raw, "token_max_ttl"))
    t.token_max_ttl = field_duration(*v);
  if (auto v = get(raw, "token_no_default_policy"))
    t.token_no_default_policy = field_bool(*v);
  if (auto v = get(raw, "token_period"))
    t.token_period = field_duration(*v);
  if (auto v = get(raw, "token_policies"))
    t.token_policies = parse_comma_slice(*v);
  if (auto v = get(raw, "token_type")) {
    if (v->empty() || *v == "default")
      t.token_type = "default";
    else if (*v == "service" || *v == "batch")
      t.token_type = *v;
    else
      return texts::role_token_type_invalid(*v);
  }
  if (auto v = get(raw, "token_num_uses"))
    t.token_num_uses = field_int(*v);
  if (t.token_num_uses < 0)
    return std::string{texts::token_num_uses_negative};
  if (t.token_type == "batch" || t.token_type == "default-batch") {
    if (t.token_period != sim_duration::zero())
      return std::string{texts::token_batch_periodic};
    if (t.token_num_uses != 0)
      return std::string{texts::token_batch_num_uses};
  }
  if (auto v = get(raw, "token_ttl"))
    t.token_ttl = field_duration(*v);
  if (t.token_ttl > sim_duration::zero() && t.token_max_ttl > sim_duration::zero() &&
      t.token_ttl > t.token_max_ttl)
    return std::string{texts::token_ttl_above_max};
  return std::nullopt;
}

std::optional<std::string> upgrade_token_fields(token_params& t, const field_map& raw,
                                                unsigned aliases) {
  const auto duration = [&](const char* old_key, const char* new_key, sim_duration& old_value,
                            sim_duration& new_value) {
    if (!get(raw, new_key)) {
      if (auto v = get(raw, old_key)) {
        old_value = field_duration(*v);
        new_value = old_value;
      }
    } else {
      old_value = get(raw, old_key) ? new_value : sim_duration::zero();
    }
  };
  if (aliases & alias_policies) {
    if (!get(raw, "token_policies")) {
      if (auto v = get(raw, "policies")) {
        // policyutil.ParsePolicies: sanitized (lower-cased, sorted, unique, root alone).
        t.policies = sanitize_policies(parse_comma_slice(*v), false);
        t.token_policies = t.policies;
      }
    } else {
      t.policies = get(raw, "policies") ? t.token_policies : std::vector<std::string>{};
    }
  }
  if (aliases & alias_bound_cidrs) {
    if (!get(raw, "token_bound_cidrs")) {
      if (auto v = get(raw, "bound_cidrs")) {
        if (auto e = parse_addrs(parse_comma_slice(*v), t.bound_cidrs))
          return e;
        t.token_bound_cidrs = t.bound_cidrs;
      }
    } else {
      t.bound_cidrs = get(raw, "bound_cidrs") ? t.token_bound_cidrs : std::vector<std::string>{};
    }
  }
  if (aliases & alias_num_uses) {
    if (!get(raw, "token_num_uses")) {
      if (auto v = get(raw, "num_uses")) {
        t.num_uses = field_int(*v);
        t.token_num_uses = t.num_uses;
      }
    } else {
      t.num_uses = get(raw, "num_uses") ? t.token_num_uses : 0;
    }
  }
  if (aliases & alias_ttl)
    duration("ttl", "token_ttl", t.ttl, t.token_ttl);
  if (aliases & alias_max_ttl)
    duration("max_ttl", "token_max_ttl", t.max_ttl, t.token_max_ttl);
  if (aliases & alias_period)
    duration("period", "token_period", t.period, t.token_period);
  return std::nullopt;
}

void populate_token_data(const token_params& t, data_map& out) {
  out["token_bound_cidrs"] = t.token_bound_cidrs;
  out["token_explicit_max_ttl"] = seconds_of(t.token_explicit_max_ttl);
  out["token_max_ttl"] = seconds_of(t.token_max_ttl);
  out["token_no_default_policy"] = t.token_no_default_policy;
  out["token_period"] = seconds_of(t.token_period);
  out["token_policies"] = t.token_policies;
  out["token_type"] = t.token_type;
  out["token_ttl"] = seconds_of(t.token_ttl);
  out["token_num_uses"] = t.token_num_uses;
}

void populate_token_auth(const token_params& t, login_auth& auth) {
  auth.bound_cidrs = t.token_bound_cidrs;
  auth.explicit_max_ttl = t.token_explicit_max_ttl;
  auth.max_ttl = t.token_max_ttl;
  auth.no_default_policy = t.token_no_default_policy;
  auth.period = t.token_period;
  auth.policies = t.token_policies;
  auth.token_type = t.token_type;
  auth.ttl = t.token_ttl;
  auth.num_uses = t.token_num_uses;
}

} // namespace tokenlab
