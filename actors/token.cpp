#include "actors/token.hpp"

#include "actors/keys.hpp"
#include "actors/messages.hpp"

#include <functional>
#include <memory>
#include <utility>

namespace tokenlab {

namespace {

using self_ptr = token_revoker::stateful_pointer<token_state>;

using targets = ordered_refs::entries;

// Sends `ask(target)` to each target in turn, waiting for each reply (or its failure) before
// the next: Vault revokes one subtree after the other, and so do we.
template <class Ask>
void one_after_another(self_ptr self, targets xs, size_t i, Ask ask, std::function<void()> done) {
  if (i == xs->size()) {
    done();
    return;
  }
  auto next = [=] { one_after_another(self, xs, i + 1, ask, done); };
  ask((*xs)[i]).then([=](bool) { next(); }, [=](caf::error&) { next(); });
}

// Step 7 of revokeInternal (spec §5.2): the primary entry goes, and the token with it.
void delete_entry(self_ptr self) {
  auto& st = self->state;
  const auto& e = *st.entry;
  const auto& ctx = st.ctx();
  storage_delete(self, ctx, keys::token(ctx, e.id));
  auto t = emit_revoked(self, ctx, trace_kind::token_revoked, st.cause, e.id, e.parent);
  self->send(st.store, gone_atom::value, e.id.str(), t);
  for (auto& rp : st.waiters)
    rp.deliver(true);
  st.waiters.clear();
  self->quit();
}

// Step 6 (orphan mode): each child, one after the other, has its parent cleared (by the
// token store, which holds it) and then its parent index entry deleted.
void orphan_next(self_ptr self, targets children, size_t i) {
  if (i == children->size())
    return delete_entry(self);
  const auto& [child_id, holder] = (*children)[i];
  auto index = keys::parent(self->state.ctx(), self->state.entry->id, child_id);
  auto next = [=] {
    storage_delete(self, self->state.ctx(), index);
    orphan_next(self, children, i + 1);
  };
  self->request(holder, caf::infinite, orphan_atom::value, child_id)
    .then([=](bool) { next(); }, [=](caf::error&) { next(); });
}

// Steps 3 (its own lease entry), 4 and 5 of revokeInternal, after its children's trees
// (tree mode) and its leases are gone; then steps 6 and 7.
void finish_revocation(self_ptr self, bool orphan_children) {
  auto& st = self->state;
  delete_token_indexes(self, st.ctx(), *st.entry);
  if (orphan_children)
    return orphan_next(self, st.ties.children.snapshot(), 0);
  delete_entry(self);
}

void start_revocation(self_ptr self, trace_cause cause, bool orphan_children) {
  auto& st = self->state;
  if (st.revoking)
    return;
  st.revoking = true;
  st.cause = cause;
  const auto& ctx = st.ctx();
  // 1. Persist the entry as the store marked it when it made this actor: pending revocation.
  const auto& e = *st.entry;
  storage_put(self, ctx, keys::token(ctx, e.id));
  // 2. Destroy the cubbyhole, before anything else goes.
  destroy_cubbyhole(self, ctx, e, st.ties);
  // A token with neither children to revoke nor leases goes on at once (most of a tree).
  if ((orphan_children || st.ties.children.size() == 0) && st.ties.leases.size() == 0 &&
      !st.ties.held_by)
    return finish_revocation(self, orphan_children);
  auto children = orphan_children ? ordered_refs{}.snapshot() : st.ties.children.snapshot();
  auto leases = st.ties.leases.snapshot();
  auto revoke_leases = [=] {
    // 3. The token's leases, each through its registry; then those a registry holds by the
    // token (a counted token's counted leases), in one request.
    auto finish = [=] { finish_revocation(self, orphan_children); };
    auto held = [=] {
      auto& ties = self->state.ties;
      if (!ties.held_by)
        return finish();
      self
        ->request(ties.held_by, caf::infinite, revoke_atom::value, held_atom::value,
                  self->state.entry->id.str(), trace_cause::owner_revoked)
        .then([=](bool) { finish(); }, [=](caf::error&) { finish(); });
    };
    one_after_another(
      self, leases, 0,
      [=](const std::pair<std::string, caf::actor>& lease) {
        return self->request(lease.second, caf::infinite, revoke_atom::value, lease.first,
                             trace_cause::owner_revoked);
      },
      held);
  };
  // Children first, each with its whole subtree, each through the token store.
  one_after_another(
    self, children, 0,
    [=](const std::pair<std::string, caf::actor>& child) {
      return self->request(child.second, caf::infinite, revoke_atom::value, child.first,
                           trace_cause::parent_revoked, false);
    },
    revoke_leases);
}

} // namespace

token_revoker::behavior_type token_actor(token_revoker::stateful_pointer<token_state> self,
                                         shared_entry entry, std::shared_ptr<const sim_context> ctx,
                                         record_keeper store, token_ties ties) {
  auto& st = self->state;
  st.entry = std::move(entry);
  st.context = std::move(ctx);
  st.store = std::move(store);
  st.ties = std::move(ties);
  return {
    [=](revoke_atom, trace_cause cause, bool orphan_children) {
      auto rp = self->make_response_promise<bool>();
      self->state.waiters.push_back(rp);
      start_revocation(self, cause, orphan_children);
      return rp;
    },
    [=](expire_atom) { start_revocation(self, trace_cause::ttl_expired, false); },
  };
}

} // namespace tokenlab
