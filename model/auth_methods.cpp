#include "model/auth_methods.hpp"

#include "model/go_text.hpp"
#include "model/policy.hpp"
#include "model/texts.hpp"
#include "model/token_role.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace tokenlab {

namespace {

// --- Go's number and duration parsing (strconv, time), as the framework reaches them ---

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string s) {
  for (auto& c : s)
    c = lower_ascii(c);
  return s;
}

std::string trim(std::string_view s) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && space(s[b]))
    ++b;
  while (e > b && space(s[e - 1]))
    --e;
  return std::string{s.substr(b, e - b)};
}

// strconv's underscoreOK: underscores only between digits (base-prefixed literals only).
bool underscore_ok(std::string_view s) {
  char saw = '^';
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+'))
    s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (lower_ascii(s[1]) == 'b' || lower_ascii(s[1]) == 'o' || lower_ascii(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower_ascii(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    const char c = lower_ascii(s[i]);
    if (is_digit(c) || (hex && c >= 'a' && c <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0')
        return false;
      saw = '_';
      continue;
    }
    if (saw == '_')
      return false;
    saw = '!';
  }
  return saw != '_';
}

// strconv.ParseInt(s, base, 64) for base 0 or 10; on failure `reason` is Go's.
std::optional<std::int64_t> go_parse_int(std::string_view s0, int base, std::string& reason) {
  reason = "invalid syntax";
  std::string_view s = s0;
  if (s.empty())
    return std::nullopt;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty())
    return std::nullopt;
  const bool base0 = base == 0;
  if (base0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower_ascii(s[1]) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower_ascii(s[1]) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower_ascii(s[1]) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  }
  const std::uint64_t cutoff = std::numeric_limits<std::uint64_t>::max() / base + 1;
  std::uint64_t n = 0;
  bool underscores = false;
  bool range = false;
  for (char c0 : s) {
    const char c = lower_ascii(c0);
    int d = 0;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    }
    if (is_digit(c))
      d = c - '0';
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 10;
    else
      return std::nullopt;
    if (d >= base)
      return std::nullopt;
    if (range)
      continue;
    if (n >= cutoff) {
      range = true;
      continue;
    }
    n *= static_cast<std::uint64_t>(base);
    const std::uint64_t n1 = n + static_cast<std::uint64_t>(d);
    if (n1 < n) {
      range = true;
      continue;
    }
    n = n1;
  }
  if (underscores && !underscore_ok(s0))
    return std::nullopt;
  constexpr std::uint64_t limit = std::uint64_t{1} << 63;
  if (range || (!neg && n >= limit) || (neg && n > limit)) {
    reason = "value out of range";
    return std::nullopt;
  }
  if (neg)
    return n == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(n);
  return static_cast<std::int64_t>(n);
}

// time.ParseDuration in nanoseconds, with Go's error texts.
std::optional<std::int64_t> go_parse_duration(std::string_view orig, std::string& err) {
  constexpr std::uint64_t limit = std::uint64_t{1} << 63;
  std::string_view s = orig;
  std::uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0")
    return 0;
  if (s.empty()) {
    err = texts::go_invalid_duration(orig);
    return std::nullopt;
  }
  while (!s.empty()) {
    std::uint64_t v = 0;
    std::uint64_t f = 0;
    double scale = 1;
    if (!(s[0] == '.' || is_digit(s[0]))) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
    // leadingInt
    std::size_t pl = s.size();
    std::size_t i = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      if (v > limit / 10) {
        err = texts::go_invalid_duration(orig);
        return std::nullopt;
      }
      v = v * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (v > limit) {
        err = texts::go_invalid_duration(orig);
        return std::nullopt;
      }
    }
    s.remove_prefix(i);
    const bool pre = pl != s.size();
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      pl = s.size();
      bool overflow = false;
      std::size_t j = 0;
      for (; j < s.size() && is_digit(s[j]); ++j) {
        if (overflow)
          continue;
        if (f > (limit - 1) / 10) {
          overflow = true;
          continue;
        }
        const std::uint64_t y = f * 10 + static_cast<std::uint64_t>(s[j] - '0');
        if (y > limit) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      s.remove_prefix(j);
      post = pl != s.size();
    }
    if (!pre && !post) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
    std::size_t u = 0;
    while (u < s.size() && !(s[u] == '.' || is_digit(s[u])))
      ++u;
    if (u == 0) {
      err = texts::go_missing_unit(orig);
      return std::nullopt;
    }
    const std::string_view unit_text = s.substr(0, u);
    s.remove_prefix(u);
    std::uint64_t unit = 0;
    if (unit_text == "ns")
      unit = 1;
    else if (unit_text == "us" || unit_text == "\xC2\xB5s" || unit_text == "\xCE\xBCs")
      unit = 1000;
    else if (unit_text == "ms")
      unit = 1000000;
    else if (unit_text == "s")
      unit = 1000000000;
    else if (unit_text == "m")
      unit = 60ULL * 1000000000;
    else if (unit_text == "h")
      unit = 3600ULL * 1000000000;
    else {
      err = texts::go_unknown_unit(unit_text, orig);
      return std::nullopt;
    }
    if (v > limit / unit) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
    v *= unit;
    if (f > 0) {
      v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > limit) {
        err = texts::go_invalid_duration(orig);
        return std::nullopt;
      }
    }
    d += v;
    if (d > limit) {
      err = texts::go_invalid_duration(orig);
      return std::nullopt;
    }
  }
  if (neg)
    return d == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(d);
  if (d > limit - 1) {
    err = texts::go_invalid_duration(orig);
    return std::nullopt;
  }
  return static_cast<std::int64_t>(d);
}

// parseutil.ParseDurationSecond on a string, in nanoseconds.
std::optional<std::int64_t> go_duration_second_ns(std::string_view s, std::string& err) {
  constexpr std::int64_t second = 1000000000;
  constexpr std::int64_t day = 86400 * second;
  const auto mul = [&](std::int64_t v, std::int64_t unit) -> std::optional<std::int64_t> {
    if (v != 0 && (v > std::numeric_limits<std::int64_t>::max() / unit ||
                   v < std::numeric_limits<std::int64_t>::min() / unit)) {
      err = "multiplication overflow";
      return std::nullopt;
    }
    return v * unit;
  };
  if (s.empty())
    return 0;
  std::string reason;
  if (auto v = go_parse_int(s, 10, reason))
    return mul(*v, second);
  if (s.back() == 'd') {
    auto days = s.substr(0, s.size() - 1);
    auto v = go_parse_int(days, 10, reason);
    if (!v) {
      err = texts::parse_int_error(days, reason);
      return std::nullopt;
    }
    return mul(*v, day);
  }
  return go_parse_duration(s, err);
}

