// The system backend's lease endpoints (vault/logical_system.go handleLeaseLookup,
// handleLeaseLookupList, handleRenew, handleRevoke, handleRevokePrefixCommon) over every lease
// the expiration manager holds: the core's leases on secrets (its lease registry, below),
// and the leases of service tokens, which live with their tokens' records in the token store,
// indexed there by lease ID (`auth/token/create/h…`, RegisterAuth).

#include "actors/core_internal.hpp"
#include "actors/keys.hpp"
#include "actors/lease.hpp"
#include "model/lease_fields.hpp"
#include "model/lease_rules.hpp"
#include "model/paths.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace tokenlab::core_detail {

namespace {

/// A lease a request reaches: a secret's lease in the core's registry, or a service token's,
/// which the token store holds with its token.
struct lease_target {
  std::string token; ///< the token's ID; empty: a secret's lease
};
using lease_targets = std::map<std::string, lease_target>;

// The leases whose ID starts with `prefix`, secrets' and tokens', by ID.
void with_leases(self_ptr self, const std::string& prefix,
                 std::function<void(lease_targets)> then) {
  auto& st = self->state;
  lease_targets found;
  for (auto& id : st.registry.ids_under(prefix))
    found.emplace(std::move(id), lease_target{});
  self->request(st.store, caf::infinite, lease_atom::value, list_atom::value, prefix)
    .then(
      [=](token_lease_refs& refs) mutable {
        for (auto& [id, token] : refs.by_id)
          found.emplace(id, lease_target{std::move(token)});
        then(std::move(found));
      },
      [=](caf::error&) { then(found); });
}

// The one lease named `id`, or none.
void with_lease(self_ptr self, const std::string& id,
                std::function<void(std::optional<lease_target>)> then) {
  with_leases(self, id, [=](lease_targets found) {
    auto l = found.find(id);
    then(l == found.end() ? std::nullopt : std::optional<lease_target>{l->second});
  });
}

// A token's lease as the expiration manager holds it: its token's entry.
void with_token_lease(self_ptr self, const std::string& token,
                      std::function<void(std::optional<token_entry>)> then) {
  self->request(self->state.store, caf::infinite, entry_atom::value, token)
    .then([=](token_entry& e) { then(std::move(e)); }, [=](caf::error&) { then(std::nullopt); });
}

// Revokes the targets one after the other (revokeCommon): a secret's lease through its
// engine, a token's lease by revoking the token's tree (revokeEntry -> revokeTree). A
// target already gone with an earlier one's tree is skipped.
using revoke_targets = std::shared_ptr<std::vector<std::pair<std::string, lease_target>>>;

void revoke_all(self_ptr self, revoke_targets xs, const reply& done) {
  auto revoke = [self, xs](std::size_t i, std::function<void()> next) {
    const auto& [id, x] = (*xs)[i];
    if (x.token.empty())
      return revoke_lease(self, id, std::move(next));
    self
      ->request(self->state.store, caf::infinite, revoke_atom::value, x.token, trace_cause::request,
                false)
      .then([=](bool) { next(); }, [=](caf::error&) { next(); });
  };
  in_turn(xs->size(), revoke, [done] { done(no_content()); });
}

// Arms (again) the lease's TTL timer at its expiry.
void arm(self_ptr self, lease_slot& l) {
  auto& st = self->state;
  auto& r = l.second;
  st.registry.timers.arm(self, st.ctx, l, r.timer, r.entry.expire_time - sim_now(self, st.ctx));
}

vault_error bad_request(std::string_view text) {
  return vault_error::invalid(std::string{text});
}

// What lookup and renew check first: update on the path written to, then a lease ID. True
// when the request is refused (and answered).
bool refused(self_ptr self, const resolved_token& who, const std::string& acl_path,
             const std::string& lease_id, const reply& done) {
  if (!allows(self, who, acl_path, capability::update))
    done(denied());
  else if (lease_id.empty())
    done(bad_request(texts::lease_id_required));
  else
    return false;
  return true;
}

// ExpirationManager.Renew of a secret's lease (model/lease_rules.hpp renew_secret_lease).
void renew_lease(self_ptr self, lease_slot& l, sim_duration increment, const reply& done) {
  auto& st = self->state;
  auto& e = l.second.entry;
  const auto& m = st.routes.mounts.at(l.second.mount);
  auto d = renew_secret_lease(e, effective_view(st.sys, m.tune, l.second.mount), increment,
                              sim_now(self, st.ctx));
  if (!d)
    return done(d.error());
  const auto& id = l.first;
  const auto& ctx = *record_context(st, l.second);
  storage_put(self, ctx, keys::lease(ctx, id));
  arm(self, l);
  trace_event ev;
  ev.kind = trace_kind::lease_renewed;
  ev.subject = id;
  ev.related = e.owner;
  ev.ttl = *d;
  ev.expires = e.expire_time;
  emit(self, ctx, std::move(ev));
  api_response r;
  r.lease_id = id;
  r.renewable = e.renewable;
  r.lease_duration = whole_seconds(e.ttl);
  r.warnings = d->warnings;
  done(std::move(r));
}

} // namespace

