#pragma once
// What Vault's LIST answers for a set of keys under a prefix (logical.ListResponse over a
// storage view): the next path segment of every key, a folder with its trailing '/'.

#include <string>
#include <vector>

namespace tokenlab {

/// The distinct next segments of the keys of `sorted` (a map ordered by key) that lie under
/// `prefix`, in order; empty when none does.
template <class SortedMap>
std::vector<std::string> next_segments(const SortedMap& sorted, const std::string& prefix) {
  std::vector<std::string> keys;
  for (const auto& entry : sorted) {
    const std::string& k = entry.first;
    if (k.size() <= prefix.size() || k.compare(0, prefix.size(), prefix) != 0)
      continue;
    auto rest = k.substr(prefix.size());
    auto slash = rest.find('/');
    auto key = slash == std::string::npos ? rest : rest.substr(0, slash + 1);
    if (keys.empty() || keys.back() != key)
      keys.push_back(key);
  }
  return keys;
}

} // namespace tokenlab
