#include "actors/token_store_mounts.hpp"

#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

namespace tokenlab::store_detail {

namespace {

using self_ptr = token_authority::stateful_pointer<token_store_state>;

struct sweep {
  std::vector<std::pair<sim_time, std::string>> matching; ///< under the mount: created, ID
  caf::typed_response_promise<bool> rp;
};

// A token already gone with an earlier one's tree is skipped.
void revoke_next(self_ptr self, std::shared_ptr<sweep> s, std::size_t i) {
  if (i == s->matching.size()) {
    s->rp.deliver(true);
    return;
  }
  auto& tokens = self->state.tokens;
  auto t = tokens.find(s->matching[i].second);
  if (t == tokens.end())
    return revoke_next(self, s, i + 1);
  // One the store revokes already: this sweep waits for its end (a new one here goes to its
  // actor, whose answer comes as a message: no recursion over a mount's many tokens).
  if (t->second.revoking.active())
    return revoke_here(self, *t, trace_cause::request, [=] { revoke_next(self, s, i + 1); });
  self
    ->request(revoking_token(self, *t), caf::infinite, revoke_atom::value, trace_cause::request,
              false)
    .then([=](bool) { revoke_next(self, s, i + 1); },
          [=](caf::error&) { revoke_next(self, s, i + 1); });
}

} // namespace

void revoke_mount(self_ptr self, const std::string& mount, caf::typed_response_promise<bool> rp) {
  auto& st = self->state;
  st.auth_tunes.erase(mount);
  auto s = std::make_shared<sweep>();
  s->rp = std::move(rp);
  for (const auto& [id, token] : st.tokens)
    if (token.entry->origin->path.view().compare(0, mount.size(), mount) == 0)
      s->matching.emplace_back(token.entry->creation_time, id);
  // In creation order (ties by ID): the store's own map has no order to follow.
  std::sort(s->matching.begin(), s->matching.end());
  revoke_next(self, s, 0);
}

} // namespace tokenlab::store_detail
