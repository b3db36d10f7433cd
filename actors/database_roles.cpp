// The database secrets engine's dynamic roles (builtin/logical/database path_roles.go):
// `roles/<name>` writes with their statements and TTLs, the TTL fields parsed as the framework
// does (parseutil.ParseDurationSecond over strconv.ParseInt and time.ParseDuration).

#include "actors/database_internal.hpp"
#include "model/go_text.hpp"
#include "model/texts.hpp"

#include <cstdint>

namespace tokenlab::database_detail {

namespace {

// strconv.ParseInt(s, 10, 64); on failure `err` is its error text.
std::optional<std::int64_t> go_parse_int(std::string_view s, std::string& err) {
  auto d = s;
  bool neg = false;
  if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
    neg = d[0] == '-';
    d.remove_prefix(1);
  }
  std::uint64_t n = 0;
  constexpr std::uint64_t cutoff = UINT64_MAX / 10 + 1;
  bool ok = !d.empty();
  for (char c : d) {
    if (c < '0' || c > '9') {
      ok = false;
      break;
    }
    if (n >= cutoff || n * 10 > UINT64_MAX - static_cast<std::uint64_t>(c - '0')) {
      err = texts::parse_int_error(s, "value out of range");
      return std::nullopt;
    }
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok) {
    err = texts::parse_int_error(s, "invalid syntax");
    return std::nullopt;
  }
  constexpr std::uint64_t max = static_cast<std::uint64_t>(INT64_MAX);
  if ((!neg && n > max) || (neg && n > max + 1)) {
    err = texts::parse_int_error(s, "value out of range");
    return std::nullopt;
  }
  return neg ? static_cast<std::int64_t>(0 - n) : static_cast<std::int64_t>(n);
}

// Go's time.ParseDuration, in nanoseconds; on failure `err` is its error text.
std::optional<std::int64_t> go_parse_duration(std::string_view orig, std::string& err) {
  constexpr std::uint64_t top = std::uint64_t{1} << 63;
  auto s = orig;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0")
    return 0;
  auto invalid = [&] {
    err = texts::go_invalid_duration(orig);
    return std::nullopt;
  };
  if (s.empty())
    return invalid();
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::uint64_t d = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || digit(s[0])))
      return invalid();
    // leadingInt
    std::uint64_t v = 0;
    size_t i = 0;
    for (; i < s.size() && digit(s[i]); ++i) {
      if (v > top / 10)
        return invalid();
      v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (v > top)
        return invalid();
    }
    bool pre = i > 0;
    s.remove_prefix(i);
    // leadingFraction
    std::uint64_t f = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool overflow = false;
      size_t j = 0;
      for (; j < s.size() && digit(s[j]); ++j) {
        if (overflow)
          continue;
        if (f > (top - 1) / 10) {
          overflow = true;
          continue;
        }
        auto y = f * 10 + static_cast<std::uint64_t>(s[j] - '0');
        if (y > top) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s.remove_prefix(j);
    }
    if (!pre && !post)
      return invalid();
    size_t u = 0;
    while (u < s.size() && s[u] != '.' && !digit(s[u]))
      ++u;
    if (u == 0) {
      err = texts::go_missing_unit(orig);
      return std::nullopt;
    }
    auto name = s.substr(0, u);
    s.remove_prefix(u);
    std::uint64_t unit = 0;
    if (name == "ns")
      unit = 1;
    else if (name == "us" || name == "\u00b5s" || name == "\u03bcs")
      unit = 1000;
    else if (name == "ms")
      unit = 1000000;
    else if (name == "s")
      unit = 1000000000;
    else if (name == "m")
      unit = 60ULL * 1000000000;
    else if (name == "h")
      unit = 3600ULL * 1000000000;
    if (unit == 0) {
      err = texts::go_unknown_unit(name, orig);
      return std::nullopt;
    }
    if (v > top / unit)
      return invalid();
    v *= unit;
    if (f > 0) {
      v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > top)
        return invalid();
    }
    d += v;
    if (d > top)
      return invalid();
  }
  if (neg)
    return static_cast<std::int64_t>(0 - d);
  if (d > top - 1)
    return invalid();
  return static_cast<std::int64_t>(d);
}

// TypeDurationSecond: parseutil.ParseDurationSecond ("" is 0; an integer is seconds; "<n>d"
// is days; else Go's time.ParseDuration), then whole seconds, negatives refused.
outcome<sim_duration> parse_ttl(const std::string& key, const std::string& v) {
  std::int64_t seconds = 0;
  std::string err;
  if (!v.empty()) {
    if (auto n = go_parse_int(v, err)) {
      seconds = *n;
    } else if (v.back() == 'd') {
      auto days = go_parse_int(std::string_view{v}.substr(0, v.size() - 1), err);
      if (!days)
        return vault_error::invalid(texts::field_conversion(v, key, err));
      // Go's Duration arithmetic wraps; the lab saturates instead.
      constexpr std::int64_t limit = INT64_MAX / 86400;
      seconds = (*days > limit ? limit : *days < -limit ? -limit : *days) * 86400;
    } else {
      auto ns = go_parse_duration(v, err);
      if (!ns)
        return vault_error::invalid(texts::field_conversion(v, key, err));
      seconds = *ns / 1000000000;
    }
  }
  if (seconds < 0)
    return vault_error::invalid(texts::field_conversion(v, key, texts::negative_value(seconds)));
  return secs(seconds);
}

} // namespace

// path_roles.go pathRoleCreateUpdate.
api_outcome write_role(self_ptr self, const std::string& name, const logical_write_request& req) {
  auto& st = self->state;
  auto existing = st.roles.find(name);
  db_role r = existing == st.roles.end() ? db_role{} : existing->second;
  auto get = [&](const char* key) -> std::optional<std::string> {
    auto it = req.fields.find(key);
    if (it == req.fields.end())
      return std::nullopt;
    return it->second;
  };
  std::optional<sim_duration> default_ttl, max_ttl;
  for (auto [key, slot] : {std::pair{"default_ttl", &default_ttl}, std::pair{"max_ttl", &max_ttl}})
    if (auto v = get(key)) {
      auto d = parse_ttl(key, *v);
      if (!d)
        return d.error();
      *slot = *d;
    }
  if (auto v = get("db_name"))
    r.db_name = *v;
  if (r.db_name.empty())
    return vault_error::invalid(std::string{texts::db_name_required});
  if (auto v = get("credential_type"); v && *v != "password")
    return not_modelled("credential_type " + go_quote(*v) + " (password is)");
  if (auto v = get("credential_config"); v && !v->empty())
    return not_modelled("credential_config");
  for (auto [key, slot] : {std::pair{"creation_statements", &r.creation_statements},
                           std::pair{"revocation_statements", &r.revocation_statements},
                           std::pair{"rollback_statements", &r.rollback_statements},
                           std::pair{"renew_statements", &r.renew_statements}})
    if (auto v = get(key))
      *slot = string_slice(*v);
  if (default_ttl)
    r.default_ttl = *default_ttl;
  if (max_ttl)
    r.max_ttl = *max_ttl;
  st.roles[name] = r;
  config_written(self, req.path);
  return no_content();
}

} // namespace tokenlab::database_detail