std::optional<bool> go_parse_bool(std::string_view v) {
  if (v == "1" || v == "t" || v == "T" || v == "TRUE" || v == "true" || v == "True")
    return true;
  if (v == "0" || v == "f" || v == "F" || v == "FALSE" || v == "false" || v == "False")
    return false;
  return std::nullopt;
}

// Conversions of values that passed validate_fields.
bool as_bool(std::string_view v) {
  return v.empty() ? false : go_parse_bool(v).value_or(false);
}

std::int64_t as_int(std::string_view v) {
  std::string reason;
  return v.empty() ? 0 : go_parse_int(v, 0, reason).value_or(0);
}

sim_duration as_duration(std::string_view v) {
  std::string err;
  return secs(parse_duration_second(v, &err).value_or(0));
}

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

// cidrutil.ValidateCIDRListSlice: the first block that is not a CIDR.
std::optional<std::string> invalid_cidr(const std::vector<std::string>& blocks) {
  for (const auto& b : blocks) {
    auto t = trim(b);
    if (!valid_cidr(t))
      return texts::invalid_cidr_address(t);
  }
  return std::nullopt;
}

// --- small helpers ---

const std::string* get(const field_map& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

std::string get_or_empty(const field_map& m, const std::string& key) {
  auto v = get(m, key);
  return v ? *v : std::string{};
}

vault_error bad(std::string_view msg) {
  return vault_error::invalid(std::string{msg});
}

// A plain Go error of a handler outside login paths: 500, wrapped by go-multierror.
vault_error handler_failed(std::string_view msg) {
  return vault_error{500, {texts::handler_error(msg)}};
}

vault_error unsupported_path(bool login_path) {
  return vault_error{404,
                     {login_path ? std::string{texts::unsupported_path}
                                 : texts::handler_error(texts::unsupported_path)}};
}

vault_error unsupported_operation(bool login_path) {
  return vault_error{405,
                     {login_path ? std::string{texts::unsupported_operation}
                                 : texts::handler_error(texts::unsupported_operation)}};
}

vault_error not_found() {
  return vault_error{404, {}};
}

vault_error lab_refusal(std::string_view what) {
  return vault_error::invalid(texts::not_modelled(what));
}

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

api_response with_data(data_map d) {
  api_response r;
  r.data = std::move(d);
  return r;
}

// A handler's response: 204 without warnings; with warnings a 200 that also carries the
// framework's warning about unrecognized parameters.
api_response write_response(std::vector<std::string> warnings, const field_map& fields,
                            const field_schema& schema) {
  if (warnings.empty())
    return no_content();
  std::vector<std::string> ignored;
  for (const auto& kv : fields)
    if (schema.count(kv.first) == 0)
      ignored.push_back(kv.first);
  if (!ignored.empty())
    warnings.push_back(texts::ignored_parameters(ignored));
  api_response r;
  r.warnings = std::move(warnings);
  return r;
}

api_response list_response(std::vector<std::string> keys) {
  return with_data(data_map{{"keys", std::move(keys)}});
}

// framework.GenericNameRegex: \w(([\w-.]+)?\w)?
bool generic_name(std::string_view s) {
  const auto word = [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  if (s.empty() || !word(s.front()) || !word(s.back()))
    return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return word(c) || c == '-' || c == '.'; });
}

std::vector<std::string> split_path(std::string_view p) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto slash = p.find('/', start);
    out.emplace_back(
      p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos)
      return out;
    start = slash + 1;
  }
}

// `<prefix>` or `<prefix>/`: a list path of the framework (pattern "<prefix>/?").
bool list_path(std::string_view p, std::string_view prefix) {
  return p == prefix ||
         (p.size() == prefix.size() + 1 && p.substr(0, prefix.size()) == prefix && p.back() == '/');
}

std::int64_t seconds_of(sim_duration d) {
  return whole_seconds(d);
}

// A positive system max, or none (0: unknown to the lab, no limit).
bool above_max(sim_duration d, const system_view& view) {
  return view.max_lease_ttl > sim_duration::zero() && d > view.max_lease_ttl;
}

// --- strutil.ParseArbitraryKeyValues (AppRole secret ID metadata) ---

std::optional<std::string> base64_std_decode(const std::string& in) {
  static constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  for (char c : in)
    if (c != '\r' && c != '\n')
      s += c;
  if (s.empty() || s.size() % 4 != 0)
    return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t pad = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=') {
      ++pad;
      continue;
    }
    if (pad > 0)
      return std::nullopt;
    const auto v = alphabet.find(s[i]);
    if (v == std::string_view::npos)
      return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (pad > 2)
    return std::nullopt;
  return out;
}

// json.Unmarshal into map[string]string: a flat object of string values.
bool json_string_map(std::string_view s, std::map<std::string, std::string>& out) {
  std::size_t i = 0;
  const auto ws = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
      ++i;
  };
  const auto str = [&](std::string& v) {
    if (i >= s.size() || s[i] != '"')
      return false;
    ++i;
    v.clear();
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\') {
        if (++i >= s.size())
          return false;
        switch (s[i]) {
          case '"': v += '"'; break;
          case '\\': v += '\\'; break;
          case '/': v += '/'; break;
          case 'n': v += '\n'; break;
          case 't': v += '\t'; break;
          case 'r': v += '\r'; break;
          case 'b': v += '\b'; break;
          case 'f': v += '\f'; break;
          default: return false; // \u escapes: not modelled, treated as not JSON
        }
        ++i;
        continue;
      }
      v += s[i++];
    }
    if (i >= s.size())
      return false;
    ++i;
    return true;
  };
  std::map<std::string, std::string> tmp;
  ws();
  if (i >= s.size() || s[i] != '{')
    return false;
  ++i;
  ws();
  if (i < s.size() && s[i] == '}') {
    ++i;
  } else {
    while (true) {
      std::string k;
      std::string v;
      ws();
      if (!str(k))
        return false;
      ws();
      if (i >= s.size() || s[i] != ':')
        return false;
      ++i;
      ws();
      if (!str(v))
        return false;
      tmp[k] = v;
      ws();
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      if (i < s.size() && s[i] == '}') {
        ++i;
        break;
      }
      return false;
    }
  }
  ws();
  if (i != s.size())
    return false;
  for (auto& kv : tmp)
    out[kv.first] = kv.second;
  return true;
}

