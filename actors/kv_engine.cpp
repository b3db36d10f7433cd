#include "actors/kv_engine.hpp"

#include "actors/messages.hpp"
#include "clock/duration.hpp"
#include "model/fields.hpp"
#include "model/paths.hpp"
#include "model/texts.hpp"

#include <vector>

namespace tokenlab {

namespace {

using self_ptr = logical_engine::stateful_pointer<kv_engine_state>;

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

// The path relative to the mount (passthrough's `path` field, framework.MatchAllRegex).
std::string relative(const kv_engine_state& st, const std::string& path) {
  return path.size() > st.mount.size() ? path.substr(st.mount.size()) : std::string{};
}

std::string logical_key(const kv_engine_state& st, const std::string& key) {
  return "logical/" + st.mount + key;
}

outcome<api_response> on_write(self_ptr self, const logical_write_request& req) {
  auto& st = self->state;
  auto key = relative(st, req.path);
  if (key.empty())
    return vault_error::invalid(std::string{texts::kv_missing_path});
  if (req.fields.empty())
    return vault_error::invalid(std::string{texts::missing_data_fields});
  st.entries[key] = req.fields;
  storage_put(self, st.ctx, logical_key(st, key));
  return no_content();
}

// passthrough handleRead: the data as stored; the refresh interval is the `ttl` key (or,
// without one, `lease`) when it parses as parseutil.ParseDurationSecond does, else the
// mount's default lease TTL, which the core knows. With leases (b.generateLeases), the same
// TTL is the lease's, renewable whenever the key is there, parseable or not.
outcome<secret_result> on_read(self_ptr self, const std::string& path) {
  auto& st = self->state;
  auto it = st.entries.find(relative(st, path));
  if (it == st.entries.end())
    return vault_error{404, {}};
  secret_result out;
  for (const auto& [k, v] : it->second)
    out.data[k] = v;
  out.renewable = false;
  auto ttl = it->second.find("ttl");
  if (ttl == it->second.end())
    ttl = it->second.find("lease");
  if (ttl != it->second.end()) {
    auto d = parse_duration_text(ttl->second, nullptr);
    if (d) {
      out.ttl = *d;
      out.ttl_from_data = true;
    }
  }
  if (st.leased) {
    // b.Secret("kv").Response: the core registers the lease; its ID is <mount><path>/<id>.
    out.handle = it->first;
    out.renewable = ttl != it->second.end();
    out.renew_panics = true;
  }
  return out;
}

// passthrough handleList: the keys one level below the prefix, folders with a trailing '/'.
api_outcome on_list(self_ptr self, const std::string& path) {
  auto& st = self->state;
  auto prefix = relative(st, path);
  if (!prefix.empty() && prefix.back() != '/')
    prefix += '/';
  auto keys = next_segments(st.entries, prefix);
  // logical.ListResponse omits `keys` when there are none; the HTTP layer then answers 404.
  if (keys.empty())
    return vault_error{404, {}};
  api_response r;
  r.data = data_map{{"keys", keys}};
  return r;
}

api_outcome on_delete(self_ptr self, const std::string& path) {
  auto& st = self->state;
  auto key = relative(st, path);
  if (st.entries.erase(key) > 0)
    storage_delete(self, st.ctx, logical_key(st, key));
  return no_content();
}

} // namespace

logical_engine::behavior_type kv_engine_actor(logical_engine::stateful_pointer<kv_engine_state> self,
                                              sim_context ctx, std::string mount, bool leased) {
  auto& st = self->state;
  st.ctx = std::move(ctx);
  st.mount = std::move(mount);
  st.leased = leased;
  // Each mount draws from its own stream, so mounts don't disturb each other's IDs.
  st.ids = mount_ids(st.ctx.seed, st.mount);
  return {
    [=](write_atom, const logical_write_request& req) -> api_outcome {
      return on_write(self, req);
    },
    [=](read_atom, const engine_read& r) { return on_read(self, r.path); },
    [=](list_atom, const std::string& path) { return on_list(self, path); },
    [=](delete_path_atom, const std::string& path) { return on_delete(self, path); },
    // The mount is disabled: its storage view is cleared.
    [=](unmount_atom) {
      auto& s = self->state;
      for (const auto& [key, value] : s.entries)
        storage_delete(self, s.ctx, logical_key(s, key));
      s.entries.clear();
      return true;
    },
    // The kv secret's Revoke is a no-op: the data stays (passthrough.go).
    [=](unsecret_atom, const std::string&) { return true; },
    [=](state_atom, const std::string&) { return life_state::unknown; },
  };
}

} // namespace tokenlab