lease_slot& add_lease(self_ptr self, std::string_view id, lease_entry e, const std::string& mount) {
  auto& st = self->state;
  auto& l = *st.registry.live.try_emplace(id).first;
  l.second.entry = std::move(e);
  l.second.mount = mount;
  l.second.counted = st.ctx.counting();
  arm(self, l);
  return l;
}

void revoke_held(self_ptr self, const std::string& token, trace_cause cause,
                 std::function<void()> done) {
  auto ids = std::make_shared<std::vector<std::string>>(self->state.registry.let_go_all(token));
  auto revoke = [self, ids, cause](std::size_t i, std::function<void()> next) {
    auto& live = self->state.registry.live;
    auto l = live.find((*ids)[i]);
    if (l == live.end())
      return next(); // gone already
    l->second.with_owner = true;
    revoke_counted(self, *l, cause, std::move(next));
  };
  in_turn(ids->size(), revoke, std::move(done));
}

lease_revoker revoking_lease(self_ptr self, lease_slot& l) {
  auto& st = self->state;
  auto& r = l.second;
  if (!r.actor)
    r.actor = self->spawn(lease_actor, id_string{l.first.view()}, r.entry, record_context(st, r),
                          st.routes.revoker(r.mount), caf::actor_cast<record_keeper>(self));
  return r.actor;
}

namespace {

// The end of a counted lease's revocation, once its engine answered (actors/lease.cpp
// `finish`): its keys go, its revocation is counted, the record goes, and its waiters go on.
void finish_counted(self_ptr self, const std::string& id, trace_cause cause) {
  auto& st = self->state;
  auto it = st.registry.live.find(id);
  if (it == st.registry.live.end())
    return;
  auto& r = it->second;
  const auto ctx = record_context(st, r); // the record goes below
  const auto& e = r.entry;
  if (!e.owner.empty()) // an orphan batch token's lease has no token index
    storage_delete(self, *ctx, keys::token_lease_index(*ctx, e.owner, id));
  storage_delete(self, *ctx, keys::lease(*ctx, id));
  auto t = emit_revoked(self, *ctx, trace_kind::lease_revoked, cause, id, e.owner);
  auto waiters = r.revoking.take();
  lease_gone(self, id, t);
  for (auto& w : waiters)
    w();
}

} // namespace

void revoke_counted(self_ptr self, lease_slot& l, trace_cause cause, std::function<void()> waiter) {
  auto& st = self->state;
  auto& r = l.second;
  if (!r.revoking.join(std::move(waiter)))
    return; // under way: it ends for this waiter too
  // A revocation that reaches a lease at its expiry instant finds it expired: its timer, due
  // at the same instant, would have ended it (docs/decisions.md).
  if (revocation_finds_expired(r.entry, cause, sim_now(self, st.ctx))) {
    emit_expired(self, *record_context(st, r), trace_kind::lease_expired, l.first, r.entry.owner);
    cause = trace_cause::ttl_expired;
  }
  // Vault revokes through the backend first, then deletes the lease's index and entry.
  auto id = l.first.str();
  self->request(st.routes.revoker(r.mount), caf::infinite, unsecret_atom::value, r.entry.handle)
    .then([self, id, cause](bool) { finish_counted(self, id, cause); },
          [self, id, cause](caf::error&) { finish_counted(self, id, cause); });
}

void revoke_lease(self_ptr self, const std::string& id, std::function<void()> next) {
  auto l = self->state.registry.live.find(id);
  if (l == self->state.registry.live.end())
    return next();
  if (l->second.counted)
    return revoke_counted(self, *l, trace_cause::request, std::move(next));
  self->request(revoking_lease(self, *l), caf::infinite, revoke_atom::value, trace_cause::request)
    .then([=](bool) { next(); }, [=](caf::error&) { next(); });
}