std::optional<std::string> parse_arbitrary_key_values(const std::string& input,
                                                      std::map<std::string, std::string>& out) {
  auto in = trim(input);
  if (in.empty())
    return std::nullopt;
  if (auto decoded = base64_std_decode(in))
    in = *decoded;
  if (!json_string_map(in, out)) {
    // strutil.ParseKeyValues over ParseDedupLowercaseAndSortStrings(input, ",").
    std::set<std::string> items;
    for (const auto& part : parse_comma_slice(in)) {
      auto item = lower(trim(part));
      if (!item.empty())
        items.insert(item);
    }
    for (const auto& item : items) {
      const auto eq = item.find('=');
      if (eq == std::string::npos || item.find('=', eq + 1) != std::string::npos)
        return std::string{texts::kv_invalid_format};
      auto key = trim(item.substr(0, eq));
      auto value = trim(item.substr(eq + 1));
      if (key.empty() || value.empty())
        return texts::kv_invalid_pair(key, value);
      out[key] = value;
    }
  }
  for (const auto& kv : out)
    if (!kv.first.empty() && kv.second.empty())
      return texts::kv_invalid_value(kv.first);
  return std::nullopt;
}

} // namespace

// --- the framework's field conversion ---

std::optional<std::int64_t> parse_duration_second(std::string_view text, std::string* err) {
  std::string e;
  auto ns = go_duration_second_ns(text, e);
  if (!ns) {
    if (err)
      *err = e;
    return std::nullopt;
  }
  const std::int64_t seconds = *ns / 1000000000;
  if (seconds < 0) {
    if (err)
      *err = texts::negative_value(seconds);
    return std::nullopt;
  }
  return seconds;
}

std::vector<std::string> parse_comma_slice(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty())
    return out;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    out.push_back(trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos
                                                                          : comma - start)));
    if (comma == std::string_view::npos)
      return out;
    start = comma + 1;
  }
}

std::optional<std::string> conversion_error(field_kind kind, std::string_view value) {
  switch (kind) {
    case field_kind::string:
    case field_kind::comma_string_slice: return std::nullopt;
    case field_kind::boolean:
      if (value.empty() || go_parse_bool(value))
        return std::nullopt;
      return texts::cannot_parse_as("bool", texts::parse_bool_error(value));
    case field_kind::integer: {
      if (value.empty())
        return std::nullopt;
      std::string reason;
      if (go_parse_int(value, 0, reason))
        return std::nullopt;
      return texts::cannot_parse_as("int", texts::parse_int_error(value, reason));
    }
    case field_kind::duration: {
      std::string err;
      if (parse_duration_second(value, &err))
        return std::nullopt;
      return err;
    }
  }
  return std::nullopt;
}

std::optional<std::string> validate_fields(const field_map& raw, const field_schema& schema) {
  for (const auto& [key, value] : raw) {
    auto s = schema.find(key);
    if (s == schema.end())
      continue;
    if (auto e = conversion_error(s->second, value))
      return texts::field_conversion(value, key, *e);
  }
  return std::nullopt;
}

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
    t.token_explicit_max_ttl = as_duration(*v);
  if (auto v = get(raw, "token_max_ttl"))
    t.token_max_ttl = as_duration(*v);
  if (auto v = get(raw, "token_no_default_policy"))
    t.token_no_default_policy = as_bool(*v);
  if (auto v = get(raw, "token_period"))
    t.token_period = as_duration(*v);
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
    t.token_num_uses = as_int(*v);
  if (t.token_num_uses < 0)
    return std::string{texts::token_num_uses_negative};
  if (t.token_type == "batch") {
    if (t.token_period != sim_duration::zero())
      return std::string{texts::token_batch_periodic};
    if (t.token_num_uses != 0)
      return std::string{texts::token_batch_num_uses};
  }
  if (auto v = get(raw, "token_ttl"))
    t.token_ttl = as_duration(*v);
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
        old_value = as_duration(*v);
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
        t.num_uses = as_int(*v);
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

// --- the common login flow: user lockout (vault/request_handling.go handleLoginRequest) ---

outcome<login_auth> auth_backend::login(const std::string& path, const field_map& fields,
                                        auth_env& env) {
  auto alias = lookahead(path, fields);
  if (!alias)
    return alias.error();
  const std::int64_t now_ms = millis(env.now);
  const auto ms = [](sim_duration d) { return std::int64_t{d.count()}; };
  if (alias->has_value()) {
    // isUserLocked: over the threshold and still within the lockout duration.
    auto it = failed_.find(**alias);
    if (it != failed_.end() && it->second.count >= lockout_threshold &&
        now_ms < it->second.last_failed * 1000 + ms(lockout_duration))
      return vault_error::denied(std::string{texts::permission_denied});
  }
  auto result = do_login(path, fields, env);
  if (alias->has_value()) {
    if (result.invalid_credentials) {
      // failedUserLoginProcess: the count restarts after the counter-reset window.
      auto& f = failed_[**alias];
      if (now_ms > f.last_failed * 1000 + ms(lockout_counter_reset))
        f.count = 1;
      else
        ++f.count;
      f.last_failed = now_ms / 1000;
    } else if (result.auth.ok()) {
      failed_.erase(**alias);
    }
  }
  return std::move(result.auth);
}

std::vector<auth_event> auth_backend::take_events() {
  std::vector<auth_event> out;
  out.swap(events_);
  return out;
}

void auth_backend::event(auth_event::kind k, std::string subject, std::string detail) {
  events_.push_back(auth_event{k, std::move(subject), std::move(detail)});
}

namespace {

// --- userpass (builtin/credential/userpass) ---

class userpass_backend final : public auth_backend {
public:
  std::string_view type() const override { return "userpass"; }

  outcome<api_response> write(const std::string& path, const field_map& fields,
                              auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "users" && generic_name(p[1]))
      return write_user(path, p[1], fields);
    if (p.size() == 3 && p[0] == "users" && generic_name(p[1]) && p[2] == "password")
      return write_password(path, p[1], fields);
    if (p.size() == 3 && p[0] == "users" && generic_name(p[1]) && p[2] == "policies")
      return lab_refusal("auth/userpass/users/<name>/policies");
    if (p.size() == 2 && p[0] == "login")
      return lab_refusal("logging in through a plain write (the core routes logins)");
    if (list_path(path, "users"))
      return unsupported_operation(false);
    return unsupported_path(false);
  }

