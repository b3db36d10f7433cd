#include "actors/token_store_mounts.hpp"

#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

namespace tokenlab::store_detail {

namespace {

using self_ptr = caf::stateful_actor<token_store_state>*;

struct sweep {
  std::string mount;
  std::vector<caf::actor> live;                          ///< every live token, asked in turn
  std::vector<std::tuple<sim_time, std::string, caf::actor>> matching; ///< under the mount
  caf::response_promise rp;
};

void revoke_next(self_ptr self, std::shared_ptr<sweep> s, std::size_t i) {
  if (i == s->matching.size()) {
    s->rp.deliver(true);
    return;
  }
  // A token already gone with an earlier one's tree answers with an error: go on.
  self->request(std::get<2>(s->matching[i]), caf::infinite, revoke_atom::value, trace_cause::request,
                false)
    .then([=](bool) { revoke_next(self, s, i + 1); },
          [=](caf::error&) { revoke_next(self, s, i + 1); });
}

void ask_next(self_ptr self, std::shared_ptr<sweep> s, std::size_t i) {
  if (i == s->live.size()) {
    // In creation order (ties by ID): the store's own map has no order to follow.
    std::sort(s->matching.begin(), s->matching.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    return revoke_next(self, s, 0);
  }
  auto token = s->live[i];
  self->request(token, caf::infinite, entry_atom::value)
    .then(
      [=](token_entry& e) {
        if (e.path.compare(0, s->mount.size(), s->mount) == 0)
          s->matching.emplace_back(e.creation_time, e.id, token);
        ask_next(self, s, i + 1);
      },
      [=](caf::error&) { ask_next(self, s, i + 1); });
}

} // namespace

void revoke_mount(self_ptr self, const std::string& mount,
                  caf::response_promise rp) {
  auto& st = self->state;
  st.auth_tunes.erase(mount);
  auto s = std::make_shared<sweep>();
  s->mount = mount;
  s->rp = std::move(rp);
  for (const auto& [id, token] : st.tokens)
    s->live.push_back(token.actor);
  ask_next(self, s, 0);
}

} // namespace tokenlab::store_detail
