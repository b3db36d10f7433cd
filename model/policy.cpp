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

} // namespace

std::vector<std::string> sanitize_policies(const std::vector<std::string>& in, bool add_default) {
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
