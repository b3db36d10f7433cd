// The metadata of an AppRole secret ID (builtin/credential/approle pathRoleSecretIDUpdate):
// strutil.ParseArbitraryKeyValues, which takes base64-encoded or plain JSON of a flat string
// object, or else comma-separated key=value pairs, with Vault's error texts.

#include "model/auth_internal.hpp"
#include "model/texts.hpp"

#include <set>

namespace tokenlab::auth_detail {

namespace {

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

} // namespace

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

} // namespace tokenlab::auth_detail
