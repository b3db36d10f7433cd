#include "actors/token.hpp"

#include "actors/keys.hpp"
#include "actors/messages.hpp"
#include "model/api.hpp"
#include "model/paths.hpp"
#include "model/texts.hpp"
#include "model/token_rules.hpp"

#include <algorithm>
#include <functional>
#include <memory>

namespace tokenlab {

namespace {

using self_ptr = caf::stateful_actor<token_state>*;

void arm_timer(self_ptr self) {
  auto& st = self->state;
  ++st.timer;
  if (!st.entry->expire_time)
    return st.expiry.cancel();
  auto delay = *st.entry->expire_time - sim_now(self, st.ctx());
  st.expiry.arm(self, st.ctx(), delay, st.timer);
}

// Changes the token's entry: `edit` works on a copy, which becomes the entry, a new shared
// value (the old one may still be held by the token store or a message in flight). Unless
// the change travels in a reply to the store (a renewal), it is sent to the token store
// here, at the change and before anything else this handler sends: whatever a later
// request reaches the store through, it arrives after this, so the store's snapshot, from
// which it authenticates, is never older than a change the request could follow.
template <class Edit>
const token_entry& change_entry(self_ptr self, Edit edit, bool tell_store = true) {
  auto& st = self->state;
  auto next = std::make_shared<token_entry>(*st.entry);
  edit(*next);
  st.entry = std::move(next);
  if (tell_store)
    self->send(st.store, entry_atom::value, st.entry);
  return *st.entry;
}

// Sends `ask(target)` to each target in turn, waiting for each reply (or its death) before
// the next: Vault revokes one subtree after the other, and so do we.
template <class Target, class Ask>
void one_after_another(self_ptr self, std::shared_ptr<std::vector<Target>> targets, size_t i,
                       Ask ask, std::function<void()> done) {
  if (i == targets->size()) {
    done();
    return;
  }
  auto next = [=] { one_after_another(self, targets, i + 1, ask, done); };
  ask((*targets)[i]).then([=](bool) { next(); }, [=](caf::error&) { next(); });
}

std::shared_ptr<std::vector<caf::actor>> handles(const ordered_refs& xs) {
  auto out = std::make_shared<std::vector<caf::actor>>();
  out->reserve(xs.size());
  xs.for_each([&](const std::string&, const caf::actor& a) { out->push_back(a); });
  return out;
}

// Steps 3-7 of revokeInternal, after the children and leases are gone.
void finish_revocation(self_ptr self, bool orphan_children) {
  auto& st = self->state;
  const auto& e = *st.entry;
  const auto& ctx = st.ctx();
  if (e.has_lease)
    storage_delete(self, ctx, keys::lease(keys::token_lease_id(ctx, e)));
  if (!e.parent.empty())
    storage_delete(self, ctx, keys::parent(ctx, e.parent, e.id));
  storage_delete(self, ctx, keys::accessor(ctx, e.accessor));
  if (orphan_children) {
    st.children.for_each([&](const std::string& child_id, const caf::actor& child) {
      self->send(child, orphan_atom::value);
      storage_delete(self, ctx, keys::parent(ctx, e.id, child_id));
    });
  }
  storage_delete(self, ctx, keys::token(ctx, e.id));
  trace_event ev;
  ev.kind = trace_kind::token_revoked;
  ev.cause = st.cause;
  ev.subject = e.id;
  ev.related = e.parent;
  emit(self, ctx, std::move(ev));
  tombstone t;
  t.state = st.cause == trace_cause::ttl_expired ? life_state::expired : life_state::revoked;
  t.owner = e.parent;
  t.counted = ctx.counted;
  self->send(st.store, gone_atom::value, e.id, t);
  for (auto& rp : st.waiters)
    rp.deliver(true);
  st.waiters.clear();
  self->quit();
}

void start_revocation(self_ptr self, trace_cause cause, bool orphan_children) {
  auto& st = self->state;
  if (st.revoking)
    return;
  st.revoking = true;
  st.cause = cause;
  ++st.timer; // disarm
  // 1. Mark the entry as pending revocation and persist it.
  const auto& e = change_entry(self, [](token_entry& x) { x.num_uses = -1; });
  storage_put(self, st.ctx(), keys::token(st.ctx(), e.id));
  // 2. Destroy the cubbyhole, before anything else goes.
  if (!st.cubbyhole.empty()) {
    for (const auto& [path, fields] : st.cubbyhole)
      storage_delete(self, st.ctx(), keys::cubbyhole(e.cubbyhole_id, path));
    st.cubbyhole.clear();
    trace_event ev;
    ev.kind = trace_kind::cubbyhole_destroyed;
    ev.subject = e.id;
    emit(self, st.ctx(), std::move(ev));
  }
  auto children =
    orphan_children ? std::make_shared<std::vector<caf::actor>>() : handles(st.children);
  auto leases = std::make_shared<std::vector<std::pair<std::string, caf::actor>>>();
  st.leases.for_each([&](const std::string& id, const caf::actor& registry) {
    leases->emplace_back(id, registry);
  });
  auto revoke_leases = [=] {
    // 3. The token's leases, each through its registry (the core's).
    one_after_another(
      self, leases, 0,
      [=](const std::pair<std::string, caf::actor>& lease) {
        return self->request(lease.second, caf::infinite, revoke_atom::value, lease.first,
                             trace_cause::owner_revoked);
      },
      [=] { finish_revocation(self, orphan_children); });
  };
  // Children first, each with its whole subtree.
  one_after_another(
    self, children, 0,
    [=](const caf::actor& child) {
      return self->request(child, caf::infinite, revoke_atom::value, trace_cause::parent_revoked,
                           false);
    },
    revoke_leases);
}

// The cubbyhole backend (vault/logical_cubbyhole.go) for this token's own namespace.
api_outcome cubbyhole_op(self_ptr self, cubby_op op, const std::string& path,
                         const std::map<std::string, std::string>& fields) {
  auto& st = self->state;
  auto& box = st.cubbyhole;
  api_response done;
  done.status = 204;
  switch (op) {
    case cubby_op::write:
      if (fields.empty())
        return vault_error::invalid(std::string{texts::missing_data_fields});
      box[path] = fields;
      storage_put(self, st.ctx(), keys::cubbyhole(st.entry->cubbyhole_id, path));
      return done;
    case cubby_op::del:
      if (box.erase(path) > 0)
        storage_delete(self, st.ctx(), keys::cubbyhole(st.entry->cubbyhole_id, path));
      return done;
    case cubby_op::read: {
      auto it = box.find(path);
      if (it == box.end())
        return vault_error{404, {}};
      api_response r;
      data_map d;
      for (const auto& [k, v] : it->second)
        d[k] = v;
      r.data = std::move(d);
      return r;
    }
    case cubby_op::list: {
      auto prefix = path.empty() || path.back() == '/' ? path : path + "/";
      auto keys = next_segments(box, prefix);
      if (keys.empty())
        return vault_error{404, {}};
      api_response r;
      r.data = data_map{{"keys", keys}};
      return r;
    }
  }
  return vault_error::internal("unknown cubbyhole operation");
}

} // namespace

caf::behavior token_actor(caf::stateful_actor<token_state>* self, shared_entry entry,
                          std::shared_ptr<const sim_context> ctx, caf::actor store) {
  self->state.entry = std::move(entry);
  self->state.context = std::move(ctx);
  self->state.store = std::move(store);
  arm_timer(self);
  return {
    [=](entry_atom) { return *self->state.entry; },
    [=](child_atom, const std::string& id, const caf::actor& child) {
      self->state.children.add(id, child);
    },
    [=](unchild_atom, const std::string& id) { self->state.children.remove(id); },
    [=](lease_atom, const std::string& id, const caf::actor& lease) {
      self->state.leases.add(id, lease);
    },
    [=](unlease_atom, const std::string& id) { self->state.leases.remove(id); },
    [=](renew_atom, const system_view& view, sim_duration increment,
        const std::optional<token_role>& role) -> outcome<renewal> {
      auto& st = self->state;
      // The store checked its snapshot; the use count is the actor's, so checked again here
      // (a last use or a revocation may have come between).
      if (st.entry->num_uses < 0)
        return vault_error{400, {std::string{texts::token_not_found}}};
      auto now = sim_now(self, st.ctx());
      auto d = plan_token_renew(*st.entry, increment, view, now, role ? &*role : nullptr);
      if (!d)
        return d.error();
      // The reply takes the renewed entry to the store, which asked for the renewal.
      const auto& e =
        change_entry(self, [&](token_entry& x) { apply_renewal(x, *d, now); }, false);
      storage_put(self, st.ctx(), keys::lease(keys::token_lease_id(st.ctx(), e)));
      arm_timer(self);
      trace_event ev;
      ev.kind = trace_kind::token_renewed;
      ev.subject = e.id;
      ev.ttl = *d;
      ev.expires = e.expire_time;
      emit(self, st.ctx(), std::move(ev));
      return renewal{std::move(*d), st.entry};
    },
    [=](revoke_atom, trace_cause cause, bool orphan_children) {
      auto rp = self->make_response_promise();
      self->state.waiters.push_back(rp);
      start_revocation(self, cause, orphan_children);
      return rp;
    },
    [=](use_atom) {
      auto& st = self->state;
      if (st.entry->num_uses > 0 && !st.revoking) {
        // The last use leaves -1 (pending revocation) until the request completes.
        const auto& e = change_entry(
          self, [](token_entry& x) { x.num_uses = x.num_uses == 1 ? -1 : x.num_uses - 1; });
        storage_put(self, st.ctx(), keys::token(st.ctx(), e.id));
        trace_event ev;
        ev.kind = trace_kind::token_used;
        ev.subject = e.id;
        ev.detail = e.num_uses < 0    ? "its last use"
                    : e.num_uses == 1 ? "1 use left"
                                      : std::to_string(e.num_uses) + " uses left";
        emit(self, st.ctx(), std::move(ev));
      }
      return st.entry;
    },
    [=](cubby_atom, cubby_op op, const std::string& path,
        const std::map<std::string, std::string>& fields) -> api_outcome {
      return cubbyhole_op(self, op, path, fields);
    },
    [=](orphan_atom) {
      auto& st = self->state;
      auto former = st.entry->parent;
      const auto& e = change_entry(self, [](token_entry& x) { x.parent.clear(); });
      storage_put(self, st.ctx(), keys::token(st.ctx(), e.id));
      trace_event ev;
      ev.kind = trace_kind::token_orphaned;
      ev.subject = e.id;
      ev.related = former;
      emit(self, st.ctx(), std::move(ev));
    },
    [=](expire_atom, std::uint64_t timer) {
      auto& st = self->state;
      if (timer != st.timer || st.revoking)
        return;
      trace_event fired;
      fired.kind = trace_kind::timer_fired;
      fired.subject = st.entry->id;
      emit(self, st.ctx(), std::move(fired));
      trace_event ev;
      ev.kind = trace_kind::token_expired;
      ev.cause = trace_cause::ttl_expired;
      ev.subject = st.entry->id;
      emit(self, st.ctx(), std::move(ev));
      start_revocation(self, trace_cause::ttl_expired, false);
    },
  };
}

} // namespace tokenlab
