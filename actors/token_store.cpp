#include "actors/token_store.hpp"

#include "actors/identity_store.hpp"
#include "actors/keys.hpp"
#include "actors/token.hpp"
#include "actors/token_store_batch.hpp"
#include "actors/token_store_mounts.hpp"
#include "clock/duration.hpp"
#include "model/go_text.hpp"
#include "model/paths.hpp"
#include "model/policy.hpp"
#include "model/token_role.hpp"

#include "model/texts.hpp"
#include "model/token_rules.hpp"
#include "model/tune.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <type_traits>
#include <variant>

#include <caf/event_based_actor.hpp>

namespace tokenlab {

namespace {

using self_ptr = token_authority::stateful_pointer<token_store_state>;

vault_error err(int status, std::string_view text) {
  return vault_error{status, {std::string{text}}};
}

system_view token_view(const token_store_state& st) {
  return effective_view(st.sys, st.tune, "auth/token/");
}

// Where a token endpoint's answer goes.
using answer = std::function<void(api_outcome&&)>;

// The auth mount a token path belongs to: "auth/userpass/login/alice" -> "auth/userpass/".
std::string mount_of(std::string_view path) {
  auto slash = path.find('/', 5);
  return std::string{slash == std::string_view::npos ? path : path.substr(0, slash + 1)};
}

// The index of the auth mount a token at `path` is issued under (live_token::mount).
std::uint32_t mount_index(token_store_state& st, std::string_view path) {
  auto mount = mount_of(path);
  auto& all = st.auth_mounts;
  auto it = std::find(all.begin(), all.end(), mount);
  if (it != all.end())
    return static_cast<std::uint32_t>(it - all.begin());
  all.push_back(std::move(mount));
  return static_cast<std::uint32_t>(all.size() - 1);
}

// The TTLs of an auth mount ("auth/userpass/"); auth/token/'s for it or for one not mounted.
system_view mount_view(const token_store_state& st, const std::string& mount) {
  auto m = st.auth_tunes.find(mount);
  return m == st.auth_tunes.end() ? token_view(st) : effective_view(st.sys, m->second, mount);
}

// The TTLs a token renews under: its own auth mount's (spec §3.1).
system_view view_for(const token_store_state& st, const live_token& r) {
  return r.mount == 0 ? token_view(st) : mount_view(st, st.auth_mounts[r.mount]);
}

using token_slot = id_map<live_token>::value_type;

// Arms (again) the token's TTL timer at its expiry; a token without one has no timer.
void arm(self_ptr self, token_slot& t) {
  auto& st = self->state;
  auto& r = t.second;
  if (!r.entry->expire_time)
    return st.timers.cancel(r.timer);
  st.timers.arm(self, st.ctx, t, r.timer, *r.entry->expire_time - sim_now(self, st.ctx));
}

// Changes a live token's entry: in place if the store alone holds it (a renewal's usual
// case), else on a copy, which becomes the entry (a request in flight may hold the old one).
template <class Edit>
const token_entry& change_entry(live_token& r, Edit edit) {
  if (r.entry.use_count() != 1)
    r.entry = std::make_shared<token_entry>(*r.entry);
  edit(*r.entry);
  return *r.entry;
}

token_ties& ties_of(live_token& r) {
  if (!r.ties)
    r.ties = std::make_unique<token_ties>();
  return *r.ties;
}

// The live token `id` (a record, revoking or not), or null once it is gone.
token_slot* live(token_store_state& st, std::string_view id) {
  auto t = st.tokens.find(id);
  return t == st.tokens.end() ? nullptr : &*t;
}

// The token's entity and ACL as the core would find them (actors/caller.hpp with_entity and
// allows), kept in its record and found again only when the replicas changed since they
// were: nothing, or the error of a caller refused (a refusal is not kept).
std::optional<vault_error> check_caller(token_store_state& st, live_token& r) {
  auto& checked = r.checked;
  if (checked.replicas == st.replicas)
    return std::nullopt;
  auto found = with_entity(st.entities, resolved_token{r.entry, {}});
  if (!found)
    return found.error();
  checked.entity = found->entity;
  checked.acl = st.policies.compiled_for_token(r.entry->policies, found->entity);
  checked.replicas = st.replicas;
  return std::nullopt;
}

// The auth block of an answer about a live token: its entry shared, its client token that
// entry's ID when `shows_id`, and whether its policies are sanitized as the record knows it.
boxed<auth_block> auth_of(const live_token& r, bool shows_id) {
  boxed<auth_block> a = make_auth_block(r.entry, shows_id);
  a->sanitized_token_policies = r.sanitized_policies;
  return a;
}

// The answer to a request about one token that is gone: what a request to an actor that has
// ended gets.
caf::error gone_token() {
  return caf::make_error(caf::sec::request_receiver_down);
}

// Keeps a token issued now and arms its timer.
token_slot& make_token(self_ptr self, token_entry e) {
  auto& st = self->state;
  auto id = e.id;
  // The token's lease, which RegisterAuth gave it (the initial root token has none).
  if (e.has_lease && !st.ctx.counting()) {
    auto lease = keys::token_lease_id(st.ctx, e);
    st.token_leases.emplace(lease, id);
    st.lease_of.emplace(id, std::move(lease));
  }
  e.policies = st.policy_lists.intern(std::move(e.policies));
  e.meta = st.metadata.intern(std::move(e.meta));
  e.origin = st.origins.intern(std::move(e.origin));
  auto& t = *st.tokens.try_emplace(id).first;
  t.second.mount = mount_index(st, e.origin->path);
  t.second.sanitized_policies = policies_sanitized(e.policies) || is_root_policy_set(e.policies);
  t.second.entry = std::make_shared<token_entry>(std::move(e));
  t.second.counted = st.ctx.counting();
  arm(self, t);
  st.accessors.add(t);
  return t;
}

// The cubbyhole backend (vault/logical_cubbyhole.go) for a token's own namespace.
api_outcome cubbyhole_op(self_ptr self, live_token& r, cubby_op op, const std::string& path,
                         const std::map<std::string, std::string>& fields) {
  const auto& ctx = *record_context(self->state, r);
  const auto& box_id = r.entry->cubbyhole_id;
  api_response done;
  done.status = 204;
  switch (op) {
    case cubby_op::write:
      if (fields.empty())
        return vault_error::invalid(std::string{texts::missing_data_fields});
      ties_of(r).cubbyhole[path] = fields;
      storage_put(self, ctx, keys::cubbyhole(box_id, path));
      return done;
    case cubby_op::del:
      if (r.ties && r.ties->cubbyhole.erase(path) > 0)
        storage_delete(self, ctx, keys::cubbyhole(box_id, path));
      return done;
    case cubby_op::read: {
      if (!r.ties)
        return vault_error{404, {}};
      auto it = r.ties->cubbyhole.find(path);
      if (it == r.ties->cubbyhole.end())
        return vault_error{404, {}};
      api_response resp;
      data_map d;
      for (const auto& [k, v] : it->second)
        d[k] = v;
      resp.data = std::move(d);
      return resp;
    }
    case cubby_op::list: {
      auto prefix = path.empty() || path.back() == '/' ? path : path + "/";
      auto keys = r.ties ? next_segments(r.ties->cubbyhole, prefix) : std::vector<std::string>{};
      if (keys.empty())
        return vault_error{404, {}};
      api_response resp;
      resp.data = data_map{{"keys", keys}};
      return resp;
    }
  }
  return vault_error::internal("unknown cubbyhole operation");
}

// A root token as TokenStore.rootToken makes it (the dev server's initial one at `operator
// init`, or one of `vault operator generate-root`): policy root, no parent, no lease, never
// expires. Returns its ID.
std::string make_root_token(self_ptr self, sim_time now) {
  auto& st = self->state;
  token_entry root;
  root.creation_time = truncate_to_second(now);
  root.issue_time = now;
  root.id = make_service_token_id(st.ids);
  root.accessor = make_accessor(st.ids);
  root.cubbyhole_id = st.cubbyhole_ids.base62(24);
  root.policies = {"root"};
  root.origin = token_origin{"root", "auth/token/root", {}, {}};
  root.has_lease = false;
  root.renewable = false;
  storage_put(self, st.ctx, keys::accessor(st.ctx, root.accessor));
  storage_put(self, st.ctx, keys::token(st.ctx, root.id));
  auto id = root.id.str();
  make_token(self, std::move(root));
  return id;
}

// Finds the live token a request names: itself, by token, or by accessor; none when gone.
// `own` is the caller's record when the store authenticated the caller itself (an endpoint
// request): the caller is then not looked up again.
token_slot* find_target(token_store_state& st, const resolved_token& caller, token_selector by,
                        const std::string& value, token_slot* own) {
  std::string_view id = value;
  switch (by) {
    case token_selector::self:
      if (own)
        return own;
      id = caller.entry->id;
      break;
    case token_selector::token: break;
    case token_selector::accessor: return st.accessors.find(st.tokens, value);
  }
  return live(st, id);
}

api_outcome issue(self_ptr self, create_plan plan);
api_outcome issue_planned(self_ptr self, create_plan planned);

// The batch token a lookup, renew or revoke names: the calling batch token itself, or a
// batch token given by value. Accessors never name one (batch tokens have none).
std::optional<std::string> batch_target(const resolved_token& caller, token_selector by,
                                        const std::string& value) {
  if (by == token_selector::self && caller.entry->type == token_type::batch)
    return caller.entry->id.str();
  if (by == token_selector::token && is_batch_token_string(value))
    return value;
  return std::nullopt;
}

// The batch token `token`, checked now; the caller needs no second check of itself.
void with_batch(self_ptr self, const resolved_token& caller, const std::string& token,
                std::function<void(outcome<resolved_token>)> done) {
  if (token == caller.entry->id)
    return done(caller);
  store_detail::resolve_batch(self, token, std::move(done));
}

// handleCreateCommon. A request with a role's `entity_alias` stops at the alias: the identity
// store creates or fetches the alias's entity (on the token mount's accessor), then the
// request is planned again with it, so the checks after the alias run as in Vault, after the
// entity exists.
void on_create(self_ptr self, const resolved_token& caller, bool sudo,
               const token_create_request& req, const std::vector<std::string>& known_policies,
               caf::typed_response_promise<api_outcome> rp,
               const std::string* alias_entity = nullptr) {
  auto& st = self->state;
  auto now = sim_now(self, st.ctx);
  const token_role* role = nullptr;
  if (!req.role.empty()) {
    auto r = st.roles.find(req.role);
    if (r == st.roles.end()) {
      rp.deliver(api_outcome{err(400, texts::unknown_role(req.role))});
      return;
    }
    role = &r->second;
  }
  auto exists = [&](const std::string& p) {
    return std::find(known_policies.begin(), known_policies.end(), p) != known_policies.end();
  };
  auto plan = plan_token_create(caller_view{*caller.entry, sudo}, req, token_view(st), now, role,
                                exists, alias_entity);
  if (!plan) {
    rp.deliver(api_outcome{plan.error()});
    return;
  }
  if (plan->needs_alias_entity) {
    if (!st.identity) {
      rp.deliver(api_outcome{err(500, texts::handler_error("identity store unavailable"))});
      return;
    }
    self
      ->request(st.identity, caf::infinite, login_atom::value, std::string{"auth/token/"},
                req.entity_alias, std::map<std::string, std::string>{})
      .then(
        [=](outcome<fetched_entity>& entity) mutable {
          if (!entity)
            rp.deliver(api_outcome{entity.error()});
          else if (entity->disabled)
            rp.deliver(api_outcome{err(403, texts::entity_alias_disabled)});
          else
            on_create(self, caller, sudo, req, known_policies, rp, &entity->id);
        },
        [=](caf::error&) mutable { rp.deliver(api_outcome{err(500, "internal error")}); });
    return;
  }
  rp.deliver(issue_planned(self, std::move(*plan)));
}

api_outcome issue_planned(self_ptr self, create_plan planned) {
  auto& st = self->state;
  auto plan = &planned;
  auto& e = plan->entry;
  if (e.type == token_type::batch)
    return store_detail::issue_batch(self, std::move(*plan));
  if (!plan->custom_id.empty()) {
    if (st.tokens.count(plan->custom_id) > 0)
      return err(400, texts::duplicate_token_id);
    e.id = plan->custom_id;
  } else {
    e.id = make_service_token_id(st.ids);
  }
  return issue(self, std::move(*plan));
}

// Gives a decided token its ID, accessor and cubbyhole, writes it in Vault's order and keeps
// it, a child of its parent's if it has one.
api_outcome issue(self_ptr self, create_plan plan) {
  auto& st = self->state;
  auto& e = plan.entry;
  if (e.type == token_type::batch)
    return store_detail::issue_batch(self, std::move(plan));
  if (e.id.empty())
    e.id = make_service_token_id(st.ids);
  e.accessor = make_accessor(st.ids);
  e.cubbyhole_id = st.cubbyhole_ids.base62(24);
  // Vault's order (spec §9.3): accessor index, parent index, the entry, then its lease.
  const auto& ctx = st.ctx;
  storage_put(self, ctx, keys::accessor(ctx, e.accessor));
  if (!e.parent.empty())
    storage_put(self, ctx, keys::parent(ctx, e.parent, e.id));
  storage_put(self, ctx, keys::token(ctx, e.id));
  storage_put(self, ctx, keys::token_lease(ctx, e.id, e));
  emit(self, ctx, trace_kind::token_created, trace_cause::none, e.id, [&](trace_event& ev) {
    ev.related = e.parent;
    ev.ttl = plan.ttl;
    ev.expires = e.expire_time;
  });
  auto& t = make_token(self, std::move(e));
  const auto& made = *t.second.entry;
  // Its first request's check, made now while its entry is in the cache: a fleet's token
  // makes its next request after minutes, when another 100,000 have been used (its entity's
  // ID and its policies would each be a cache miss then). A refused one checks again then.
  check_caller(st, t.second);
  if (!made.parent.empty())
    if (auto p = st.tokens.find(made.parent); p != st.tokens.end())
      ties_of(p->second).children.add(made.id.str(), caf::actor_cast<caf::actor>(self));
  api_response resp;
  resp.warnings = std::move(plan.warnings);
  resp.auth = auth_of(t.second, true);
  return resp;
}

// Renews a token (Vault: authRenew with the token's lease) and answers with its auth block.
api_outcome renew_token(self_ptr self, token_slot& t, const system_view& view,
                        sim_duration increment, const std::optional<token_role>& role,
                        bool shows_id) {
  auto& r = t.second;
  // A token being revoked is pending revocation (num_uses -1): not found.
  if (r.actor || r.entry->num_uses < 0)
    return err(400, texts::token_not_found);
  auto now = sim_now(self, self->state.ctx);
  auto d = plan_token_renew(*r.entry, increment, view, now, role ? &*role : nullptr);
  if (!d)
    return d.error();
  const auto& e = change_entry(r, [&](token_entry& x) { apply_renewal(x, *d, now); });
  const auto& ctx = *record_context(self->state, r);
  // The ID from the record's key, read by the lookup, not from the entry's (a line of its own).
  const std::string_view id = t.first;
  storage_put(self, ctx, keys::token_lease(ctx, id, e));
  arm(self, t);
  emit(self, ctx, trace_kind::token_renewed, trace_cause::none, id, [&](trace_event& ev) {
    ev.ttl = *d;
    ev.expires = e.expire_time;
  });
  api_response resp;
  resp.warnings = d->warnings;
  resp.auth = auth_of(r, shows_id);
  return resp;
}

std::optional<std::string> role_name(const std::string& path) {
  static const std::string prefix = "auth/token/roles/";
  if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  return path.substr(prefix.size());
}

std::vector<std::string> keys_of(const std::map<std::string, token_role>& roles) {
  std::vector<std::string> out;
  for (const auto& [name, r] : roles)
    out.push_back(name);
  return out;
}

api_response list_response(std::vector<std::string> keys) {
  api_response r;
  r.data = data_map{{"keys", std::move(keys)}};
  return r;
}

// The token endpoints' handlers (handleLookup, handleRenew*, handleRevoke*), for a caller
// authenticated and checked: by the core (lookup_atom, renew_atom, revoke_atom) or by the
// store itself (endpoint_atom).
void lookup_request(self_ptr self, const resolved_token& caller, const token_lookup_request& req,
                    const answer& done, token_slot* own = nullptr) {
  auto& st = self->state;
  if (req.by != token_selector::self && req.value.empty())
    return done(err(400, req.by == token_selector::accessor ? texts::missing_accessor
                                                            : texts::missing_token_id));
  if (auto batch = batch_target(caller, req.by, req.value)) {
    // A batch token shows what its blob holds (no accessor, no use count).
    with_batch(self, caller, *batch, [=](outcome<resolved_token> t) {
      if (!t)
        return done(err(403, texts::bad_token));
      api_response resp;
      resp.data = lookup_data(*t->entry, t->entry->id, sim_now(self, self->state.ctx),
                              self->state.ctx.epoch_unix);
      done(std::move(resp));
    });
    return;
  }
  auto target = find_target(st, caller, req.by, req.value, own);
  if (!target)
    return done(req.by == token_selector::accessor ? err(400, texts::invalid_accessor)
                                                   : err(403, texts::bad_token));
  // lookup shows the token as supplied; lookup-self the caller's; lookup-accessor none.
  std::string shown = req.by == token_selector::self       ? caller.entry->id.str()
                      : req.by == token_selector::accessor ? std::string{}
                                                           : req.value;
  auto now = sim_now(self, st.ctx);
  // The lookup endpoints use Vault's tainted lookup: a token on its last use
  // (num_uses -1) still shows; an expired or revoked one does not.
  const auto& e = *target->second.entry;
  if (!token_valid_at(e, now))
    return done(err(403, texts::bad_token));
  api_response resp;
  resp.data = lookup_data(e, shown, now, st.ctx.epoch_unix);
  done(std::move(resp));
}

void renew_request(self_ptr self, resolved_token caller, const token_renew_request& req,
                   const answer& done, token_slot* own = nullptr) {
  auto& st = self->state;
  if (auto batch = batch_target(caller, req.by, req.value)) {
    with_batch(self, caller, *batch, [=](outcome<resolved_token> t) {
      done(err(400, t ? texts::batch_cannot_renew : texts::token_not_found));
    });
    return;
  }
  auto target = find_target(st, caller, req.by, req.value, own);
  if (req.by != token_selector::self && req.value.empty())
    return done(err(400, req.by == token_selector::accessor ? texts::missing_accessor
                                                            : texts::missing_token_id));
  if (!target)
    return done(err(400, req.by == token_selector::accessor ? texts::invalid_accessor
                                                            : texts::token_not_found));
  // The token as supplied, which is its ID (its entry's, shared: no copy); renew-accessor
  // shows none.
  const bool shows_id = req.by != token_selector::accessor;
  // Renewal uses the normal lookup: a token on its last use is not found (§3.4).
  const auto& e = *target->second.entry;
  // Role tokens renew with their role's current values; a deleted role refuses.
  std::optional<token_role> role;
  if (!e.origin->role.empty()) {
    auto r = st.roles.find(e.origin->role);
    if (r == st.roles.end()) {
      // authRenew's plain error, prefixed by renewAuthEntry and wrapped by
      // request_handling.go's go-multierror.
      return done(vault_error::internal(texts::handler_error(
        texts::renew_entry_failed(texts::role_gone_not_renewing(e.origin->role)))));
    }
    role = r->second;
  }
  const auto view = view_for(st, target->second);
  // A token renewing itself: without the caller's hold, the store alone holds its entry
  // again, and the renewal changes it in place.
  caller.entry.reset();
  done(renew_token(self, *target, view, req.increment, role, shows_id));
}

void revoke_request(self_ptr self, resolved_token caller, bool sudo,
                    const token_revoke_request& req, const answer& done,
                    token_slot* own = nullptr) {
  auto& st = self->state;
  if (req.by != token_selector::self && req.value.empty())
    return done(err(400, req.by == token_selector::accessor ? texts::missing_accessor
                                                            : texts::missing_token_id));
  if (req.orphan_children && !sudo)
    return done(err(400, texts::sudo_for_revoke_orphan));
  api_response none;
  none.status = 204;
  if (auto batch = batch_target(caller, req.by, req.value)) {
    // Only a live batch token is refused; revoking an unknown one is a no-op.
    with_batch(self, caller, *batch, [=](outcome<resolved_token> t) {
      done(t ? api_outcome{err(400, texts::batch_cannot_revoke)} : api_outcome{none});
    });
    return;
  }
  auto target = find_target(st, caller, req.by, req.value, own);
  if (!target) {
    if (req.orphan_children)
      return done(err(400, texts::token_to_revoke_not_found));
    if (req.by == token_selector::accessor) {
      none.status = 200;
      none.warnings.emplace_back(texts::no_token_with_accessor);
    }
    return done(std::move(none)); // revoking an unknown token is a no-op
  }
  // A token revoking itself: without the caller's hold, the store alone holds its entry, and
  // the mark of its pending revocation is made in place.
  caller.entry.reset();
  // The answer and its 204, shared by both continuations (CAF copies each closure).
  auto reply = std::make_shared<std::pair<answer, api_response>>(done, std::move(none));
  if (store_detail::revoked_here(target->second))
    return store_detail::revoke_here(self, *target, trace_cause::request,
                                     [reply] { reply->first(std::move(reply->second)); });
  self
    ->request(store_detail::revoking_token(self, *target), caf::infinite, revoke_atom::value,
              trace_cause::request, req.orphan_children)
    .then([reply](bool) { reply->first(std::move(reply->second)); },
          [reply](caf::error&) { reply->first(std::move(reply->second)); });
}

// A lookup, renew or revoke by a presented token, in one message: the store authenticates it
// (as for resolve_atom), checks its entity and its ACL as the core would (actors/caller.hpp,
// with the replicas the core and the identity store publish here) and answers. A batch
// token, a use-limited one (its use is spent first, and its last use revokes it after the
// answer) and tidy are not handled here: the core resolves the token and routes them.
// `done` takes the answer; `not_here()` is called instead when the store leaves the request.
template <class NotHere>
void endpoint_request(self_ptr self, std::string_view token, const token_api_request& op,
                      const answer& done, NotHere not_here) {
  auto& st = self->state;
  if (is_batch_token_string(token) || std::holds_alternative<token_tidy_request>(op))
    return not_here();
  auto* t = live(st, token);
  const auto now = sim_now(self, st.ctx);
  if (!t || t->second.entry->num_uses < 0 || !token_valid_at(*t->second.entry, now))
    return done(err(403, texts::permission_denied));
  if (t->second.entry->num_uses > 0)
    return not_here();
  if (auto refused = check_caller(st, t->second))
    return done(std::move(*refused));
  const auto& checked = t->second.checked;
  auto caller = resolved_token{t->second.entry, t->first.view(), checked.entity, t->second.counted};
  const auto check = token_endpoint_check(op);
  if (!acl_allows(*checked.acl, check.path, check.needed))
    return done(vault_error::denied(std::string{texts::permission_denied}));
  std::visit(
    [&](const auto& r) {
      using op_t = std::decay_t<decltype(r)>;
      if constexpr (std::is_same_v<op_t, token_lookup_request>)
        lookup_request(self, caller, r, done, t);
      else if constexpr (std::is_same_v<op_t, token_renew_request>)
        renew_request(self, std::move(caller), r, done, t);
      else if constexpr (std::is_same_v<op_t, token_revoke_request>) {
        // revoke-orphan checks sudo on its own path (handleRevokeOrphan's SudoPrivilege).
        const bool sudo = acl_allows(*checked.acl, check.path, capability::sudo);
        revoke_request(self, std::move(caller), sudo, r, done, t);
      }
    },
    op);
}

// A login's token, as its mount issues it (the auth method and the identity store have
// answered: `auth`).
api_outcome login_token(self_ptr self, const std::string& mount, const std::string& path,
                        login_auth auth) {
  auto& st = self->state;
  auto m = st.auth_tunes.find(mount);
  auto view = m == st.auth_tunes.end() ? token_view(st) : effective_view(st.sys, m->second, mount);
  auto token_type =
    m == st.auth_tunes.end() ? std::string{"default-service"} : m->second.token_type;
  auto plan = plan_login(std::move(auth), mount, token_type, path, view, sim_now(self, st.ctx));
  if (!plan)
    return plan.error();
  return issue(self, std::move(*plan));
}

} // namespace

void store_detail::forget_token(token_store_state& st, const std::string& id, const tombstone& t) {
  auto it = st.tokens.find(id);
  if (it == st.tokens.end())
    return;
  st.timers.forget(it->second.timer);
  st.accessors.remove(*it);
  st.tokens.erase(it);
  if (auto l = st.lease_of.find(id); l != st.lease_of.end()) {
    st.token_leases.erase(l->second);
    if (!t.counted)
      st.gone_leases[l->second] = id;
    st.lease_of.erase(l);
  }
  if (!t.counted) // a fleet's tokens are too many to remember each
    st.gone[id] = t;
  if (auto parent = st.tokens.find(t.owner); parent != st.tokens.end() && parent->second.ties)
    parent->second.ties->children.remove(id);
}

bool store_detail::revoked_here(const live_token& r) {
  return r.revoking.active() ||
         (!r.actor && r.counted && (!r.ties || r.ties->children.size() == 0));
}

namespace {

// The registry that may hold the token's counted leases by token: the core's, for a token
// made while a fleet counted (the core holds a counted lease of such a token by token, and
// tells the store of no other: lease_registry::held).
caf::actor held_by(self_ptr self, const live_token& r) {
  if (!r.counted || !self->state.router)
    return {};
  return caf::actor_cast<caf::actor>(self->state.router);
}

// A token's leases as its revocation walks them, one after the other.
struct lease_walk {
  std::string token; ///< its ID (the record's key goes with the record)
  trace_cause cause;
  ordered_refs::entries leases; ///< taken from the record: each one's ID goes to its message
  caf::actor held_by; ///< the registry holding its counted leases by token, if it is counted
};

// Steps 3 to 5 and 7 of revokeInternal for a token the store revokes itself (actors/token.cpp
// finish_revocation and delete_entry): its own lease entry, its parent index and accessor
// entries, then its primary entry; it is counted revoked and forgotten, and its waiters go on.
void finish_here(self_ptr self, std::string id, trace_cause cause) { // id: a copy, the key goes
  auto& st = self->state;
  auto* t = live(st, id);
  if (!t)
    return;
  auto& r = t->second;
  const auto ctx = record_context(st, r); // the record goes below
  const auto entry = r.entry;
  const auto& e = *entry;
  delete_token_indexes(self, *ctx, e);
  storage_delete(self, *ctx, keys::token(*ctx, e.id));
  auto gone = emit_revoked(self, *ctx, trace_kind::token_revoked, cause, e.id, e.parent);
  auto waiters = r.revoking.take();
  store_detail::forget_token(st, id, gone);
  for (auto& w : waiters)
    w();
}

// Step 3: the token's leases, one after the other, each through its registry.
void revoke_leases_here(self_ptr self, std::shared_ptr<lease_walk> walk, std::size_t i) {
  if (i == walk->leases->size()) {
    // Then the counted leases its registry holds by the token, in one request.
    if (auto registry = std::exchange(walk->held_by, {}))
      return self
        ->request(registry, caf::infinite, revoke_atom::value, held_atom::value, walk->token,
                  trace_cause::owner_revoked)
        .then([self, walk, i](bool) { revoke_leases_here(self, walk, i); },
              [self, walk, i](caf::error&) { revoke_leases_here(self, walk, i); });
    return finish_here(self, std::move(walk->token), walk->cause);
  }
  auto next = [self, walk, i] { revoke_leases_here(self, walk, i + 1); };
  auto& [lease_id, registry] = (*walk->leases)[i];
  self
    ->request(registry, caf::infinite, revoke_atom::value, std::move(lease_id),
              trace_cause::owner_revoked)
    .then([next](bool) { next(); }, [next](caf::error&) { next(); });
}

} // namespace

void store_detail::revoke_here(self_ptr self, token_slot& t, trace_cause cause,
                               std::function<void()> waiter) {
  auto& r = t.second;
  if (!r.revoking.join(std::move(waiter)))
    return; // under way: it ends for this waiter too
  // Step 1: marked pending revocation (num_uses -1), as revoking_token marks it, and persisted.
  const auto& e = change_entry(r, [](token_entry& x) { x.num_uses = -1; });
  const auto ctx = record_context(self->state, r);
  storage_put(self, *ctx, keys::token(*ctx, e.id));
  // Step 2: the cubbyhole, before anything else goes.
  if (r.ties)
    destroy_cubbyhole(self, *ctx, e, *r.ties);
  auto leases = r.ties ? r.ties->leases.take() : ordered_refs{}.take();
  revoke_leases_here(self,
                     std::make_shared<lease_walk>(
                       lease_walk{t.first.str(), cause, std::move(leases), held_by(self, r)}),
                     0);
}

token_revoker store_detail::revoking_token(self_ptr self, token_slot& t) {
  auto& r = t.second;
  if (!r.actor) {
    // Step 1 of revokeInternal (spec §5.2): the entry is marked pending revocation (num_uses
    // -1, Vault's tokenRevocationPending) as its revocation starts, so that it no longer
    // authenticates; the actor persists the mark first thing.
    change_entry(r, [](token_entry& x) { x.num_uses = -1; });
    auto ties = r.ties ? std::move(*r.ties) : token_ties{};
    ties.held_by = held_by(self, r);
    r.actor = self->spawn(token_actor, r.entry, record_context(self->state, r),
                          caf::actor_cast<record_keeper>(self), std::move(ties));
    r.ties.reset();
  }
  return r.actor;
}

token_authority::behavior_type
token_store_actor(token_authority::stateful_pointer<token_store_state> self, sim_context ctx,
                  system_config sys) {
  self->state.ctx = std::move(ctx);
  self->state.sys = sys;
  self->state.ids = id_source{self->state.ctx.seed, id_stream::token_store};
  self->state.cubbyhole_ids = id_source{self->state.ctx.seed, id_stream::cubbyholes};
  self->state.barrier =
    barrier_keyring{self->state.ctx.barrier_seed.value_or(self->state.ctx.seed)};
  self->state.root_id = make_root_token(self, sim_time{});
  // Token actors are not linked (a link costs every other link a scan when it ends): the
  // store ends those revoking when it is told to exit.
  self->set_exit_handler([=](caf::exit_msg& msg) {
    for (const auto& [id, token] : self->state.tokens)
      if (token.actor)
        self->send_exit(token.actor, msg.reason);
    self->quit(msg.reason);
  });
  return {
    [=](resolve_atom, const token_id_string& value, bool by_accessor) {
      auto rp = self->make_response_promise<outcome<resolved_token>>();
      // An accessor only names a token for the capabilities endpoint; it never
      // authenticates (the core always resolves by token).
      if (!by_accessor && is_batch_token_string(value)) {
        store_detail::resolve_batch(
          self, value, [=](outcome<resolved_token> who) mutable { rp.deliver(std::move(who)); });
        return rp;
      }
      token_slot* t = nullptr;
      if (by_accessor) {
        t = self->state.accessors.find(self->state.tokens, value.str());
      } else {
        t = live(self->state, value);
      }
      if (!t) {
        rp.deliver(outcome<resolved_token>{err(403, texts::permission_denied)});
        return rp;
      }
      // The store's entry is the token's as of its last change (the store makes every
      // change itself); -1 (pending revocation, or a spent last use) never changes back.
      const auto& e = *t->second.entry;
      if (e.num_uses < 0 || !token_valid_at(e, sim_now(self, self->state.ctx)))
        rp.deliver(outcome<resolved_token>{err(403, texts::permission_denied)});
      else
        rp.deliver(outcome<resolved_token>{
          resolved_token{t->second.entry, t->first.view(), {}, t->second.counted}});
      return rp;
    },
    [=](create_atom, const resolved_token& caller, bool sudo, const token_create_request& req,
        const std::vector<std::string>& known) {
      auto rp = self->make_response_promise<api_outcome>();
      on_create(self, caller, sudo, req, known, rp);
      return rp;
    },
    // The identity store, for the entities of token roles' entity aliases.
    [=](identity_atom, const identity_service& identity) { self->state.identity = identity; },
    // Writes under auth/token/: roles, and the create endpoints with API fields.
    [=](write_atom, const resolved_token& caller, bool sudo, const logical_write_request& w,
        const std::vector<std::string>& known) -> caf::result<api_outcome> {
      auto& st = self->state;
      if (auto name = role_name(w.path)) {
        auto old = st.roles.find(*name);
        auto written = write_token_role(
          *name, w.fields, old == st.roles.end() ? nullptr : &old->second, token_view(st));
        if (!written)
          return api_outcome{written.error()};
        st.roles[*name] = written->role;
        storage_put(self, st.ctx, "sys/token/roles/" + *name);
        trace_event ev;
        ev.kind = trace_kind::config_written;
        ev.subject = w.path;
        emit(self, st.ctx, std::move(ev));
        api_response r;
        r.status = written->warnings.empty() ? 204 : 200;
        r.warnings = written->warnings;
        return api_outcome{std::move(r)};
      }
      if (w.path == "auth/token/create" || w.path == "auth/token/create-orphan" ||
          w.path.rfind("auth/token/create/", 0) == 0) {
        auto req = token_create_from_fields(w.path.substr(11), w.fields);
        if (!req)
          return api_outcome{req.error()};
        auto rp = self->make_response_promise<api_outcome>();
        on_create(self, caller, sudo, *req, known, rp);
        return rp;
      }
      return api_outcome{vault_error{404, {std::string{texts::unsupported_path}}}};
    },
    [=](read_atom, const std::string& path) -> api_outcome {
      auto& st = self->state;
      auto name = role_name(path);
      auto r = name ? st.roles.find(*name) : st.roles.end();
      if (r == st.roles.end())
        return vault_error{404, {}};
      api_response resp;
      resp.data = token_role_data(r->second);
      return resp;
    },
    [=](list_atom, const std::string& path) -> api_outcome {
      auto& st = self->state;
      if (path == "auth/token/roles" || path == "auth/token/roles/")
        return st.roles.empty() ? api_outcome{vault_error{404, {}}}
                                : api_outcome{list_response(keys_of(st.roles))};
      if (path == "auth/token/accessors" || path == "auth/token/accessors/") {
        return list_response(st.accessors.sorted(st.tokens));
      }
      return vault_error{404, {std::string{texts::unsupported_path}}};
    },
    [=](delete_path_atom, const std::string& path) -> api_outcome {
      auto& st = self->state;
      auto name = role_name(path);
      if (!name)
        return vault_error{405, {"unsupported operation"}};
      if (st.roles.erase(*name) > 0)
        storage_delete(self, st.ctx, "sys/token/roles/" + *name);
      api_response r;
      r.status = 204;
      return r;
    },
    [=](lookup_atom, const resolved_token& caller, const token_lookup_request& req) {
      auto rp = self->make_response_promise<api_outcome>();
      lookup_request(self, caller, req, [rp](api_outcome r) mutable { rp.deliver(std::move(r)); });
      return rp;
    },
    [=](renew_atom, const resolved_token& caller, const token_renew_request& req) {
      auto rp = self->make_response_promise<api_outcome>();
      renew_request(self, caller, req, [rp](api_outcome r) mutable { rp.deliver(std::move(r)); });
      return rp;
    },
    [=](revoke_atom, const resolved_token& caller, bool sudo, const token_revoke_request& req) {
      auto rp = self->make_response_promise<api_outcome>();
      revoke_request(self, caller, sudo, req,
                     [rp](api_outcome r) mutable { rp.deliver(std::move(r)); });
      return rp;
    },
    [=](endpoint_atom, const token_id_string& token, const token_api_request& op) {
      auto rp = self->make_response_promise<bool, api_outcome>();
      endpoint_request(
        self, token, op, [rp](api_outcome r) mutable { rp.deliver(true, std::move(r)); },
        [&rp] { rp.deliver(false, api_outcome{api_response{}}); });
      return rp;
    },
    // The core handed the client's counted request on: the answer goes to the client, as the
    // core would give it (the entity's policies shown; no request ID, as for any counted
    // request); a lookup (whose answer shows more of the entity) and what endpoint_request
    // leaves go back to the core.
    [=](endpoint_atom, vault_request& req) {
      auto rp = self->make_response_promise<api_outcome>();
      auto give_back = [&] {
        rp.delegate(self->state.router, request_atom::value, endpoint_atom::value, std::move(req));
      };
      auto op = token_api_of(req);
      if (!op || std::holds_alternative<token_lookup_request>(*op)) {
        give_back();
        return rp;
      }
      endpoint_request(
        self, req.token, *op,
        [self, rp](api_outcome r) mutable {
          show_answer(self->state.entities, r, {});
          rp.deliver(std::move(r));
        },
        give_back);
      return rp;
    },
    [=](endpoint_atom, request_router& router) { self->state.router = std::move(router); },
    [=](entity_atom, const std::string& id, entity_snapshot& now) {
      self->state.entities.keep(id, std::move(now));
      ++self->state.replicas;
    },
    [=](policy_atom, policy_store& now) {
      self->state.policies = std::move(now);
      ++self->state.replicas;
    },
    [=](tune_atom, const mount_tune_request& req) -> api_outcome {
      auto& st = self->state;
      bool token_mount = req.mount == "auth/token/";
      auto m = st.auth_tunes.find(req.mount);
      if (!token_mount && m == st.auth_tunes.end())
        return vault_error::invalid(texts::no_mount_to_tune(req.mount));
      auto& tune = token_mount ? st.tune : m->second;
      const auto kind = token_mount ? mount_kind::token : mount_kind::auth;
      auto tuned = apply_tune(tune, req, kind);
      if (tuned.tune != tune) {
        tune = tuned.tune;
        trace_event ev;
        ev.kind = trace_kind::mount_tuned;
        ev.subject = req.mount;
        ev.tune = tune_effect(st.sys, tune, req.mount, kind);
        emit(self, st.ctx, std::move(ev));
      }
      if (tuned.error)
        return *tuned.error;
      api_response done;
      done.status = 204;
      return done;
    },
    [=](tune_atom) { return token_view(self->state); },
    // A restart with a changed config file: tokens are kept, the system TTLs change.
    [=](restart_atom, const system_config& restarted) { self->state.sys = restarted; },
    // An auth method is disabled: revoke what it issued (actors/token_store_mounts.cpp).
    [=](revoke_atom, const std::string& mount) {
      auto rp = self->make_response_promise<bool>();
      store_detail::revoke_mount(self, mount, rp);
      return rp;
    },
    // The own values of every auth mount, auth/token/ included (vault auth list).
    [=](tune_atom, list_atom) {
      auto& st = self->state;
      mount_tunes out(st.auth_tunes.begin(), st.auth_tunes.end());
      out["auth/token/"] = st.tune;
      return out;
    },
    [=](tune_atom, const std::string& mount) { return mount_view(self->state, mount); },
    // An auth method was mounted: its tokens renew under its tune from now on.
    [=](enable_auth_atom, const std::string& mount) {
      self->state.auth_tunes.emplace(mount, mount_tune{});
    },
    // A login: the orphan token the auth method decided on (spec §2.6; 3 storage writes).
    [=](login_atom, const std::string& mount, const std::string& path, login_auth& auth)
      -> api_outcome { return login_token(self, mount, path, std::move(auth)); },
    // The same for a counted request, whose login the core hands on: the answer goes to the
    // client as the core would give it (the entity's policies shown, no request ID).
    [=](login_atom, endpoint_atom, const std::string& mount, const std::string& path,
        login_auth& auth) -> api_outcome {
      auto r = login_token(self, mount, path, std::move(auth));
      show_answer(self->state.entities, r, {});
      return r;
    },
    [=](gone_atom, const std::string& id, const tombstone& t) {
      store_detail::forget_token(self->state, id, t);
    },
    [=](lease_atom, const std::string& token_id, const std::string& lease_id,
        const caf::actor& registry) {
      if (auto* t = live(self->state, token_id))
        ties_of(t->second).leases.add(lease_id, registry);
    },
    [=](unlease_atom, const std::string& token_id, const std::string& lease_id) {
      if (auto* t = live(self->state, token_id); t && t->second.ties)
        t->second.ties->leases.remove(lease_id);
    },
    // The expiration manager's token leases under a prefix, for the core's sys/leases/.
    [=](lease_atom, list_atom, const std::string& prefix) {
      auto& st = self->state;
      token_lease_refs out;
      for (auto it = st.token_leases.lower_bound(prefix);
           it != st.token_leases.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        if (st.tokens.count(it->second) > 0)
          out.by_id.emplace(it->first, it->second);
      return out;
    },
    [=](state_atom, const std::string& id) {
      auto& st = self->state;
      if (is_batch_token_string(id))
        return store_detail::batch_state(st, id, sim_now(self, st.ctx));
      if (st.tokens.count(id) > 0)
        return life_state::valid;
      auto g = st.gone.find(id);
      return g == st.gone.end() ? life_state::unknown : g->second.state;
    },
    // A token's lease ends with its token (RegisterAuth's lease is revoked or expires with
    // it), so its state is the token's: what `vault lease lookup` finds or no longer finds.
    [=](state_atom, lease_atom, const std::string& lease_id) {
      auto& st = self->state;
      if (auto l = st.token_leases.find(lease_id); l != st.token_leases.end())
        return st.tokens.count(l->second) > 0 ? life_state::valid : life_state::unknown;
      auto g = st.gone_leases.find(lease_id);
      if (g == st.gone_leases.end())
        return life_state::unknown;
      auto t = st.gone.find(g->second);
      return t == st.gone.end() ? life_state::unknown : t->second.state;
    },
    [=](entry_atom) { return self->state.root_id; },
    // One live service token, by ID. A request for a token that is gone fails (as a
    // request to an actor that ended would).
    [=](entry_atom, const std::string& id) -> caf::result<token_entry> {
      auto* t = live(self->state, id);
      if (!t)
        return gone_token();
      return *t->second.entry;
    },
    [=](use_atom, const std::string& id) -> caf::result<shared_entry> {
      auto* t = live(self->state, id);
      if (!t)
        return gone_token();
      auto& r = t->second;
      if (r.entry->num_uses > 0 && !r.actor) {
        // The last use leaves -1 (pending revocation) until the request completes.
        const auto& e = change_entry(
          r, [](token_entry& x) { x.num_uses = x.num_uses == 1 ? -1 : x.num_uses - 1; });
        const auto& its = *record_context(self->state, r);
        storage_put(self, its, keys::token(its, e.id));
        trace_event ev;
        ev.kind = trace_kind::token_used;
        ev.subject = e.id;
        ev.uses_left = e.num_uses;
        emit(self, its, std::move(ev));
      }
      return r.entry;
    },
    [=](cubby_atom, const std::string& id, cubby_op op, const std::string& path,
        const std::map<std::string, std::string>& fields) -> caf::result<api_outcome> {
      auto* t = live(self->state, id);
      if (!t)
        return gone_token();
      return cubbyhole_op(self, t->second, op, path, fields);
    },
    [=](revoke_atom, const std::string& id, trace_cause cause,
        bool orphan_children) -> caf::result<bool> {
      auto* t = live(self->state, id);
      if (!t)
        return true; // gone already
      if (store_detail::revoked_here(t->second)) { // no child: orphan_children changes nothing
        auto rp = self->make_response_promise<bool>();
        store_detail::revoke_here(self, *t, cause, [rp]() mutable { rp.deliver(true); });
        return rp;
      }
      self->delegate(store_detail::revoking_token(self, *t), revoke_atom::value, cause,
                     orphan_children);
      return caf::delegated<bool>{};
    },
    // Its parent is revoked -mode=orphan: it stays, with no parent (replies when done). One
    // being revoked itself goes anyway.
    [=](orphan_atom, const std::string& id) {
      auto* t = live(self->state, id);
      if (!t || t->second.in_revocation())
        return true;
      auto& r = t->second;
      auto former = r.entry->parent;
      const auto& e = change_entry(r, [](token_entry& x) { x.parent.clear(); });
      const auto& its = *record_context(self->state, r);
      storage_put(self, its, keys::token(its, e.id));
      trace_event ev;
      ev.kind = trace_kind::token_orphaned;
      ev.subject = e.id;
      ev.related = former;
      emit(self, its, std::move(ev));
      return true;
    },
    // A token's TTL timer fired: it expires, and its actor revokes it (a fleet's: the store).
    [=](expire_atom, std::uint64_t number) {
      auto* t = self->state.timers.fired(number);
      if (!t || t->second.in_revocation()) // gone, or being revoked
        return;
      emit_expiry(self, *record_context(self->state, t->second), trace_kind::token_expired,
                  t->first);
      if (store_detail::revoked_here(t->second))
        return store_detail::revoke_here(self, *t, trace_cause::ttl_expired, nullptr);
      self->send(store_detail::revoking_token(self, *t), expire_atom::value);
    },
    // `vault operator generate-root` completed: a new root token (GenerateRootUpdate).
    [=](entry_atom, create_atom) {
      auto& st = self->state;
      auto id = make_root_token(self, sim_now(self, st.ctx));
      trace_event ev;
      ev.kind = trace_kind::token_created;
      ev.subject = id;
      emit(self, st.ctx, std::move(ev));
      return id;
    },
  };
}

} // namespace tokenlab