void lease_timer_fired(self_ptr self, std::uint64_t number) {
  auto& st = self->state;
  auto* l = st.registry.timers.fired(number);
  if (!l || l->second.in_revocation()) // gone, or being revoked
    return;
  emit_expiry(self, *record_context(st, l->second), trace_kind::lease_expired, l->first,
              l->second.entry.owner);
  if (l->second.counted)
    return revoke_counted(self, *l, trace_cause::ttl_expired, nullptr);
  self->send(revoking_lease(self, *l), expire_atom::value);
}

void lease_gone(self_ptr self, const std::string& id, const tombstone& t) {
  auto& st = self->state;
  auto it = st.registry.live.find(id);
  if (it == st.registry.live.end())
    return;
  auto& r = it->second;
  // Its token forgets it, unless the token's own revocation revoked it; a lease the registry
  // holds by its token is let go here.
  if (r.held)
    st.registry.let_go(*it);
  else if (!r.entry.owner.empty() && !r.with_owner)
    self->send(st.store, unlease_atom::value, r.entry.owner.str(), id);
  if (!t.counted) // a fleet's leases are too many to remember each
    st.registry.gone[id] = gone_lease{t, r.mount, r.entry.handle};
  st.registry.timers.forget(r.timer);
  st.registry.live.erase(it);
}

std::string lease_revoke_path(const lease_revoke_request& r) {
  return r.force    ? "sys/leases/revoke-force/" + r.lease_id
         : r.prefix ? "sys/leases/revoke-prefix/" + r.lease_id
                    : std::string{"sys/leases/revoke"};
}

// The sys/leases/* API written directly (`vault write sys/leases/renew/<id>`): the same
// operations as the lease commands, the fields converted by their schemas
// (model/lease_fields.hpp), the ACL checked on the path written to.
bool lease_api(self_ptr self, const resolved_token& who, const logical_write_request& w,
               const reply& done) {
  // leases/lookup/<prefix> is a path for LIST only (the lease ID of a lookup goes in the
  // body): the framework refuses any other operation on it.
  if (under(w.path, "sys/leases/lookup/")) {
    done(vault_error{405, {std::string{texts::unsupported_operation}}});
    return true;
  }
  auto req = lease_request_from_fields(w.path, w.fields);
  if (!req)
    return false;
  if (!*req) {
    done(req->error());
    return true;
  }
  std::visit(
    [&](const auto& op) {
      using op_t = std::decay_t<decltype(op)>;
      if constexpr (std::is_same_v<op_t, lease_lookup_request>)
        on_lease_lookup(self, who, w.path, op, done);
      else if constexpr (std::is_same_v<op_t, lease_renew_request>)
        on_lease_renew(self, who, w.path, op, done);
      else
        on_lease_revoke(self, who, w.path, op, done);
    },
    **req);
  return true;
}

// handleLeaseLookup over FetchLeaseTimes: a secret's lease or a token's.
void on_lease_lookup(self_ptr self, const resolved_token& who, const std::string& acl_path,
                     const lease_lookup_request& r, const reply& done) {
  if (refused(self, who, acl_path, r.lease_id, done))
    return;
  auto id = r.lease_id;
  with_lease(self, id, [=](std::optional<lease_target> l) {
    if (!l)
      return done(bad_request(texts::invalid_lease));
    auto& st = self->state;
    if (l->token.empty()) {
      auto ref = st.registry.live.find(id);
      if (ref == st.registry.live.end())
        return done(bad_request(texts::invalid_lease));
      api_response resp;
      resp.data = lease_lookup_data(id, secret_lease_times(ref->second.entry),
                                    sim_now(self, st.ctx), st.ctx.epoch_unix);
      return done(std::move(resp));
    }
    with_token_lease(self, l->token, [=](std::optional<token_entry> e) {
      if (!e)
        return done(bad_request(texts::invalid_lease));
      const auto& ctx = self->state.ctx;
      api_response resp;
      resp.data = lease_lookup_data(id, token_lease_times(*e), sim_now(self, ctx), ctx.epoch_unix);
      done(std::move(resp));
    });
  });
}

