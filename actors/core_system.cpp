// The system backend's parts of the core (vault/logical_system.go): ACL policies,
// capabilities, the token mount's tune, and mounting secrets engines.

#include "actors/aws_engine.hpp"
#include "actors/core_internal.hpp"
#include "clock/duration.hpp"
#include "model/go_text.hpp"

#include <caf/event_based_actor.hpp>

namespace tokenlab::core_detail {

void write_policy(self_ptr self, const std::string& name, const std::string& text,
                  const reply& done) {
  auto& st = self->state;
  auto put = st.policies.put(name, text);
  if (!put)
    return done(put.error());
  auto warnings = *put;
  trace_event ev;
  ev.kind = trace_kind::config_written;
  ev.subject = "sys/policies/acl/" + name;
  emit(self, st.ctx, std::move(ev));
  storage_put(self, st.ctx, "sys/policy/" + name);
  if (warnings.empty())
    return done(no_content());
  api_response r;
  r.warnings = std::move(warnings);
  done(std::move(r));
}

void read_policy(self_ptr self, const std::string& name, const reply& done) {
  auto p = self->state.policies.find(name);
  if (!p)
    return done(vault_error{404, {}});
  api_response r;
  r.data = data_map{{"name", field_value{p->name}}, {"rules", field_value{p->text}}};
  done(std::move(r));
}

void delete_policy(self_ptr self, const std::string& name, const reply& done) {
  auto& st = self->state;
  auto removed = st.policies.remove(name);
  if (!removed)
    return done(removed.error());
  if (*removed)
    storage_delete(self, st.ctx, "sys/policy/" + name);
  done(no_content());
}

void on_capabilities(self_ptr self, const resolved_token& who, const capabilities_request& c,
                     const reply& done) {
  auto endpoint = c.by == token_selector::self       ? "sys/capabilities-self"
                  : c.by == token_selector::accessor ? "sys/capabilities-accessor"
                                                     : "sys/capabilities";
  if (!allows(self, who, endpoint, capability::update))
    return done(denied());
  auto respond = [self, done, path = c.path](const std::vector<std::string>& policies) {
    auto names = capability_names(self->state.policies, policies, path);
    api_response r;
    r.data = data_map{{"capabilities", field_value{names}}, {path, field_value{names}}};
    done(std::move(r));
  };
  if (c.by == token_selector::self)
    return respond(who.entry.policies);
  bool by_accessor = c.by == token_selector::accessor;
  self->request(self->state.store, caf::infinite, resolve_atom::value, c.value, by_accessor)
    .then([=](outcome<resolved_token>& target) {
      if (!target)
        return done(vault_error::invalid(
          std::string{by_accessor ? texts::invalid_accessor : texts::invalid_token}));
      respond(target->entry.policies);
    });
}

void on_enable(self_ptr self, const resolved_token& who, const secrets_enable_request& r,
               const reply& done) {
  auto& st = self->state;
  if (!allows(self, who, "sys/mounts/" + r.path, capability::update))
    return done(denied());
  if (st.mounts.count(r.path) > 0)
    return done(vault_error{409, {texts::path_in_use(r.path)}});
  if (r.type != "aws")
    return done(
      vault_error::invalid(texts::not_modelled("secrets engine \"" + r.type + "\"") + " (aws is)"));
  auto engine = self->spawn<caf::linked>(aws_engine_actor, st.ctx, r.path);
  st.mounts[r.path] = mount_entry{r.type, engine, {}};
  trace_event ev;
  ev.kind = trace_kind::engine_enabled;
  ev.subject = r.path;
  ev.detail = r.type;
  emit(self, st.ctx, std::move(ev));
  done(no_content());
}

void read_tune(self_ptr self, const reply& done) {
  self->request(self->state.store, caf::infinite, tune_atom::value).then([=](system_view& v) {
    data_map d;
    d["default_lease_ttl"] = whole_seconds(v.default_lease_ttl);
    d["description"] = std::string{"token based credentials"};
    d["force_no_cache"] = false;
    d["max_lease_ttl"] = whole_seconds(v.max_lease_ttl);
    d["token_type"] = std::string{"default-service"};
    api_response resp;
    resp.data = std::move(d);
    done(std::move(resp));
  });
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

} // namespace tokenlab::core_detail
