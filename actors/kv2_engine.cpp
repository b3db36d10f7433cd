#include "actors/kv2_engine.hpp"

namespace tokenlab {

namespace {

using self_ptr = versioned_kv_engine::stateful_pointer<kv2_engine_state>;

std::string metadata_key(const kv2_engine_state& st, const std::string& key) {
  return "logical/" + st.mount + "metadata/" + key;
}

// getVersionKey: the salted "<key>|<version>", split after three characters.
std::string version_key(const kv2_engine_state& st, const std::string& key, std::uint64_t n) {
  auto s = salted(st.ctx, key + "|" + std::to_string(n)).substr(1);
  auto head = s.substr(0, std::min<std::size_t>(3, s.size()));
  auto tail = s.size() > 3 ? s.substr(3) : std::string{};
  return "logical/" + st.mount + "versions/" + head + "/" + tail;
}

void write_storage(self_ptr self, const kv2::storage_change& c) {
  auto& st = self->state;
  // The plugin's order: the version's data, then the key metadata, then the cleanup.
  for (const auto& [key, n] : c.version_put)
    storage_put(self, st.ctx, version_key(st, key, n));
  for (const auto& key : c.metadata_put)
    storage_put(self, st.ctx, metadata_key(st, key));
  if (c.config_put)
    storage_put(self, st.ctx, "logical/" + st.mount + "config");
  for (const auto& [key, n] : c.version_deleted)
    storage_delete(self, st.ctx, version_key(st, key, n));
  for (const auto& key : c.metadata_deleted)
    storage_delete(self, st.ctx, metadata_key(st, key));
}

} // namespace

versioned_kv_engine::behavior_type
kv2_engine_actor(versioned_kv_engine::stateful_pointer<kv2_engine_state> self, sim_context ctx,
                 std::string mount) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.mount = std::move(mount);
  return {
    [=](kv2_atom, const kv2::request& req) -> api_outcome {
      auto& s = self->state;
      kv2::storage_change change;
      auto out = s.store.handle(req, sim_now(self, s.ctx), s.ctx.epoch_unix, change);
      write_storage(self, change);
      return out;
    },
    [=](unmount_atom) {
      // Disabling the mount clears its storage view: every version and record.
      auto& s = self->state;
      kv2::storage_change change;
      for (const auto& key : s.store.keys()) {
        kv2::request del{kv2::operation::del, "metadata/" + key, {}, {}};
        (void)s.store.handle(del, sim_now(self, s.ctx), s.ctx.epoch_unix, change);
      }
      write_storage(self, change);
      return true;
    },
    [=](unsecret_atom, const std::string&) { return true; },
    [=](state_atom, const std::string&) { return life_state::unknown; },
  };
}

} // namespace tokenlab
