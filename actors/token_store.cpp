#include "actors/token_store.hpp"

#include "actors/keys.hpp"
#include "actors/token.hpp"
#include "clock/duration.hpp"
#include "model/texts.hpp"
#include "model/token_rules.hpp"

#include <caf/event_based_actor.hpp>

namespace tokenlab {

namespace {

using self_ptr = caf::stateful_actor<token_store_state>*;

vault_error err(int status, std::string_view text) {
  return vault_error{status, {std::string{text}}};
}

system_view token_view(const token_store_state& st) {
  return effective_view(st.sys, st.tune, "auth/token/");
}

caf::actor spawn_token(self_ptr self, token_entry e) {
  auto& st = self->state;
  auto id = e.id;
  auto acc = e.accessor;
  auto handle = self->spawn<caf::linked>(token_actor, std::move(e), st.ctx, caf::actor{self});
  st.tokens.emplace(id, handle);
  st.accessors.emplace(acc, id);
  return handle;
}

// The dev server's initial root token (`operator init`): no lease, never expires.
void make_root_token(self_ptr self) {
  auto& st = self->state;
  token_entry root;
  root.id = make_service_token_id(st.ids);
  root.accessor = make_accessor(st.ids);
  root.policies = {"root"};
  root.display_name = "root";
  root.path = "auth/token/root";
  root.has_lease = false;
  root.renewable = false;
  storage_put(self, st.ctx, keys::accessor(st.ctx, root.accessor));
  storage_put(self, st.ctx, keys::token(st.ctx, root.id));
  st.root_id = root.id;
  spawn_token(self, std::move(root));
}

// Finds the live token a request names: itself, by token, or by accessor.
const caf::actor* find_target(token_store_state& st, const resolved_token& caller,
                              token_selector by, const std::string& value, std::string& id_out) {
  switch (by) {
    case token_selector::self: id_out = caller.entry.id; return &caller.handle;
    case token_selector::token: id_out = value; break;
    case token_selector::accessor: {
      auto a = st.accessors.find(value);
      if (a == st.accessors.end())
        return nullptr;
      id_out = a->second;
      break;
    }
  }
  auto t = st.tokens.find(id_out);
  return t == st.tokens.end() ? nullptr : &t->second;
}

api_outcome on_create(self_ptr self, const resolved_token& caller, bool sudo,
                      const token_create_request& req) {
  auto& st = self->state;
  auto now = sim_now(self, st.ctx);
  auto plan = plan_token_create(caller_view{caller.entry, sudo}, req, token_view(st), now);
  if (!plan)
    return plan.error();
  auto& e = plan->entry;
  if (!plan->custom_id.empty()) {
    if (st.tokens.count(plan->custom_id) > 0)
      return err(400, "cannot create a token with a duplicate ID");
    e.id = plan->custom_id;
  } else {
    e.id = make_service_token_id(st.ids);
  }
  e.accessor = make_accessor(st.ids);
  // Vault's order (spec §9.3): accessor index, parent index, the entry, then its lease.
  const auto& ctx = st.ctx;
  storage_put(self, ctx, keys::accessor(ctx, e.accessor));
  if (!e.parent.empty())
    storage_put(self, ctx, keys::parent(ctx, e.parent, e.id));
  storage_put(self, ctx, keys::token(ctx, e.id));
  storage_put(self, ctx, keys::lease(keys::token_lease_id(ctx, e)));
  trace_event ev;
  ev.kind = trace_kind::token_created;
  ev.subject = e.id;
  ev.related = e.parent;
  ev.ttl = plan->ttl;
  emit(self, ctx, std::move(ev));
  api_response resp;
  resp.warnings = plan->warnings;
  resp.auth = make_auth_block(e, e.id);
  auto parent = e.parent;
  auto id = e.id;
  auto handle = spawn_token(self, std::move(e));
  if (!parent.empty())
    self->send(caller.handle, child_atom::value, id, handle);
  return resp;
}

} // namespace

caf::behavior token_store_actor(caf::stateful_actor<token_store_state>* self, sim_context ctx,
                                system_config sys) {
  self->state.ctx = std::move(ctx);
  self->state.sys = sys;
  self->state.ids = id_source{self->state.ctx.seed, id_stream::token_store};
  make_root_token(self);
  return {
    [=](resolve_atom, const std::string& token) {
      auto rp = self->make_response_promise();
      auto t = self->state.tokens.find(token);
      if (t == self->state.tokens.end()) {
        rp.deliver(outcome<resolved_token>{err(403, texts::permission_denied)});
        return rp;
      }
      auto handle = t->second;
      self->request(handle, caf::infinite, entry_atom::value)
        .then(
          [=](token_entry& e) mutable {
            auto now = sim_now(self, self->state.ctx);
            if (e.num_uses < 0 || !token_valid_at(e, now))
              rp.deliver(outcome<resolved_token>{err(403, texts::permission_denied)});
            else
              rp.deliver(outcome<resolved_token>{resolved_token{std::move(e), handle}});
          },
          [=](caf::error&) mutable {
            rp.deliver(outcome<resolved_token>{err(403, texts::permission_denied)});
          });
      return rp;
    },
    [=](create_atom, const resolved_token& caller, bool sudo, const token_create_request& req) {
      return on_create(self, caller, sudo, req);
    },
    [=](lookup_atom, const resolved_token& caller, const token_lookup_request& req) {
      auto rp = self->make_response_promise();
      auto& st = self->state;
      if (req.by != token_selector::self && req.value.empty()) {
        rp.deliver(
          api_outcome{err(400, req.by == token_selector::accessor ? texts::missing_accessor
                                                                  : texts::missing_token_id)});
        return rp;
      }
      std::string id;
      auto target = find_target(st, caller, req.by, req.value, id);
      if (target == nullptr) {
        rp.deliver(api_outcome{req.by == token_selector::accessor
                                 ? err(400, texts::invalid_accessor)
                                 : err(403, texts::bad_token)});
        return rp;
      }
      // lookup shows the token as supplied; lookup-self the caller's; lookup-accessor none.
      std::string shown = req.by == token_selector::self       ? caller.entry.id
                          : req.by == token_selector::accessor ? std::string{}
                                                               : req.value;
      self->request(*target, caf::infinite, entry_atom::value)
        .then(
          [=](token_entry& e) mutable {
            auto now = sim_now(self, self->state.ctx);
            if (e.num_uses < 0 || !token_valid_at(e, now)) {
              rp.deliver(api_outcome{err(403, texts::bad_token)});
              return;
            }
            api_response resp;
            resp.data = lookup_data(e, shown, now, self->state.ctx.epoch_unix);
            rp.deliver(api_outcome{std::move(resp)});
          },
          [=](caf::error&) mutable { rp.deliver(api_outcome{err(403, texts::bad_token)}); });
      return rp;
    },
    [=](renew_atom, const resolved_token& caller, const token_renew_request& req) {
      auto rp = self->make_response_promise();
      auto& st = self->state;
      std::string id;
      auto target = find_target(st, caller, req.by, req.value, id);
      if (req.by != token_selector::self && req.value.empty()) {
        rp.deliver(
          api_outcome{err(400, req.by == token_selector::accessor ? texts::missing_accessor
                                                                  : texts::missing_token_id)});
        return rp;
      }
      if (target == nullptr) {
        rp.deliver(
          api_outcome{err(400, req.by == token_selector::accessor ? texts::invalid_accessor
                                                                  : texts::token_not_found)});
        return rp;
      }
      auto shown = req.by == token_selector::accessor ? std::string{}
                   : req.by == token_selector::self   ? caller.entry.id
                                                      : req.value;
      self->request(*target, caf::infinite, renew_atom::value, token_view(st), req.increment)
        .then(
          [=](outcome<renewal>& r) mutable {
            if (!r) {
              rp.deliver(api_outcome{r.error()});
              return;
            }
            api_response resp;
            resp.warnings = r->decision.warnings;
            resp.auth = make_auth_block(r->entry, shown);
            rp.deliver(api_outcome{std::move(resp)});
          },
          [=](caf::error&) mutable { rp.deliver(api_outcome{err(400, texts::token_not_found)}); });
      return rp;
    },
    [=](revoke_atom, const resolved_token& caller, bool sudo, const token_revoke_request& req) {
      auto rp = self->make_response_promise();
      auto& st = self->state;
      if (req.by != token_selector::self && req.value.empty()) {
        rp.deliver(
          api_outcome{err(400, req.by == token_selector::accessor ? texts::missing_accessor
                                                                  : texts::missing_token_id)});
        return rp;
      }
      if (req.orphan_children && !sudo) {
        rp.deliver(api_outcome{err(400, texts::sudo_for_revoke_orphan)});
        return rp;
      }
      std::string id;
      auto target = find_target(st, caller, req.by, req.value, id);
      if (target == nullptr) {
        api_response none;
        none.status = 204;
        if (req.orphan_children) {
          rp.deliver(api_outcome{err(400, texts::token_to_revoke_not_found)});
        } else if (req.by == token_selector::accessor) {
          none.status = 200;
          none.warnings.emplace_back(texts::no_token_with_accessor);
          rp.deliver(api_outcome{std::move(none)});
        } else {
          rp.deliver(api_outcome{std::move(none)}); // revoking an unknown token is a no-op
        }
        return rp;
      }
      self
        ->request(*target, caf::infinite, revoke_atom::value, trace_cause::request,
                  req.orphan_children)
        .then(
          [=](bool) mutable {
            api_response done;
            done.status = 204;
            rp.deliver(api_outcome{std::move(done)});
          },
          [=](caf::error&) mutable {
            api_response done;
            done.status = 204;
            rp.deliver(api_outcome{std::move(done)});
          });
      return rp;
    },
    [=](tune_atom, const mount_tune_request& req) -> api_outcome {
      auto& st = self->state;
      auto tuned = apply_tune(st.tune, req.default_lease_ttl, req.max_lease_ttl);
      if (!tuned)
        return tuned.error();
      st.tune = *tuned;
      auto view = token_view(st);
      trace_event ev;
      ev.kind = trace_kind::mount_tuned;
      ev.subject = "auth/token/";
      auto from = [](ttl_source src) {
        return src == ttl_source::mount_tune ? "mount tune" : "system config";
      };
      ev.detail = "effective default_lease_ttl " + format_duration(view.default_lease_ttl) + " (" +
                  from(view.default_source) + "), max_lease_ttl " +
                  format_duration(view.max_lease_ttl) + " (" + from(view.max_source) + ")";
      emit(self, st.ctx, std::move(ev));
      api_response done;
      done.status = 204;
      return done;
    },
    [=](tune_atom) { return token_view(self->state); },
    [=](gone_atom, const std::string& id, const tombstone& t) {
      auto& st = self->state;
      auto it = st.tokens.find(id);
      if (it == st.tokens.end())
        return;
      st.tokens.erase(it);
      for (auto a = st.accessors.begin(); a != st.accessors.end(); ++a)
        if (a->second == id) {
          st.accessors.erase(a);
          break;
        }
      st.gone[id] = t;
      auto parent = st.tokens.find(t.owner);
      if (parent != st.tokens.end())
        self->send(parent->second, unchild_atom::value, id);
    },
    [=](unlease_atom, const std::string& token_id, const std::string& lease_id) {
      auto t = self->state.tokens.find(token_id);
      if (t != self->state.tokens.end())
        self->send(t->second, unlease_atom::value, lease_id);
    },
    [=](state_atom, const std::string& id) {
      auto& st = self->state;
      if (st.tokens.count(id) > 0)
        return life_state::valid;
      auto g = st.gone.find(id);
      return g == st.gone.end() ? life_state::unknown : g->second.state;
    },
    [=](entry_atom) { return self->state.root_id; },
  };
}

} // namespace tokenlab