  outcome<api_response> read(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "users" && generic_name(p[1])) {
      auto u = users_.find(lower(p[1]));
      if (u == users_.end())
        return not_found();
      const auto& t = u->second.token;
      data_map d;
      populate_token_data(t, d);
      if (t.ttl > sim_duration::zero())
        d["ttl"] = seconds_of(t.ttl);
      if (t.max_ttl > sim_duration::zero())
        d["max_ttl"] = seconds_of(t.max_ttl);
      if (!t.policies.empty())
        d["policies"] = t.token_policies;
      if (!t.bound_cidrs.empty())
        d["bound_cidrs"] = t.bound_cidrs;
      return with_data(std::move(d));
    }
    return other(path);
  }

  outcome<api_response> list(const std::string& path, auth_env&) override {
    if (!list_path(path, "users"))
      return other(path);
    std::vector<std::string> keys;
    for (const auto& u : users_)
      keys.push_back(u.first);
    if (keys.empty())
      return not_found();
    return list_response(std::move(keys));
  }

  outcome<api_response> remove(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "users" && generic_name(p[1])) {
      if (users_.erase(lower(p[1])) > 0)
        event(auth_event::kind::config_written, path, "deleted");
      return no_content();
    }
    return other(path);
  }

protected:
  outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                const field_map&) override {
    const auto p = split_path(path);
    if (p.size() != 2 || p[0] != "login" || !generic_name(p[1]))
      return unsupported_path(true);
    return std::optional<std::string>{p[1]}; // the alias as the path spells it
  }

  login_result do_login(const std::string& path, const field_map& fields, auth_env&) override {
    const auto username = lower(split_path(path)[1]);
    const auto password = get_or_empty(fields, "password");
    if (password.empty())
      return {vault_error::internal(std::string{texts::missing_password})};
    auto u = users_.find(username);
    if (u == users_.end())
      return {bad(texts::invalid_username_or_password)};
    if (u->second.password != password)
      return {bad(texts::invalid_username_or_password), true};
    login_auth auth;
    auth.metadata = {{"username", username}};
    auth.display_name = username;
    auth.alias_name = username;
    populate_token_auth(u->second.token, auth);
    return {std::move(auth)};
  }

private:
  struct user {
    token_params token;
    std::string password;
  };

  static const field_schema& user_schema() {
    static const field_schema schema = [] {
      field_schema s{{"username", field_kind::string}, {"password", field_kind::string}};
      add_token_fields(s, userpass_aliases);
      return s;
    }();
    return schema;
  }

  outcome<api_response> write_user(const std::string& path, const std::string& name,
                                   const field_map& fields) {
    // The existence check validates first: a bad value is a bare 400.
    if (auto e = validate_fields(fields, user_schema()))
      return bad(*e);
    const auto username = lower(name);
    auto existing = users_.find(username);
    const bool create = existing == users_.end();
    user u = create ? user{} : existing->second;
    const auto password = get_or_empty(fields, "password");
    if (create && password.empty())
      return bad(texts::missing_password);
    if (auto e = parse_token_fields(u.token, fields))
      return bad(*e);
    if (get(fields, "password")) {
      if (password.empty())
        return bad(texts::missing_password);
      u.password = password;
    }
    if (auto e = upgrade_token_fields(u.token, fields, userpass_aliases))
      return bad(*e);
    users_[username] = std::move(u);
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  outcome<api_response> write_password(const std::string& path, const std::string& name,
                                       const field_map& fields) {
    auto u = users_.find(lower(name));
    if (u == users_.end())
      return handler_failed(texts::username_does_not_exist);
    const auto password = get_or_empty(fields, "password");
    if (password.empty())
      return bad(texts::missing_password);
    u->second.password = password;
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  // A path that exists but not for this operation, or no path at all.
  outcome<api_response> other(const std::string& path) const {
    const auto p = split_path(path);
    const bool login_path = !p.empty() && p[0] == "login";
    const bool known =
      list_path(path, "users") ||
      (p.size() == 2 && (p[0] == "users" || p[0] == "login") && generic_name(p[1])) ||
      (p.size() == 3 && p[0] == "users" && generic_name(p[1]) &&
       (p[2] == "password" || p[2] == "policies"));
    return known ? unsupported_operation(login_path) : unsupported_path(login_path);
  }

  std::map<std::string, user> users_; ///< by lower-cased name (storage "user/<name>")
};

// --- approle (builtin/credential/approle) ---

class approle_backend final : public auth_backend {
public:
  std::string_view type() const override { return "approle"; }

  outcome<api_response> write(const std::string& path, const field_map& fields,
                              auth_env& env) override {
    tidy(env.now);
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1]))
      return write_role(path, p[1], fields, env);
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "secret-id")
      return write_secret_id(p[1], fields, env);
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "role-id")
      return write_role_id(path, p[1], fields);
    if (path == "tidy/secret-id") {
      api_response r;
      r.status = 202;
      r.warnings.emplace_back(texts::tidy_started);
      return r;
    }
    if (path == "login")
      return lab_refusal("logging in through a plain write (the core routes logins)");
    if (auto what = unmodelled(p))
      return lab_refusal(*what);
    return other(path);
  }

  outcome<api_response> read(const std::string& path, auth_env& env) override {
    tidy(env.now);
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return not_found();
      return with_data(role_data(r->second));
    }
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "role-id") {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return not_found();
      return with_data(data_map{{"role_id", r->second.role_id}});
    }
    if (auto what = unmodelled(p))
      return lab_refusal(*what);
    return other(path);
  }

  outcome<api_response> list(const std::string& path, auth_env& env) override {
    tidy(env.now);
    if (list_path(path, "role")) {
      std::vector<std::string> keys;
      for (const auto& r : roles_)
        keys.push_back(r.first);
      if (keys.empty())
        return not_found();
      return list_response(std::move(keys));
    }
    const auto p = split_path(path);
    if (p.size() >= 3 && p[0] == "role" && generic_name(p[1]) && p[2] == "secret-id" &&
        (p.size() == 3 || (p.size() == 4 && p[3].empty()))) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return bad(texts::approle_role_missing(p[1]));
      std::vector<std::string> keys;
      for (const auto& s : r->second.secrets)
        keys.push_back(s.second.accessor);
      std::sort(keys.begin(), keys.end());
      if (keys.empty())
        return not_found();
      return list_response(std::move(keys));
    }
    return other(path);
  }

  outcome<api_response> remove(const std::string& path, auth_env& env) override {
    tidy(env.now);
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return no_content();
      // flushRoleSecrets: the role's secret IDs go with it.
      for (const auto& s : r->second.secrets)
        gone(s.second, "role " + r->first + " deleted");
      roles_.erase(r);
      event(auth_event::kind::config_written, path, "deleted");
      return no_content();
    }
    if (auto what = unmodelled(p))
      return lab_refusal(*what);
    return other(path);
  }

  void tidy(sim_time now) override {
    for (auto& r : roles_) {
      auto& secrets = r.second.secrets;
      for (auto it = secrets.begin(); it != secrets.end();) {
        if (it->second.expires && tidy_tick(*it->second.expires) <= now) {
          gone(it->second, "expired; removed by the mount's periodic tidy");
          it = secrets.erase(it);
        } else {
          ++it;
        }
      }
    }
  }

  std::optional<sim_time> next_tidy() const override {
    std::optional<sim_time> next;
    for (const auto& r : roles_)
      for (const auto& s : r.second.secrets)
        if (s.second.expires && (!next || tidy_tick(*s.second.expires) < *next))
          next = tidy_tick(*s.second.expires);
    return next;
  }

  std::optional<bool> credential_live(const std::string& key) const override {
    for (const auto& r : roles_)
      for (const auto& s : r.second.secrets)
        if (s.first == key || s.second.accessor == key)
          return true;
    if (gone_.count(key) > 0)
      return false;
    return std::nullopt;
  }