// ExpirationManager.Renew: the lease must exist and be renewable (leaseEntry.renewable);
// a token's lease is then refused, since tokens renew through auth/token/renew.
void on_lease_renew(self_ptr self, const resolved_token& who, const std::string& acl_path,
                    const lease_renew_request& r, const reply& done) {
  if (refused(self, who, acl_path, r.lease_id, done))
    return;
  auto id = r.lease_id;
  auto increment = r.increment;
  with_lease(self, id, [=](std::optional<lease_target> l) {
    if (!l)
      return done(bad_request(texts::lease_not_found));
    if (!l->token.empty())
      return with_token_lease(self, l->token, [=](std::optional<token_entry> e) {
        if (!e)
          return done(bad_request(texts::lease_not_found));
        auto why = lease_not_renewable(token_lease_times(*e), sim_now(self, self->state.ctx));
        done(bad_request(why ? *why : texts::tokens_not_renewable_here));
      });
    auto& st = self->state;
    auto ref = st.registry.live.find(id);
    if (ref == st.registry.live.end())
      return done(bad_request(texts::lease_not_found));
    renew_lease(self, *ref, increment, done);
  });
}

// `vault list sys/leases/lookup/<prefix>`: the next path segment of every lease below.
void list_leases(self_ptr self, const std::string& path, const reply& done) {
  static const std::string root = "sys/leases/lookup/";
  auto prefix = path.substr(root.size());
  with_leases(self, prefix, [=](lease_targets found) {
    auto keys = next_segments(found, prefix);
    if (keys.empty())
      return done(vault_error{404, {}});
    done(list_response(std::move(keys)));
  });
}

// handleRevoke and handleRevokePrefixCommon: one lease, or every lease under a prefix in
// Vault's order (model/lease_rules.hpp). A token's lease revokes the token with its tree.
void on_lease_revoke(self_ptr self, const resolved_token& who, const std::string& acl_path,
                     const lease_revoke_request& r, const reply& done) {
  if (!allows(self, who, acl_path, capability::update) ||
      (r.prefix && !allows(self, who, acl_path, capability::sudo)))
    return done(denied());
  if (r.lease_id.empty())
    return done(bad_request(texts::lease_id_required));
  auto req = r;
  with_leases(self, r.lease_id, [=](lease_targets found) {
    auto targets = std::make_shared<revoke_targets::element_type>();
    if (req.prefix) {
      std::vector<std::string> ids;
      for (const auto& [id, target] : found)
        ids.push_back(id);
      for (const auto& id : prefix_revocation_order(ids, req.lease_id))
        targets->emplace_back(id, found.at(id));
    } else if (auto l = found.find(req.lease_id); l != found.end()) {
      targets->emplace_back(*l);
    }
    // Without sync Vault queues the revocations and answers 202; the queue runs in the same
    // virtual instant, so the report shows the revocations under this step either way.
    auto status = req.sync || req.force ? 204 : 202;
    revoke_all(self, targets, [done, status](api_outcome out) {
      if (out)
        out->status = status;
      done(std::move(out));
    });
  });
}

} // namespace tokenlab::core_detail

namespace tokenlab {

void lease_registry::hold(id_map<lease_ref>::value_type& l) {
  auto& r = l.second;
  auto& h = held[r.entry.owner.view()];
  r.held = true;
  r.held_prev = h.last;
  r.held_next = nullptr;
  (h.last ? h.last->second.held_next : h.first) = &l;
  h.last = &l;
}

void lease_registry::let_go(id_map<lease_ref>::value_type& l) {
  auto& r = l.second;
  if (!r.held)
    return;
  auto h = held.find(r.entry.owner.view());
  if (h != held.end()) {
    (r.held_prev ? r.held_prev->second.held_next : h->second.first) = r.held_next;
    (r.held_next ? r.held_next->second.held_prev : h->second.last) = r.held_prev;
    if (!h->second.first)
      held.erase(h);
  }
  r.held = false;
  r.held_prev = r.held_next = nullptr;
}

std::vector<std::string> lease_registry::let_go_all(std::string_view token) {
  std::vector<std::string> out;
  auto h = held.find(token);
  if (h == held.end())
    return out;
  for (auto* l = h->second.first; l;) {
    auto& r = l->second;
    out.push_back(l->first.str());
    r.held = false;
    r.held_prev = nullptr;
    l = std::exchange(r.held_next, nullptr);
  }
  held.erase(h);
  return out;
}

std::vector<std::string> lease_registry::ids_under(const std::string& prefix) const {
  std::vector<std::string> found;
  for (const auto& [id, lease] : live)
    if (core_detail::under(id, prefix))
      found.push_back(id.str());
  std::sort(found.begin(), found.end());
  return found;
}

} // namespace tokenlab
