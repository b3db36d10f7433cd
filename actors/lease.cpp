#include "actors/lease.hpp"

#include "actors/keys.hpp"
#include "actors/messages.hpp"

namespace tokenlab {

namespace {

using self_ptr = caf::stateful_actor<lease_state>*;

void finish(self_ptr self, trace_cause cause) {
  auto& st = self->state;
  const auto& e = st.entry;
  storage_delete(self, st.ctx, keys::token_lease_index(st.ctx, e.owner, e.id));
  storage_delete(self, st.ctx, keys::lease(e.id));
  trace_event ev;
  ev.kind = trace_kind::lease_revoked;
  ev.cause = cause;
  ev.subject = e.id;
  ev.related = e.owner;
  emit(self, st.ctx, std::move(ev));
  tombstone t;
  t.state = cause == trace_cause::ttl_expired ? life_state::expired : life_state::revoked;
  t.owner = e.owner;
  self->send(st.core, gone_atom::value, e.id, t);
  for (auto& rp : st.waiters)
    rp.deliver(true);
  st.waiters.clear();
  self->quit();
}

// Vault revokes through the backend first, then deletes the lease's index and entry.
void start_revocation(self_ptr self, trace_cause cause) {
  auto& st = self->state;
  if (st.revoking)
    return;
  st.revoking = true;
  ++st.timer;
  self->request(st.engine, caf::infinite, unsecret_atom::value, st.entry.handle)
    .then([=](bool) { finish(self, cause); }, [=](caf::error&) { finish(self, cause); });
}

} // namespace

caf::behavior lease_actor(caf::stateful_actor<lease_state>* self, lease_entry entry,
                          sim_context ctx, caf::actor engine, caf::actor core) {
  auto& st = self->state;
  st.entry = std::move(entry);
  st.ctx = std::move(ctx);
  st.engine = std::move(engine);
  st.core = std::move(core);
  ++st.timer;
  auto delay = st.entry.expire_time - sim_now(self, st.ctx);
  self->delayed_send(self, std::max(delay, sim_duration::zero()), expire_atom::value, st.timer);
  return {
    [=](revoke_atom, trace_cause cause) {
      auto rp = self->make_response_promise();
      self->state.waiters.push_back(rp);
      start_revocation(self, cause);
      return rp;
    },
    [=](expire_atom, std::uint64_t timer) {
      auto& s = self->state;
      if (timer != s.timer || s.revoking)
        return;
      trace_event fired;
      fired.kind = trace_kind::timer_fired;
      fired.subject = s.entry.id;
      emit(self, s.ctx, std::move(fired));
      trace_event ev;
      ev.kind = trace_kind::lease_expired;
      ev.cause = trace_cause::ttl_expired;
      ev.subject = s.entry.id;
      ev.related = s.entry.owner;
      emit(self, s.ctx, std::move(ev));
      start_revocation(self, trace_cause::ttl_expired);
    },
  };
}

} // namespace tokenlab