protected:
  outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                const field_map& fields) override {
    if (path != "login")
      return unsupported_path(true);
    // pathLoginUpdateAliasLookahead: a plain error, returned unwrapped by the login flow.
    auto role_id = trim(get_or_empty(fields, "role_id"));
    if (role_id.empty())
      return vault_error::internal(std::string{texts::missing_role_id});
    return std::optional<std::string>{role_id};
  }

  login_result do_login(const std::string&, const field_map& fields, auth_env& env) override {
    tidy(env.now);
    const auto role_id = trim(get_or_empty(fields, "role_id"));
    auto r = std::find_if(roles_.begin(), roles_.end(),
                          [&](const auto& kv) { return kv.second.role_id == role_id; });
    if (r == roles_.end())
      return {bad(texts::invalid_role_or_secret_id)};
    auto& role = r->second;
    std::map<std::string, std::string> metadata;
    std::vector<std::string> entry_token_cidrs;
    if (role.bind_secret_id) {
      const auto secret_id = trim(get_or_empty(fields, "secret_id"));
      if (secret_id.empty())
        return {bad(texts::missing_secret_id)};
      auto s = role.secrets.find(secret_id);
      if (s == role.secrets.end())
        return {bad(texts::invalid_role_or_secret_id), true};
      metadata = s->second.metadata;
      entry_token_cidrs = s->second.token_bound_cidrs;
      if (s->second.num_uses == 1) {
        // The last use: the secret ID is deleted, the login still succeeds.
        gone(s->second, "used up (secret_id_num_uses reached)");
        role.secrets.erase(s);
      } else if (s->second.num_uses > 1) {
        --s->second.num_uses;
      }
    }
    metadata["role_name"] = role.name;
    login_auth auth;
    auth.metadata = std::move(metadata);
    auth.alias_name = role.role_id;
    populate_token_auth(role.token, auth);
    if (!entry_token_cidrs.empty())
      auth.bound_cidrs = entry_token_cidrs;
    return {std::move(auth)};
  }

