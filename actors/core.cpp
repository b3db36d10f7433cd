#include "actors/core.hpp"

#include "actors/aws_engine.hpp"
#include "actors/keys.hpp"
#include "actors/lease.hpp"
#include "clock/duration.hpp"
#include "model/acl.hpp"
#include "model/texts.hpp"

#include <caf/event_based_actor.hpp>

#include <memory>
#include <vector>

namespace tokenlab {

namespace {

using self_ptr = caf::stateful_actor<core_state>*;
using promise = caf::response_promise;

vault_error denied() {
  return vault_error::denied(std::string{texts::permission_denied});
}

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

// Stamps a successful response with the next request ID and delivers it.
void answer(self_ptr self, promise rp, api_outcome r) {
  if (r)
    r->request_id = self->state.requests.uuid();
  rp.deliver(std::move(r));
}

// Sends a request whose reply is an api_outcome and answers with it.
template <class... Ts>
void forward(self_ptr self, const caf::actor& dest, promise rp, Ts&&... xs) {
  self->request(dest, caf::infinite, std::forward<Ts>(xs)...)
    .then([=](api_outcome& r) mutable { answer(self, rp, std::move(r)); },
          [=](caf::error&) mutable { answer(self, rp, vault_error::internal("internal error")); });
}

bool allows(const resolved_token& who, const std::string& path, capability c) {
  return acl_allows(who.entry.policies, path, c);
}

// The mount serving `path`: the longest mounted prefix.
const std::pair<const std::string, mount_entry>* route(core_state& st, const std::string& path) {
  const std::pair<const std::string, mount_entry>* best = nullptr;
  for (const auto& m : st.mounts)
    if (path.compare(0, m.first.size(), m.first) == 0 &&
        (!best || m.first.size() > best->first.size()))
      best = &m;
  return best;
}

void register_lease(self_ptr self, const resolved_token& who, const std::string& mount,
                    const std::string& path, secret_result s, promise rp) {
  auto& st = self->state;
  const auto& m = st.mounts.at(mount);
  auto now = sim_now(self, st.ctx);
  ttl_request in;
  in.backend_ttl = s.ttl;
  in.backend_max_ttl = s.max_ttl;
  in.now = now;
  auto d = calculate_ttl(effective_view(st.sys, m.tune, mount), in);
  if (!d) {
    answer(self, rp, d.error());
    return;
  }
  lease_entry e;
  e.id = path + "/" + st.lease_ids.base62(24);
  e.owner = who.entry.id;
  e.handle = s.handle;
  e.issue_time = now;
  e.expire_time = now + d->ttl;
  e.ttl = d->ttl;
  e.renewable = s.renewable;
  storage_put(self, st.ctx, keys::lease(e.id));
  storage_put(self, st.ctx, keys::token_lease_index(st.ctx, e.owner, e.id));
  trace_event ev;
  ev.kind = trace_kind::lease_created;
  ev.subject = e.id;
  ev.related = e.owner;
  ev.ttl = *d;
  emit(self, st.ctx, std::move(ev));
  api_response resp;
  resp.lease_id = e.id;
  resp.renewable = e.renewable;
  resp.lease_duration = whole_seconds(d->ttl);
  resp.data = std::move(s.data);
  resp.warnings = d->warnings;
  auto id = e.id;
  auto actor =
    self->spawn<caf::linked>(lease_actor, std::move(e), st.ctx, m.engine, caf::actor{self});
  st.leases[id] = lease_ref{actor, who.entry.id, mount, s.handle, s.credential};
  self->send(who.handle, lease_atom::value, id, actor);
  answer(self, rp, std::move(resp));
}

data_map tune_data(const system_view& v) {
  data_map d;
  d["default_lease_ttl"] = whole_seconds(v.default_lease_ttl);
  d["description"] = std::string{"token based credentials"};
  d["force_no_cache"] = false;
  d["max_lease_ttl"] = whole_seconds(v.max_lease_ttl);
  d["token_type"] = std::string{"default-service"};
  return d;
}

outcome<mount_tune_request> tune_from_fields(const logical_write_request& w) {
  mount_tune_request req;
  req.mount = "auth/token/";
  for (const auto& [k, v] : w.fields) {
    std::optional<sim_duration>* slot = k == "default_lease_ttl" ? &req.default_lease_ttl
                                        : k == "max_lease_ttl"   ? &req.max_lease_ttl
                                                                 : nullptr;
    if (!slot)
      continue;
    auto d = v == "system" ? std::optional<sim_duration>{sim_duration::zero()} : parse_duration(v);
    if (!d)
      return vault_error::invalid("invalid duration \"" + v + "\" for " + k);
    *slot = d;
  }
  return req;
}

void on_read(self_ptr self, const resolved_token& who, const logical_read_request& r, promise rp) {
  auto& st = self->state;
  if (!allows(who, r.path, capability::read))
    return answer(self, rp, denied());
  if (r.path == "sys/auth/token/tune") {
    self->request(st.store, caf::infinite, tune_atom::value).then([=](system_view& v) mutable {
      api_response resp;
      resp.data = tune_data(v);
      answer(self, rp, std::move(resp));
    });
    return;
  }
  auto m = route(st, r.path);
  if (!m)
    return answer(self, rp, vault_error{404, {texts::no_handler_for_route(r.path)}});
  auto mount = m->first;
  self->request(m->second.engine, caf::infinite, read_atom::value, r.path, who.entry.display_name)
    .then([=](outcome<secret_result>& s) mutable {
      if (!s)
        return answer(self, rp, s.error());
      if (s->handle.empty()) {
        api_response resp;
        resp.data = std::move(s->data);
        return answer(self, rp, std::move(resp));
      }
      register_lease(self, who, mount, r.path, std::move(*s), rp);
    });
}

void on_write(self_ptr self, const resolved_token& who, const logical_write_request& w,
              promise rp) {
  auto& st = self->state;
  if (!allows(who, w.path, capability::update))
    return answer(self, rp, denied());
  if (w.path == "sys/auth/token/tune") {
    auto req = tune_from_fields(w);
    if (!req)
      return answer(self, rp, req.error());
    return forward(self, st.store, rp, tune_atom::value, *req);
  }
  auto m = route(st, w.path);
  if (!m)
    return answer(self, rp, vault_error{404, {texts::no_handler_for_route(w.path)}});
  forward(self, m->second.engine, rp, write_atom::value, w);
}

void on_enable(self_ptr self, const resolved_token& who, const secrets_enable_request& r,
               promise rp) {
  auto& st = self->state;
  if (!allows(who, "sys/mounts/" + r.path, capability::update))
    return answer(self, rp, denied());
  if (st.mounts.count(r.path) > 0)
    return answer(self, rp, vault_error{409, {texts::path_in_use(r.path)}});
  if (r.type != "aws")
    return answer(self, rp,
                  vault_error::invalid("secrets engine \"" + r.type +
                                       "\" is not modelled by tokenlab yet (aws is)"));
  auto engine = self->spawn<caf::linked>(aws_engine_actor, st.ctx, r.path);
  st.mounts[r.path] = mount_entry{r.type, engine, {}};
  trace_event ev;
  ev.kind = trace_kind::engine_enabled;
  ev.subject = r.path;
  ev.detail = r.type;
  emit(self, st.ctx, std::move(ev));
  answer(self, rp, no_content());
}

void revoke_leases(self_ptr self, std::shared_ptr<std::vector<caf::actor>> xs, size_t i,
                   promise rp) {
  if (i == xs->size())
    return answer(self, rp, no_content());
  auto next = [=] { revoke_leases(self, xs, i + 1, rp); };
  self->request((*xs)[i], caf::infinite, revoke_atom::value, trace_cause::request)
    .then([=](bool) { next(); }, [=](caf::error&) { next(); });
}

void on_lease_revoke(self_ptr self, const resolved_token& who, const lease_revoke_request& r,
                     promise rp) {
  auto& st = self->state;
  auto path =
    r.prefix ? "sys/leases/revoke-prefix/" + r.lease_id : std::string{"sys/leases/revoke"};
  if (!allows(who, path, capability::update) || (r.prefix && !allows(who, path, capability::sudo)))
    return answer(self, rp, denied());
  if (r.lease_id.empty())
    return answer(self, rp, vault_error::invalid(std::string{texts::lease_id_required}));
  auto targets = std::make_shared<std::vector<caf::actor>>();
  for (const auto& [id, ref] : st.leases)
    if (r.prefix ? id.compare(0, r.lease_id.size(), r.lease_id) == 0 : id == r.lease_id)
      targets->push_back(ref.actor);
  revoke_leases(self, targets, 0, rp);
}

void dispatch(self_ptr self, const resolved_token& who, const vault_request& req, promise rp) {
  auto& st = self->state;
  std::visit(
    [&](const auto& op) {
      using op_t = std::decay_t<decltype(op)>;
      if constexpr (std::is_same_v<op_t, token_create_request>) {
        auto path = op.orphan_endpoint ? "auth/token/create-orphan" : "auth/token/create";
        if (!allows(who, path, capability::update))
          return answer(self, rp, denied());
        forward(self, st.store, rp, create_atom::value, who, allows(who, path, capability::sudo),
                op);
      } else if constexpr (std::is_same_v<op_t, token_lookup_request>) {
        auto path = op.by == token_selector::self    ? "auth/token/lookup-self"
                    : op.by == token_selector::token ? "auth/token/lookup"
                                                     : "auth/token/lookup-accessor";
        auto cap = op.by == token_selector::self ? capability::read : capability::update;
        if (!allows(who, path, cap))
          return answer(self, rp, denied());
        forward(self, st.store, rp, lookup_atom::value, who, op);
      } else if constexpr (std::is_same_v<op_t, token_renew_request>) {
        auto path = op.by == token_selector::self    ? "auth/token/renew-self"
                    : op.by == token_selector::token ? "auth/token/renew"
                                                     : "auth/token/renew-accessor";
        if (!allows(who, path, capability::update))
          return answer(self, rp, denied());
        forward(self, st.store, rp, renew_atom::value, who, op);
      } else if constexpr (std::is_same_v<op_t, token_revoke_request>) {
        auto path = op.orphan_children                  ? "auth/token/revoke-orphan"
                    : op.by == token_selector::self     ? "auth/token/revoke-self"
                    : op.by == token_selector::accessor ? "auth/token/revoke-accessor"
                                                        : "auth/token/revoke";
        if (!allows(who, path, capability::update))
          return answer(self, rp, denied());
        forward(self, st.store, rp, revoke_atom::value, who, allows(who, path, capability::sudo),
                op);
      } else if constexpr (std::is_same_v<op_t, mount_tune_request>) {
        if (!allows(who, "sys/auth/" + op.mount.substr(5) + "tune", capability::update))
          return answer(self, rp, denied());
        if (op.mount != "auth/token/")
          return answer(self, rp,
                        vault_error::invalid("cannot fetch sysview for path \"" + op.mount + "\""));
        forward(self, st.store, rp, tune_atom::value, op);
      } else if constexpr (std::is_same_v<op_t, secrets_enable_request>) {
        on_enable(self, who, op, rp);
      } else if constexpr (std::is_same_v<op_t, logical_read_request>) {
        on_read(self, who, op, rp);
      } else if constexpr (std::is_same_v<op_t, logical_write_request>) {
        on_write(self, who, op, rp);
      } else {
        on_lease_revoke(self, who, op, rp);
      }
    },
    req.op);
}

void credential_state(self_ptr self,
                      std::shared_ptr<std::vector<std::pair<caf::actor, std::string>>> asks,
                      size_t i, promise rp) {
  if (i == asks->size()) {
    rp.deliver(life_state::unknown);
    return;
  }
  self->request((*asks)[i].first, caf::infinite, state_atom::value, (*asks)[i].second)
    .then([=](life_state s) mutable {
      if (s == life_state::unknown)
        credential_state(self, asks, i + 1, rp);
      else
        rp.deliver(s);
    });
}

} // namespace

caf::behavior core_actor(caf::stateful_actor<core_state>* self, sim_context ctx, system_config sys,
                         caf::actor store) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.sys = sys;
  st.store = std::move(store);
  st.requests = id_source{st.ctx.seed, id_stream::requests};
  st.lease_ids = id_source{st.ctx.seed, id_stream::secrets};
  return {
    [=](request_atom, const vault_request& req) {
      auto rp = self->make_response_promise();
      self->request(self->state.store, caf::infinite, resolve_atom::value, req.token)
        .then([=](outcome<resolved_token>& who) mutable {
          if (!who)
            return answer(self, rp, who.error());
          dispatch(self, *who, req, rp);
        });
      return rp;
    },
    [=](gone_atom, const std::string& lease_id, const tombstone& t) {
      auto& s = self->state;
      auto it = s.leases.find(lease_id);
      if (it == s.leases.end())
        return;
      self->send(s.store, unlease_atom::value, it->second.owner, lease_id);
      s.gone_leases[lease_id] = {t, it->second};
      s.leases.erase(it);
    },
    [=](state_atom, life_subject what, const std::string& id) {
      auto rp = self->make_response_promise();
      auto& s = self->state;
      if (what == life_subject::token) {
        self->request(s.store, caf::infinite, state_atom::value, id)
          .then([=](life_state x) mutable { rp.deliver(x); });
        return rp;
      }
      const lease_ref* ref = nullptr;
      life_state lease = life_state::unknown;
      if (auto l = s.leases.find(id); l != s.leases.end()) {
        ref = &l->second;
        lease = life_state::valid;
      } else if (auto g = s.gone_leases.find(id); g != s.gone_leases.end()) {
        ref = &g->second.second;
        lease = g->second.first.state;
      }
      if (what == life_subject::lease) {
        rp.deliver(lease);
        return rp;
      }
      auto asks = std::make_shared<std::vector<std::pair<caf::actor, std::string>>>();
      if (ref)
        asks->emplace_back(s.mounts.at(ref->mount).engine, ref->handle);
      else
        for (const auto& [path, m] : s.mounts)
          asks->emplace_back(m.engine, id);
      credential_state(self, asks, 0, rp);
      return rp;
    },
    [=](entry_atom) {
      auto rp = self->make_response_promise();
      self->request(self->state.store, caf::infinite, entry_atom::value)
        .then([=](std::string& id) mutable { rp.deliver(std::move(id)); });
      return rp;
    },
  };
}

} // namespace tokenlab
