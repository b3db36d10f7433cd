#include "model/policy.hpp"

#include "model/go_text.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

// ASCII only, on purpose: std::tolower depends on the global locale, and Vault's
// strings.ToLower on non-ASCII names is out of the lab's scope.
std::string lower_trimmed(const std::string& in) {
  std::string out = go_trim_space(in);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A name sanitizing leaves as it is: not empty, no upper case, no space to trim (checked
// conservatively: a name with an end that is not printable ASCII takes the long way).
bool clean_name(const std::string& p) {
  const auto plain = [](char c) { return c > ' ' && c < 0x7F; };
  if (p.empty() || !plain(p.front()) || !plain(p.back()))
    return false;
  return std::none_of(p.begin(), p.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

} // namespace

bool policies_sanitized(const std::vector<std::string>& in) {
  for (std::size_t i = 0; i < in.size(); ++i)
    if (!clean_name(in[i]) || in[i] == "root" || (i > 0 && !(in[i - 1] < in[i])))
      return false;
  return true;
}

std::vector<std::string> sanitize_policies(const std::vector<std::string>& in, bool add_default) {
  // Token responses sanitize their token's policies, which are, on every request.
  if (!add_default && policies_sanitized(in))
    return in;
  std::vector<std::string> out;
  for (const auto& p : in) {
    std::string name = lower_trimmed(p);
    if (name.empty())
      continue;
    // Root overrides everything else, including "default".
    if (name == "root")
      return {"root"};
    out.push_back(std::move(name));
  }
  if (add_default)
    out.emplace_back("default");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool is_root_policy_set(const std::vector<std::string>& policies) {
  return policies.size() == 1 && policies.front() == "root";
}

bool policy_subset(const std::vector<std::string>& super, const std::vector<std::string>& sub) {
  for (const auto& p : sub)
    if (std::find(super.begin(), super.end(), p) == super.end())
      return false;
  return true;
}

} // namespace tokenlab
