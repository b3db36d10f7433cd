#pragma once
// Actor handles by ID in the order they were added, with constant-time removal: a token's
// children and leases. Revocation walks them in creation order; each one that ends removes
// itself, and a parent of 100,000 children must not scan a list for each of them.

#include <caf/actor.hpp>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tokenlab {

class ordered_refs {
public:
  void add(std::string id, caf::actor a) {
    index_[id] = slots_.size();
    slots_.emplace_back(std::move(id), std::move(a));
  }

  void remove(const std::string& id) {
    auto it = index_.find(id);
    if (it == index_.end())
      return;
    slots_[it->second] = {};
    index_.erase(it);
    if (index_.size() * 2 < slots_.size())
      compact();
  }

  std::size_t size() const { return index_.size(); }

  /// Calls f(id, actor) for each entry, oldest first.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [id, a] : slots_)
      if (a)
        f(id, a);
  }

private:
  void compact() {
    std::vector<std::pair<std::string, caf::actor>> kept;
    kept.reserve(index_.size());
    for (auto& slot : slots_)
      if (slot.second) {
        index_[slot.first] = kept.size();
        kept.push_back(std::move(slot));
      }
    slots_ = std::move(kept);
  }

  std::vector<std::pair<std::string, caf::actor>> slots_; ///< removed ones are empty
  std::unordered_map<std::string, std::size_t> index_;
};

} // namespace tokenlab