private:
  struct secret {
    std::string secret_id;
    std::string accessor;
    std::int64_t num_uses = 0;
    sim_duration ttl{0}; ///< as derived (capped by the mount's max)
    std::optional<sim_time> expires;
    std::map<std::string, std::string> metadata;
    std::vector<std::string> cidr_list;
    std::vector<std::string> token_bound_cidrs;
  };
  struct role_entry {
    std::string name; ///< lower-cased (LowerCaseRoleName)
    token_params token;
    std::string role_id;
    bool bind_secret_id = true;
    std::optional<std::vector<std::string>> secret_id_bound_cidrs; ///< nil until set
    std::int64_t secret_id_num_uses = 0;
    sim_duration secret_id_ttl{0};
    bool local_secret_ids = false;
    std::map<std::string, secret> secrets; ///< by secret ID
  };

  // The first rollback tick strictly after `expires` (tidy deletes when now.After(exp)).
  static sim_time tidy_tick(sim_time expires) {
    const auto period = tidy_period.count();
    return sim_time{sim_duration{(expires.time_since_epoch().count() / period + 1) * period}};
  }

  void gone(const secret& s, std::string why) {
    gone_.insert(s.secret_id);
    gone_.insert(s.accessor);
    event(auth_event::kind::credential_deleted, s.accessor, "secret ID " + std::move(why));
  }

  static const field_schema& role_schema() {
    static const field_schema schema = [] {
      field_schema s{{"role_name", field_kind::string},
                     {"bind_secret_id", field_kind::boolean},
                     {"bound_cidr_list", field_kind::comma_string_slice},
                     {"secret_id_bound_cidrs", field_kind::comma_string_slice},
                     {"secret_id_num_uses", field_kind::integer},
                     {"secret_id_ttl", field_kind::duration},
                     {"role_id", field_kind::string},
                     {"local_secret_ids", field_kind::boolean}};
      add_token_fields(s, approle_aliases);
      return s;
    }();
    return schema;
  }

  static data_map role_data(const role_entry& r) {
    data_map d;
    d["bind_secret_id"] = r.bind_secret_id;
    if (r.secret_id_bound_cidrs)
      d["secret_id_bound_cidrs"] = *r.secret_id_bound_cidrs;
    else
      d["secret_id_bound_cidrs"] = std::monostate{};
    d["secret_id_num_uses"] = r.secret_id_num_uses;
    d["secret_id_ttl"] = seconds_of(r.secret_id_ttl);
    d["local_secret_ids"] = r.local_secret_ids;
    populate_token_data(r.token, d);
    if (r.token.period != sim_duration::zero())
      d["period"] = seconds_of(r.token.period);
    if (!r.token.policies.empty())
      d["policies"] = r.token.policies;
    return d;
  }

  // setRoleEntry's checks: a constraint, and a role ID no other role holds.
  std::optional<vault_error> check_role(const role_entry& r) const {
    const bool constrained = r.bind_secret_id ||
                             (r.secret_id_bound_cidrs && !r.secret_id_bound_cidrs->empty()) ||
                             !r.token.token_bound_cidrs.empty();
    if (!constrained)
      return handler_failed(texts::approle_no_constraint);
    for (const auto& other : roles_)
      if (other.first != r.name && other.second.role_id == r.role_id)
        return handler_failed(texts::role_id_in_use);
    return std::nullopt;
  }

  outcome<api_response> write_role(const std::string& path, const std::string& name,
                                   const field_map& in, auth_env& env) {
    if (auto e = validate_fields(in, role_schema()))
      return bad(*e);
    const auto key = lower(name);
    auto existing = roles_.find(key);
    const bool create = existing == roles_.end();
    role_entry role;
    if (create)
      role.name = key;
    else
      role = existing->second;
    std::vector<std::string> warnings;
    field_map fields = in;
    if (auto t = fields.find("token_type"); t != fields.end()) {
      if (t->second == "default-service") {
        t->second = "service";
        warnings.emplace_back(texts::default_service_adjusted);
      } else if (t->second == "default-batch") {
        t->second = "batch";
        warnings.emplace_back(texts::default_batch_adjusted);
      }
    }
    if (auto e = parse_token_fields(role.token, fields))
      return bad(*e);
    if (auto v = get(fields, "local_secret_ids")) {
      if (!create)
        return bad(texts::local_secret_ids_create_only);
      role.local_secret_ids = as_bool(*v);
    }
    if (auto v = get(fields, "role_id"))
      role.role_id = *v;
    else if (create)
      role.role_id = env.uuid();
    if (role.role_id.empty())
      return bad(texts::invalid_role_id_supplied);
    if (auto v = get(fields, "bind_secret_id"))
      role.bind_secret_id = as_bool(*v);
    else if (create)
      role.bind_secret_id = true;
    const std::string* cidrs = get(fields, "secret_id_bound_cidrs");
    if (!cidrs)
      cidrs = get(fields, "bound_cidr_list");
    if (cidrs)
      role.secret_id_bound_cidrs = parse_comma_slice(*cidrs);
    if (role.secret_id_bound_cidrs && !role.secret_id_bound_cidrs->empty())
      if (auto e = invalid_cidr(*role.secret_id_bound_cidrs))
        return handler_failed(texts::failed_to_validate_cidrs(*e));
    if (auto v = get(fields, "secret_id_num_uses"))
      role.secret_id_num_uses = as_int(*v);
    else if (create)
      role.secret_id_num_uses = 0;
    if (role.secret_id_num_uses < 0)
      return bad(texts::secret_id_num_uses_negative);
    if (auto v = get(fields, "secret_id_ttl"))
      role.secret_id_ttl = as_duration(*v);
    else if (create)
      role.secret_id_ttl = sim_duration::zero();
    if (auto e = upgrade_token_fields(role.token, fields, approle_aliases))
      return bad(*e);
    // Only the deprecated `period` is compared with the mount (quirk of the source).
    if (above_max(role.token.period, env.view))
      return bad(texts::approle_period_above_max(role.token.period, env.view.max_lease_ttl));
    if (above_max(role.token.token_max_ttl, env.view))
      warnings.emplace_back(texts::approle_token_max_ttl_above_mount);
    if (auto e = check_role(role))
      return *e;
    roles_[key] = std::move(role);
    event(auth_event::kind::config_written, path);
    return write_response(std::move(warnings), in, role_schema());
  }

  outcome<api_response> write_role_id(const std::string& path, const std::string& name,
                                      const field_map& fields) {
    auto r = roles_.find(lower(name));
    if (r == roles_.end())
      return unsupported_path(false);
    auto role = r->second;
    role.role_id = get_or_empty(fields, "role_id");
    if (role.role_id.empty())
      return bad(texts::missing_role_id);
    if (auto e = check_role(role))
      return *e;
    r->second = std::move(role);
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  outcome<api_response> write_secret_id(const std::string& name, const field_map& fields,
                                        auth_env& env) {
    static const field_schema schema{{"role_name", field_kind::string},
                                     {"metadata", field_kind::string},
                                     {"cidr_list", field_kind::comma_string_slice},
                                     {"token_bound_cidrs", field_kind::comma_string_slice},
                                     {"num_uses", field_kind::integer},
                                     {"ttl", field_kind::duration}};
    // pathRoleSecretIDUpdate draws the secret ID before anything is checked.
    const auto secret_id = env.uuid();
    // No existence check on this path: the framework's own prefix.
    if (auto e = validate_fields(fields, schema))
      return bad(texts::field_validation_failed(*e));
    auto r = roles_.find(lower(name));
    if (r == roles_.end())
      return bad(texts::approle_role_missing(name));
    auto& role = r->second;
    if (!role.bind_secret_id)
      return bad(texts::bind_secret_id_not_set);
    secret s;
    s.secret_id = secret_id;
    s.cidr_list = parse_comma_slice(get_or_empty(fields, "cidr_list"));
    if (!s.cidr_list.empty())
      if (auto e = invalid_cidr(s.cidr_list))
        return handler_failed(texts::failed_to_validate_cidrs(*e));
    s.token_bound_cidrs = parse_comma_slice(get_or_empty(fields, "token_bound_cidrs"));
    if (!s.token_bound_cidrs.empty())
      if (auto e = invalid_cidr(s.token_bound_cidrs))
        return handler_failed(texts::failed_to_validate_token_cidrs(*e));
    if (auto v = get(fields, "num_uses")) {
      s.num_uses = as_int(*v);
      if (s.num_uses < 0)
        return bad(texts::num_uses_negative);
      const auto role_uses = role.secret_id_num_uses;
      if ((s.num_uses == 0 && role_uses > 0) || (role_uses > 0 && s.num_uses > role_uses))
        return bad(texts::num_uses_above_role);
    } else {
      s.num_uses = role.secret_id_num_uses;
    }
    sim_duration ttl = role.secret_id_ttl;
    if (auto v = get(fields, "ttl")) {
      ttl = as_duration(*v);
      const auto role_ttl = role.secret_id_ttl;
      if ((ttl == sim_duration::zero() && role_ttl > sim_duration::zero()) ||
          (role_ttl > sim_duration::zero() && ttl > role_ttl))
        return bad(texts::ttl_above_role);
    }
    if (auto e = parse_arbitrary_key_values(get_or_empty(fields, "metadata"), s.metadata))
      return bad(texts::metadata_parse_failed(*e));
    s.accessor = env.uuid();
    // deriveSecretIDTTL: negative or beyond the mount's max becomes the mount's max.
    if (ttl < sim_duration::zero() || above_max(ttl, env.view))
      ttl = env.view.max_lease_ttl;
    s.ttl = ttl;
    if (ttl != sim_duration::zero())
      s.expires = env.now + ttl;
    data_map d{{"secret_id", s.secret_id},
               {"secret_id_accessor", s.accessor},
               {"secret_id_ttl", seconds_of(ttl)},
               {"secret_id_num_uses", s.num_uses}};
    event(auth_event::kind::credential_created, s.accessor,
          "secret ID " + s.secret_id + " of role " + role.name);
    role.secrets[s.secret_id] = std::move(s);
    return with_data(std::move(d));
  }

  // The role sub-paths Vault has and the lab does not model.
  static std::optional<std::string> unmodelled(const std::vector<std::string>& p) {
    static const std::set<std::string> fields{"policies",
                                              "secret-id-num-uses",
                                              "secret-id-ttl",
                                              "token-ttl",
                                              "token-max-ttl",
                                              "token-num-uses",
                                              "bind-secret-id",
                                              "bound-cidr-list",
                                              "secret-id-bound-cidrs",
                                              "token-bound-cidrs",
                                              "period",
                                              "local-secret-ids",
                                              "custom-secret-id"};
    if (p.size() == 3 && p[0] == "role" && generic_name(p[1]) && fields.count(p[2]) > 0)
      return "auth/approle/role/<name>/" + p[2];
    if (p.size() == 4 && p[0] == "role" && generic_name(p[1]) &&
        (p[2] == "secret-id" || p[2] == "secret-id-accessor") &&
        (p[3] == "lookup" || p[3] == "destroy"))
      return "auth/approle/role/<name>/" + p[2] + "/" + p[3];
    return std::nullopt;
  }

  outcome<api_response> other(const std::string& path) const {
    const auto p = split_path(path);
    const bool login_path = path == "login";
    const bool known = login_path || list_path(path, "role") || path == "tidy/secret-id" ||
                       (p.size() == 2 && p[0] == "role" && generic_name(p[1])) ||
                       (p.size() >= 3 && p[0] == "role" && generic_name(p[1]) &&
                        (p[2] == "role-id" || p[2] == "secret-id"));
    return known ? unsupported_operation(login_path) : unsupported_path(login_path);
  }

  std::map<std::string, role_entry> roles_; ///< by lower-cased name
  std::set<std::string> gone_;              ///< secret IDs and accessors no longer usable
};

