#include "actors/lease.hpp"

#include "actors/keys.hpp"
#include "actors/messages.hpp"

namespace tokenlab {

namespace {

using self_ptr = lease_revoker::stateful_pointer<lease_state>;

void finish(self_ptr self, trace_cause cause) {
  auto& st = self->state;
  const auto& e = st.entry;
  if (!e.owner.empty()) // an orphan batch token's lease has no token index
    storage_delete(self, st.ctx(), keys::token_lease_index(st.ctx(), e.owner, st.id));
  storage_delete(self, st.ctx(), keys::lease(st.ctx(), st.id));
  auto t = emit_revoked(self, st.ctx(), trace_kind::lease_revoked, cause, st.id, e.owner);
  self->send(st.core, gone_atom::value, st.id.str(), t);
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
  self->request(st.engine, caf::infinite, unsecret_atom::value, st.entry.handle)
    .then([=](bool) { finish(self, cause); }, [=](caf::error&) { finish(self, cause); });
}

// The lease's TTL ran out: it expires, and Vault revokes it with the backend.
void expire_now(self_ptr self) {
  auto& s = self->state;
  emit_expired(self, s.ctx(), trace_kind::lease_expired, s.id, s.entry.owner);
  start_revocation(self, trace_cause::ttl_expired);
}

} // namespace

lease_revoker::behavior_type lease_actor(lease_revoker::stateful_pointer<lease_state> self,
                                         id_string id, lease_entry entry,
                                         std::shared_ptr<const sim_context> ctx,
                                         secrets_engine engine, record_keeper core) {
  auto& st = self->state;
  st.id = std::move(id);
  st.entry = std::move(entry);
  st.context = std::move(ctx);
  st.engine = std::move(engine);
  st.core = std::move(core);
  return {
    [=](revoke_atom, trace_cause cause) {
      auto rp = self->make_response_promise<bool>();
      auto& s = self->state;
      s.waiters.push_back(rp);
      // A revocation that reaches a lease at its expiry instant finds it expired: its timer,
      // due at the same instant, would have ended it (docs/decisions.md).
      if (!s.revoking && revocation_finds_expired(s.entry, cause, sim_now(self, s.ctx()))) {
        expire_now(self);
        return rp;
      }
      start_revocation(self, cause);
      return rp;
    },
    [=](expire_atom) { start_revocation(self, trace_cause::ttl_expired); },
  };
}

} // namespace tokenlab
