#include "actors/auth_method.hpp"

#include "actors/messages.hpp"
#include "model/texts.hpp"

namespace tokenlab {

namespace {

using self_ptr = auth_method::stateful_pointer<auth_method_state>;

// The path relative to the mount; nullopt when the request is not for this mount.
std::optional<std::string> relative(const auth_method_state& st, const std::string& path) {
  if (path.compare(0, st.mount.size(), st.mount) == 0)
    return path.substr(st.mount.size());
  // The mount itself, written without its trailing slash.
  if (path + "/" == st.mount)
    return std::string{};
  return std::nullopt;
}

vault_error not_this_mount(const std::string& path) {
  return vault_error{404, {texts::no_handler_for_route(path)}};
}

vault_error unmodelled(const auth_method_state& st) {
  return vault_error::invalid(texts::not_modelled("the " + st.type + " auth method"));
}

auth_env env_of(self_ptr self) {
  auto& st = self->state;
  auth_env env;
  env.now = sim_now(self, st.ctx);
  env.view = st.view;
  env.github = st.ctx.github.get();
  env.uuid = [self] { return self->state.ids.uuid(); };
  return env;
}

// Emits what the backend recorded and arms the tidy timer for its next due work.
void after(self_ptr self) {
  auto& st = self->state;
  if (!st.backend)
    return;
  for (auto& e : st.backend->take_events()) {
    trace_event ev;
    switch (e.what) {
      case auth_event::kind::config_written:
        ev.kind = trace_kind::config_written;
        ev.subject = st.mount + e.subject;
        break;
      case auth_event::kind::credential_created: ev.kind = trace_kind::credential_created; break;
      case auth_event::kind::credential_deleted: ev.kind = trace_kind::credential_deleted; break;
    }
    if (ev.subject.empty())
      ev.subject = std::move(e.subject);
    ev.config = std::move(e.config);
    ev.credential = std::move(e.credential);
    emit(self, st.ctx, std::move(ev));
  }
  auto next = st.backend->next_tidy();
  if (!next || *next > sim_end || (st.tidy_timer && *st.tidy_timer <= *next))
    return;
  const auto now = sim_now(self, st.ctx);
  st.tidy_timer = *next;
  self->delayed_send(self, *next > now ? *next - now : sim_duration::zero(), expire_atom::value,
                     std::string{"tidy"});
}

// Runs `op` on the backend with the request's path made relative, then traces.
template <class T, class F>
outcome<T> with_backend(self_ptr self, const std::string& path, F op) {
  auto& st = self->state;
  if (!st.backend)
    return unmodelled(st);
  auto sub = relative(st, path);
  if (!sub)
    return not_this_mount(path);
  auto env = env_of(self);
  st.backend->tidy(env.now);
  outcome<T> out = op(*sub, env);
  after(self);
  return out;
}

} // namespace

auth_method::behavior_type auth_method_actor(auth_method::stateful_pointer<auth_method_state> self,
                                             sim_context ctx, std::string mount, std::string type,
                                             system_view view) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.mount = std::move(mount);
  if (st.mount.empty() || st.mount.back() != '/')
    st.mount += '/';
  st.type = std::move(type);
  st.view = std::move(view);
  st.backend = make_auth_backend(st.type);
  // Each mount draws from its own stream, so mounts don't disturb each other's IDs.
  st.ids = mount_ids(st.ctx.seed, st.mount);
  return {
    [=](write_atom, const logical_write_request& req) -> api_outcome {
      return with_backend<api_response>(self, req.path, [&](const std::string& sub, auth_env& env) {
        return self->state.backend->write(sub, req.fields, env);
      });
    },
    [=](read_atom, const std::string& path, const std::string&) -> outcome<secret_result> {
      auto r = with_backend<api_response>(self, path, [&](const std::string& sub, auth_env& env) {
        return self->state.backend->read(sub, env);
      });
      if (!r)
        return r.error();
      secret_result out;
      if (r->data)
        out.data = std::move(*r->data);
      out.renewable = false;
      return out;
    },
    [=](list_atom, const std::string& path) -> api_outcome {
      return with_backend<api_response>(self, path, [&](const std::string& sub, auth_env& env) {
        return self->state.backend->list(sub, env);
      });
    },
    [=](delete_path_atom, const std::string& path) -> api_outcome {
      return with_backend<api_response>(self, path, [&](const std::string& sub, auth_env& env) {
        return self->state.backend->remove(sub, env);
      });
    },
    [=](login_atom, const std::string& path,
        const std::map<std::string, std::string>& fields) -> outcome<login_auth> {
      return with_backend<login_auth>(self, path, [&](const std::string& sub, auth_env& env) {
        return self->state.backend->login(sub, fields, env);
      });
    },
    [=](tune_atom, const system_view& v) {
      self->state.view = v;
      return true;
    },
    [=](state_atom, const std::string& key) {
      auto& s = self->state;
      if (!s.backend)
        return life_state::unknown;
      s.backend->tidy(sim_now(self, s.ctx));
      after(self);
      auto live = s.backend->credential_live(key);
      if (!live)
        return life_state::unknown;
      return *live ? life_state::active : life_state::deleted;
    },
    [=](expire_atom, const std::string&) {
      auto& s = self->state;
      s.tidy_timer.reset();
      if (!s.backend)
        return;
      s.backend->tidy(sim_now(self, s.ctx));
      after(self);
    },
  };
}

} // namespace tokenlab