// --- kubernetes (vault-plugin-auth-kubernetes v0.16.0) ---

class kubernetes_backend final : public auth_backend {
public:
  std::string_view type() const override { return "kubernetes"; }

  outcome<api_response> write(const std::string& path, const field_map& fields,
                              auth_env& env) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1]))
      return write_role(path, p[1], fields, env);
    if (path == "config")
      return write_config(path, fields);
    if (path == "login")
      return lab_refusal("logging in through a plain write (the core routes logins)");
    return other(path);
  }

  outcome<api_response> read(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      auto r = roles_.find(lower(p[1]));
      if (r == roles_.end())
        return not_found();
      return with_data(role_data(r->second));
    }
    if (path == "config") {
      if (!config_)
        return not_found();
      return with_data(*config_);
    }
    return other(path);
  }

  outcome<api_response> list(const std::string& path, auth_env&) override {
    if (!list_path(path, "role"))
      return other(path);
    std::vector<std::string> keys;
    for (const auto& r : roles_)
      keys.push_back(r.first);
    if (keys.empty())
      return not_found();
    return list_response(std::move(keys));
  }

  outcome<api_response> remove(const std::string& path, auth_env&) override {
    const auto p = split_path(path);
    if (p.size() == 2 && p[0] == "role" && generic_name(p[1])) {
      if (roles_.erase(lower(p[1])) > 0)
        event(auth_event::kind::config_written, path, "deleted");
      return no_content();
    }
    return other(path);
  }

protected:
  // Only userpass, ldap and approle are subject to user lockout.
  outcome<std::optional<std::string>> lookahead(const std::string& path,
                                                const field_map&) override {
    if (path != "login")
      return unsupported_path(true);
    return std::optional<std::string>{};
  }

  login_result do_login(const std::string&, const field_map& fields, auth_env& env) override {
    const auto role_name = get_or_empty(fields, "role");
    if (role_name.empty())
      return {bad(texts::k8s_missing("role"))};
    const auto jwt = get_or_empty(fields, "jwt");
    if (jwt.empty())
      return {bad(texts::k8s_missing("jwt"))};
    auto r = roles_.find(lower(role_name));
    if (r == roles_.end())
      return {bad(texts::k8s_invalid_role_name(role_name))};
    if (!config_)
      return {vault_error::internal(std::string{texts::k8s_no_config})};
    // The simulated service-account token: sa:<namespace>:<name>.
    std::string ns;
    std::string name;
    if (!parse_sa_token(jwt, ns, name))
      return {vault_error::denied(std::string{texts::permission_denied})};
    const auto& role = r->second;
    const auto allowed = [](const std::vector<std::string>& bound, const std::string& v) {
      if (bound.size() == 1 && bound[0] == "*")
        return true;
      return std::any_of(bound.begin(), bound.end(),
                         [&](const std::string& g) { return glob_match(g, v); });
    };
    if (!allowed(role.namespaces, ns))
      return {vault_error::denied(std::string{texts::k8s_namespace_not_authorized})};
    if (!allowed(role.names, name))
      return {vault_error::denied(std::string{texts::k8s_name_not_authorized})};
    auto& uid = uids_[ns + "/" + name];
    if (uid.empty())
      uid = env.uuid();
    login_auth auth;
    auth.alias_name = role.alias_name_source == "serviceaccount_name" ? ns + "/" + name : uid;
    auth.metadata = {{"role", role_name},
                     {"service_account_name", name},
                     {"service_account_namespace", ns},
                     {"service_account_secret_name", ""},
                     {"service_account_uid", uid}};
    auth.display_name = ns + "-" + name;
    populate_token_auth(role.token, auth);
    return {std::move(auth)};
  }

