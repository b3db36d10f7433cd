#include "actors/identity_store.hpp"

#include "actors/messages.hpp"

#include <algorithm>

namespace tokenlab {

namespace {

using self_ptr = identity_service::stateful_pointer<identity_store_state>;

constexpr std::string_view mount = "identity/";

std::string relative(const std::string& path) {
  return path.size() > mount.size() ? path.substr(mount.size()) : std::string{};
}

// Each change rewrites the entity's storage bucket, and says what it was; then each entity
// changed is published as it is now (once, however many changes it had).
void record_changes(self_ptr self) {
  auto& st = self->state;
  std::vector<std::string> changed;
  for (auto& change : st.store.take_changes()) {
    trace_event ev;
    ev.kind = trace_kind::config_written;
    ev.subject = "identity/entity/id/" + change.entity_id;
    ev.config = std::move(change.what);
    emit(self, st.ctx, std::move(ev));
    storage_put(self, st.ctx, st.view + entity_bucket(change.entity_id));
    if (std::find(changed.begin(), changed.end(), change.entity_id) == changed.end())
      changed.push_back(std::move(change.entity_id));
  }
  for (const auto& id : changed) {
    const auto* e = st.store.find(id);
    auto now = e ? std::make_shared<const identity_entity>(*e) : entity_snapshot{};
    for (const auto& subscriber : st.publish_to)
      self->send(subscriber, entity_atom::value, id, now);
  }
}

} // namespace

identity_service::behavior_type
identity_store_actor(identity_service::stateful_pointer<identity_store_state> self, sim_context ctx,
                     std::vector<entity_subscriber> publish_to) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.publish_to = std::move(publish_to);
  st.store = identity_store{st.ctx.seed};
  // Vault keys the bucket under the identity mount's view, logical/<mount uuid>/; the lab
  // names the mount, as it does for kv and the cubbyholes.
  st.view = "logical/identity/";
  return {
    [=](write_atom, const logical_write_request& w) -> api_outcome {
      auto& s = self->state;
      auto out = s.store.write(relative(w.path), w.fields, sim_now(self, s.ctx), s.ctx.epoch_unix);
      record_changes(self);
      return out;
    },
    [=](read_atom, const std::string& path) -> api_outcome {
      return self->state.store.read(relative(path), self->state.ctx.epoch_unix);
    },
    [=](list_atom, const std::string& path) -> api_outcome {
      return self->state.store.list(relative(path));
    },
    [=](delete_path_atom, const std::string& path) -> api_outcome {
      auto out = self->state.store.remove(relative(path));
      record_changes(self);
      return out;
    },
    [=](enable_auth_atom, const identity_mount& m) { self->state.store.add_mount(m); },
    [=](unmount_atom, const std::string& path) { self->state.store.remove_mount(path); },
    [=](login_atom, const std::string& mount_path, const std::string& alias,
        const std::map<std::string, std::string>& metadata) -> outcome<fetched_entity> {
      auto& s = self->state;
      auto out = s.store.create_or_fetch(mount_path, alias, metadata, sim_now(self, s.ctx));
      record_changes(self);
      return out;
    },
  };
}

} // namespace tokenlab
