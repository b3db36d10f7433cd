#include "actors/lease.hpp"

#include "actors/keys.hpp"
#include "actors/messages.hpp"
#include "model/lease_rules.hpp"
#include "model/texts.hpp"

namespace tokenlab {

namespace {

using self_ptr = caf::stateful_actor<lease_state>*;

void finish(self_ptr self, trace_cause cause) {
  auto& st = self->state;
  const auto& e = st.entry;
  if (!e.owner.empty()) // an orphan batch token's lease has no token index
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
  t.counted = st.ctx.counted;
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

// The lease's TTL ran out: it expires, and Vault revokes it with the backend.
void expire_now(self_ptr self) {
  auto& s = self->state;
  trace_event ev;
  ev.kind = trace_kind::lease_expired;
  ev.cause = trace_cause::ttl_expired;
  ev.subject = s.entry.id;
  ev.related = s.entry.owner;
  emit(self, s.ctx, std::move(ev));
  start_revocation(self, trace_cause::ttl_expired);
}

void arm(self_ptr self) {
  auto& st = self->state;
  ++st.timer;
  auto delay = st.entry.expire_time - sim_now(self, st.ctx);
  st.expiry.arm(self, st.ctx, delay, st.timer);
}

// sys/leases/lookup (vault/logical_system.go handleLeaseLookup).
data_map lookup_data(self_ptr self) {
  auto& st = self->state;
  return lease_lookup_data(st.entry.id, secret_lease_times(st.entry), sim_now(self, st.ctx),
                           st.ctx.epoch_unix);
}

// ExpirationManager.Renew (model/lease_rules.hpp renew_secret_lease).
api_outcome renew(self_ptr self, const system_view& view, sim_duration increment) {
  auto& st = self->state;
  auto& e = st.entry;
  auto d = renew_secret_lease(e, view, increment, sim_now(self, st.ctx));
  if (!d)
    return d.error();
  storage_put(self, st.ctx, keys::lease(e.id));
  arm(self);
  trace_event ev;
  ev.kind = trace_kind::lease_renewed;
  ev.subject = e.id;
  ev.related = e.owner;
  ev.ttl = *d;
  ev.expires = e.expire_time;
  emit(self, st.ctx, std::move(ev));
  api_response r;
  r.lease_id = e.id;
  r.renewable = e.renewable;
  r.lease_duration = whole_seconds(e.ttl);
  r.warnings = d->warnings;
  return r;
}

} // namespace

caf::behavior lease_actor(caf::stateful_actor<lease_state>* self, lease_entry entry,
                          sim_context ctx, secrets_engine engine, caf::actor core) {
  auto& st = self->state;
  st.entry = std::move(entry);
  st.ctx = std::move(ctx);
  st.engine = std::move(engine);
  st.core = std::move(core);
  arm(self);
  return {
    [=](revoke_atom, trace_cause cause) {
      auto rp = self->make_response_promise();
      auto& s = self->state;
      s.waiters.push_back(rp);
      // A revocation that reaches a lease at its expiry instant finds it expired: the
      // lease's own timer, due at the same instant, would have ended it (docs/decisions.md).
      if (!s.revoking && cause != trace_cause::ttl_expired &&
          s.entry.expire_time <= sim_now(self, s.ctx)) {
        expire_now(self);
        return rp;
      }
      start_revocation(self, cause);
      return rp;
    },
    [=](lookup_atom) { return lookup_data(self); },
    [=](renew_atom, const system_view& view, sim_duration increment) -> api_outcome {
      return renew(self, view, increment);
    },
    [=](expire_atom, std::uint64_t timer) {
      auto& s = self->state;
      if (timer != s.timer || s.revoking)
        return;
      trace_event fired;
      fired.kind = trace_kind::timer_fired;
      fired.subject = s.entry.id;
      emit(self, s.ctx, std::move(fired));
      expire_now(self);
    },
  };
}

} // namespace tokenlab
