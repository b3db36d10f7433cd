#pragma once
// Actor handles by ID in the order they were added, with constant-time removal: a token's
// children and leases. Revocation walks them in creation order; each one that ends removes
// itself, and a parent of 100,000 children must not scan a list for each of them. Most
// tokens hold one lease and no child, so a short list has no index: it is searched.

#include <caf/actor.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tokenlab {

class ordered_refs {
public:
  ordered_refs() = default;
  ordered_refs(ordered_refs&&) noexcept = default;
  ordered_refs& operator=(ordered_refs&&) noexcept = default;

  void add(std::string id, caf::actor a) {
    if (index_)
      (*index_)[id] = slots_.size();
    slots_.emplace_back(std::move(id), std::move(a));
    ++size_;
    if (!index_ && slots_.size() > short_list)
      reindex();
  }

  void remove(const std::string& id) {
    auto slot = find(id);
    if (slot == npos)
      return;
    slots_[slot] = {};
    if (index_)
      index_->erase(id);
    --size_;
    if (size_ * 2 < slots_.size())
      compact();
  }

  std::size_t size() const { return size_; }

  /// Calls f(id, actor) for each entry, oldest first.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [id, a] : slots_)
      if (a)
        f(id, a);
  }

  /// The entries as they are now, oldest first, shared by a revocation's steps (which go on
  /// while the list changes).
  using entries = std::shared_ptr<std::vector<std::pair<std::string, caf::actor>>>;
  entries snapshot() const {
    auto out = std::make_shared<std::vector<std::pair<std::string, caf::actor>>>();
    out->reserve(size_);
    for_each([&](const std::string& id, const caf::actor& a) { out->emplace_back(id, a); });
    return out;
  }

  /// The same, taken out: the list is empty after (a revocation that walks them all, which
  /// nothing else reads while it goes on; a removal that comes meanwhile finds nothing).
  entries take() {
    auto out = std::make_shared<std::vector<std::pair<std::string, caf::actor>>>();
    out->reserve(size_);
    for (auto& slot : slots_)
      if (slot.second)
        out->push_back(std::move(slot));
    slots_.clear();
    index_.reset();
    size_ = 0;
    return out;
  }

private:
  static constexpr std::size_t short_list = 8; ///< longer lists are indexed
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::size_t find(const std::string& id) const {
    if (index_) {
      auto it = index_->find(id);
      return it == index_->end() ? npos : it->second;
    }
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].second && slots_[i].first == id)
        return i;
    return npos;
  }

  void compact() {
    std::vector<std::pair<std::string, caf::actor>> kept;
    kept.reserve(size_);
    for (auto& slot : slots_)
      if (slot.second)
        kept.push_back(std::move(slot));
    slots_ = std::move(kept);
    if (slots_.size() > short_list)
      reindex();
    else
      index_.reset();
  }

  void reindex() {
    index_ = std::make_unique<std::unordered_map<std::string, std::size_t>>();
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].second)
        (*index_)[slots_[i].first] = i;
  }

  std::vector<std::pair<std::string, caf::actor>> slots_; ///< removed ones are empty
  std::unique_ptr<std::unordered_map<std::string, std::size_t>> index_; ///< long lists only
  std::size_t size_ = 0;
};

} // namespace tokenlab