private:
  struct role_entry {
    token_params token;
    std::vector<std::string> names;
    std::vector<std::string> namespaces;
    std::string audience;
    std::string alias_name_source;
  };

  static bool parse_sa_token(const std::string& jwt, std::string& ns, std::string& name) {
    if (jwt.compare(0, 3, "sa:") != 0)
      return false;
    const auto rest = jwt.substr(3);
    const auto colon = rest.find(':');
    if (colon == std::string::npos)
      return false;
    ns = rest.substr(0, colon);
    name = rest.substr(colon + 1);
    return !ns.empty() && !name.empty() && name.find(':') == std::string::npos;
  }

  static const field_schema& role_schema() {
    static const field_schema schema = [] {
      field_schema s{{"name", field_kind::string},
                     {"bound_service_account_names", field_kind::comma_string_slice},
                     {"bound_service_account_namespaces", field_kind::comma_string_slice},
                     {"audience", field_kind::string},
                     {"alias_name_source", field_kind::string}};
      add_token_fields(s, kubernetes_aliases);
      return s;
    }();
    return schema;
  }

  static data_map role_data(const role_entry& r) {
    data_map d;
    d["bound_service_account_names"] = r.names;
    d["bound_service_account_namespaces"] = r.namespaces;
    if (!r.audience.empty())
      d["audience"] = r.audience;
    populate_token_data(r.token, d);
    if (!r.token.policies.empty())
      d["policies"] = r.token.token_policies;
    if (!r.token.bound_cidrs.empty())
      d["bound_cidrs"] = r.token.token_bound_cidrs;
    if (r.token.ttl > sim_duration::zero())
      d["ttl"] = seconds_of(r.token.ttl);
    if (r.token.max_ttl > sim_duration::zero())
      d["max_ttl"] = seconds_of(r.token.max_ttl);
    if (r.token.period > sim_duration::zero())
      d["period"] = seconds_of(r.token.period);
    if (r.token.num_uses > 0)
      d["num_uses"] = r.token.num_uses;
    d["alias_name_source"] = r.alias_name_source;
    return d;
  }

  outcome<api_response> write_role(const std::string& path, const std::string& name,
                                   const field_map& fields, auth_env& env) {
    if (auto e = validate_fields(fields, role_schema()))
      return bad(*e);
    const auto key = lower(name);
    auto existing = roles_.find(key);
    const bool create = existing == roles_.end();
    role_entry role = create ? role_entry{} : existing->second;
    if (auto e = parse_token_fields(role.token, fields))
      return bad(*e);
    if (auto e = upgrade_token_fields(role.token, fields, kubernetes_aliases))
      return bad(*e);
    if (above_max(role.token.token_period, env.view))
      return bad(texts::k8s_period_above_max(role.token.token_period, env.view.max_lease_ttl));
    if (role.token.token_max_ttl > sim_duration::zero() &&
        role.token.token_ttl > role.token.token_max_ttl)
      return bad(texts::k8s_ttl_above_max);
    std::vector<std::string> warnings;
    if (above_max(role.token.token_max_ttl, env.view))
      warnings.emplace_back(texts::k8s_max_ttl_above_mount);
    const auto bound = [&](const char* field,
                           std::vector<std::string>& out) -> std::optional<vault_error> {
      if (auto v = get(fields, field))
        out = parse_comma_slice(*v);
      else if (create)
        out.clear();
      if (out.empty())
        return bad(texts::k8s_cannot_be_empty(field));
      if (out.size() > 1 && std::find(out.begin(), out.end(), "*") != out.end())
        return bad(texts::k8s_cannot_mix_star);
      return std::nullopt;
    };
    if (auto e = bound("bound_service_account_names", role.names))
      return *e;
    if (auto e = bound("bound_service_account_namespaces", role.namespaces))
      return *e;
    if (auto v = get(fields, "audience"))
      role.audience = *v;
    if (auto v = get(fields, "alias_name_source"))
      role.alias_name_source =
        role.alias_name_source.empty() && v->empty() ? "serviceaccount_uid" : *v;
    else if (role.alias_name_source.empty())
      role.alias_name_source = "serviceaccount_uid";
    if (role.alias_name_source != "serviceaccount_uid" &&
        role.alias_name_source != "serviceaccount_name")
      return bad(texts::k8s_invalid_alias_name_source);
    roles_[key] = std::move(role);
    event(auth_event::kind::config_written, path);
    return write_response(std::move(warnings), fields, role_schema());
  }

  outcome<api_response> write_config(const std::string& path, const field_map& fields) {
    static const field_schema schema{{"kubernetes_host", field_kind::string},
                                     {"kubernetes_ca_cert", field_kind::string},
                                     {"token_reviewer_jwt", field_kind::string},
                                     {"pem_keys", field_kind::comma_string_slice},
                                     {"issuer", field_kind::string},
                                     {"disable_iss_validation", field_kind::boolean},
                                     {"disable_local_ca_jwt", field_kind::boolean}};
    if (auto e = validate_fields(fields, schema))
      return bad(texts::field_validation_failed(*e));
    const auto host = get_or_empty(fields, "kubernetes_host");
    if (host.empty())
      return bad(texts::k8s_no_host);
    const auto ca = get_or_empty(fields, "kubernetes_ca_cert");
    const auto iss = get(fields, "disable_iss_validation");
    const bool disable_local = as_bool(get_or_empty(fields, "disable_local_ca_jwt"));
    if (disable_local && ca.empty())
      return bad(texts::k8s_ca_cert_required);
    // Each write replaces the whole configuration (data.Get with the schema's defaults).
    config_ = data_map{{"kubernetes_host", host},
                       {"kubernetes_ca_cert", ca},
                       {"pem_keys", parse_comma_slice(get_or_empty(fields, "pem_keys"))},
                       {"issuer", get_or_empty(fields, "issuer")},
                       {"disable_iss_validation", iss ? as_bool(*iss) : true},
                       {"disable_local_ca_jwt", disable_local}};
    event(auth_event::kind::config_written, path);
    return no_content();
  }

  outcome<api_response> other(const std::string& path) const {
    const auto p = split_path(path);
    const bool login_path = path == "login";
    const bool known = login_path || path == "config" || list_path(path, "role") ||
                       (p.size() == 2 && p[0] == "role" && generic_name(p[1]));
    return known ? unsupported_operation(login_path) : unsupported_path(login_path);
  }

  std::map<std::string, role_entry> roles_; ///< by lower-cased name
  std::optional<data_map> config_;
  std::map<std::string, std::string> uids_; ///< "<namespace>/<name>" -> UID
};

} // namespace

bool is_auth_login_path(std::string_view type, std::string_view path) {
  if (type == "userpass")
    return path.substr(0, 6) == "login/";
  return (type == "approle" || type == "kubernetes") && path == "login";
}

bool is_modelled_auth_type(std::string_view type) {
  return type == "userpass" || type == "approle" || type == "kubernetes";
}

std::unique_ptr<auth_backend> make_auth_backend(std::string_view type) {
  if (type == "userpass")
    return std::make_unique<userpass_backend>();
  if (type == "approle")
    return std::make_unique<approle_backend>();
  if (type == "kubernetes")
    return std::make_unique<kubernetes_backend>();
  return nullptr;
}

} // namespace tokenlab
