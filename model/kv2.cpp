#include "model/kv2.hpp"

#include "clock/calendar.hpp"
#include "clock/duration.hpp"
#include "model/paths.hpp"
#include "model/texts.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace tokenlab::kv2 {

namespace {

bool under(const std::string& path, std::string_view prefix) {
  return path.compare(0, prefix.size(), prefix) == 0;
}

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

// logical.RespondWithStatusCode(resp, req, 404): the body is kept.
api_response not_found_with(data_map data, std::vector<std::string> warnings = {}) {
  api_response r;
  r.status = 404;
  if (!data.empty())
    r.data = std::move(data);
  r.warnings = std::move(warnings);
  return r;
}

// ptypesTimestampToString: RFC3339Nano in UTC; "" for no time.
std::string stamp(const std::optional<sim_time>& t, std::int64_t epoch) {
  return t ? format_rfc3339(*t, epoch) : std::string{};
}

field_value custom(const std::map<std::string, std::string>& m) {
  // A nil map (never set, or emptied: protobuf keeps no empty map) is JSON null.
  return m.empty() ? field_value{} : field_value{m};
}

// The version fields a write returns and a read shows under `metadata`.
data_map version_fields(std::uint64_t n, const version_meta& v, const key_metadata& meta,
                        std::int64_t epoch) {
  return data_map{{"version", static_cast<std::int64_t>(n)},
                  {"created_time", stamp(v.created, epoch)},
                  {"deletion_time", stamp(v.deletion, epoch)},
                  {"destroyed", v.destroyed},
                  {"custom_metadata", custom(meta.custom_metadata)}};
}

bool deleted_by(const version_meta& v, sim_time now) {
  return v.deletion && *v.deletion <= now;
}

// mapstructure.WeakDecode of a value into an int: numbers, booleans and numeric strings.
std::optional<std::int64_t> weak_int(const field_value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v))
    return *n;
  if (const auto* b = std::get_if<bool>(&v))
    return *b ? 1 : 0;
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (s->empty())
      return 0;
    char* end = nullptr;
    const long long n = std::strtoll(s->c_str(), &end, 0);
    if (end != nullptr && *end == '\0')
      return n;
  }
  return std::nullopt;
}

std::optional<bool> weak_bool(const field_value& v) {
  if (const auto* b = std::get_if<bool>(&v))
    return *b;
  if (const auto* n = std::get_if<std::int64_t>(&v))
    return *n != 0;
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (*s == "1" || *s == "t" || *s == "T" || *s == "true" || *s == "TRUE" || *s == "True")
      return true;
    if (s->empty() || *s == "0" || *s == "f" || *s == "F" || *s == "false" || *s == "FALSE" ||
        *s == "False")
      return false;
  }
  return std::nullopt;
}

// A map field (TypeMap): the CLI's JSON object, or nothing the lab can read.
const std::map<std::string, std::string>* string_map(const data_map& body, const char* key) {
  auto it = body.find(key);
  return it == body.end() ? nullptr : std::get_if<std::map<std::string, std::string>>(&it->second);
}

// TypeCommaIntSlice: a list of numbers, each item possibly "1,2".
outcome<std::vector<std::uint64_t>> versions_of(const data_map& body) {
  std::vector<std::uint64_t> out;
  auto it = body.find("versions");
  if (it == body.end())
    return out;
  std::vector<std::string> items;
  if (const auto* s = std::get_if<std::string>(&it->second))
    items.push_back(*s);
  else if (const auto* xs = std::get_if<std::vector<std::string>>(&it->second))
    items = *xs;
  else if (const auto* n = std::get_if<std::int64_t>(&it->second))
    items.push_back(std::to_string(*n));
  for (const auto& item : items) {
    std::size_t at = 0;
    while (at <= item.size()) {
      auto comma = item.find(',', at);
      auto part = item.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      if (!part.empty()) {
        char* end = nullptr;
        const long long n = std::strtoll(part.c_str(), &end, 10);
        if (end == nullptr || *end != '\0')
          return vault_error::invalid(
            texts::not_modelled("a version that is not a whole number (\"" + part + "\")"));
        out.push_back(static_cast<std::uint64_t>(n));
      }
      if (comma == std::string::npos)
        break;
      at = comma + 1;
    }
  }
  return out;
}

std::uint32_t effective_max(std::uint32_t key_max, std::uint32_t config_max) {
  const auto m = std::max(key_max, config_max);
  return m > 0 ? m : default_max_versions;
}

// The settings a metadata or config write may carry (max_versions, cas_required,
// delete_version_after): what was given, parsed as the plugin's field types read it.
struct settings {
  bool any = false;
  std::optional<std::int64_t> max_versions;
  std::optional<bool> cas_required;
  std::optional<sim_duration> delete_version_after;
};

outcome<settings> settings_of(const data_map& body) {
  settings out;
  if (auto it = body.find("max_versions"); it != body.end()) {
    out.any = true;
    if (!(out.max_versions = weak_int(it->second)))
      return vault_error::invalid(texts::not_modelled("a max_versions that is not a whole number"));
  }
  if (auto it = body.find("cas_required"); it != body.end()) {
    out.any = true;
    if (!(out.cas_required = weak_bool(it->second)))
      return vault_error::invalid(texts::not_modelled("a cas_required that is not a boolean"));
  }
  if (auto it = body.find("delete_version_after"); it != body.end()) {
    out.any = true;
    auto& d = out.delete_version_after;
    if (const auto* text = std::get_if<std::string>(&it->second))
      d = text->empty()             ? std::optional<sim_duration>{sim_duration::zero()}
          : (*text)[0] == '-'       ? std::optional<sim_duration>{secs(-1)}
                                    : parse_duration(*text);
    else if (const auto* n = std::get_if<std::int64_t>(&it->second))
      d = secs(*n);
    if (!d)
      return vault_error::invalid(
        texts::not_modelled("a delete_version_after that is not a duration"));
  }
  return out;
}

} // namespace

std::string invalid_path_warning(operation op) {
  switch (op) {
    case operation::write: return texts::kv2_invalid_path("put");
    case operation::read: return texts::kv2_invalid_path("get");
    case operation::list: return texts::kv2_invalid_path("list");
    case operation::del: return texts::kv2_invalid_path("delete");
    case operation::patch: return texts::kv2_invalid_path("patch");
  }
  return {};
}

std::string go_duration_string(sim_duration d) {
  std::int64_t ms = d.count();
  if (ms == 0)
    return "0s";
  std::string sign = ms < 0 ? "-" : "";
  ms = std::llabs(ms);
  const std::int64_t h = ms / 3600000;
  const std::int64_t m = (ms / 60000) % 60;
  const std::int64_t s = (ms / 1000) % 60;
  const std::int64_t frac = ms % 1000;
  std::string secs = std::to_string(s);
  if (frac != 0) {
    std::string f = std::to_string(frac + 1000).substr(1);
    while (f.back() == '0')
      f.pop_back();
    secs += "." + f;
  }
  if (h == 0 && m == 0) {
    if (s == 0) // under a second: Go prints milliseconds
      return sign + std::to_string(frac) + "ms";
    return sign + secs + "s";
  }
  if (h == 0)
    return sign + std::to_string(m) + "m" + secs + "s";
  return sign + std::to_string(h) + "h" + std::to_string(m) + "m" + secs + "s";
}

const key_metadata* versioned_store::metadata(const std::string& key) const {
  auto it = meta_.find(key);
  return it == meta_.end() ? nullptr : &it->second;
}

std::vector<std::string> versioned_store::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, m] : meta_)
    out.push_back(k);
  return out;
}

// deletionTime(creation, mount, meta): the smaller of the two settings that are set.
std::optional<sim_time> versioned_store::deletion_for(const key_metadata& meta,
                                                      sim_time from) const {
  const sim_duration mount = config_.delete_version_after.value_or(sim_duration::zero());
  if (mount < sim_duration::zero()) // disabled for the mount
    return std::nullopt;
  const sim_duration key = meta.delete_version_after;
  if (mount == sim_duration::zero() && key == sim_duration::zero())
    return std::nullopt;
  sim_duration min = key;
  if ((mount != sim_duration::zero() && mount < min) || min == sim_duration::zero())
    min = mount;
  return from + min;
}

outcome<api_response> versioned_store::handle(const request& req, sim_time now,
                                              std::int64_t epoch, storage_change& change) {
  const std::string& p = req.path;
  auto rest = [&](std::string_view prefix) { return p.substr(prefix.size()); };
  // data/ takes a path that does not end in '/' (matchAllNoTrailingSlashRegex).
  const bool data_path = under(p, "data/") && p.size() > 5 && p.back() != '/';
  if (data_path) {
    const auto key = rest("data/");
    switch (req.op) {
      case operation::write: return write_data(key, req.body, now, epoch, change);
      case operation::read: return read_data(key, req, now, epoch);
      case operation::del: return delete_latest(key, now, change);
      case operation::patch: return patch_data(key, req.body, now, epoch, change);
      case operation::list: break;
    }
  }
  // Only data/ has a PatchOperation: elsewhere the framework answers 405.
  if (req.op == operation::patch)
    return vault_error{405, {std::string{texts::unsupported_operation}}};
  if (under(p, "metadata/")) {
    const auto key = rest("metadata/");
    switch (req.op) {
      case operation::list: return list_metadata(key);
      case operation::read: return read_metadata(key, epoch);
      case operation::write: return write_metadata(key, req.body, now, change);
      case operation::del: return delete_metadata(key, change);
      case operation::patch: break; // answered above
    }
  }
  for (const char* verb : {"delete/", "undelete/", "destroy/"})
    if (under(p, verb) && p.size() > std::string_view{verb}.size() &&
        req.op == operation::write)
      return change_versions(verb, rest(verb), req.body, now, change);
  if (p == "config" && req.op == operation::read)
    return read_config();
  if (p == "config" && req.op == operation::write)
    return write_config(req.body, change);
  if (p == "metadata" || p == "data" || p == "delete" || p == "undelete" || p == "destroy")
    return not_found_with({}, {std::string{texts::kv2_mount_root}});
  return not_found_with({}, {invalid_path_warning(req.op)});
}

// validateCheckAndSetOption: options.cas must match the current version; without it, a
// mount or key that requires cas refuses.
std::optional<vault_error> versioned_store::check_cas(const data_map& body,
                                                      const key_metadata& current) const {
  std::optional<field_value> cas;
  if (const auto* options = string_map(body, "options"))
    if (auto c = options->find("cas"); c != options->end())
      cas = c->second;
  if (auto o = body.find("options"); o != body.end())
    if (const auto* obj = std::get_if<field_object>(&o->second))
      if (auto c = obj->get().find("cas"); c != obj->get().end())
        cas = c->second;
  if (cas) {
    auto n = weak_int(*cas);
    if (!n)
      return vault_error::invalid(std::string{texts::kv2_cas_unparsable});
    if (static_cast<std::uint64_t>(*n) != current.current_version)
      return vault_error::invalid(std::string{texts::kv2_cas_mismatch});
  } else if (config_.cas_required || current.cas_required) {
    return vault_error::invalid(std::string{texts::kv2_cas_required});
  }
  return std::nullopt;
}

namespace {

// The `data` map of a write or a patch ("no data provided" without one); the lab's values are
// the CLI's key=value strings.
std::optional<vault_error> data_strings(const data_map& body,
                                        std::map<std::string, std::string>& out) {
  auto data_it = body.find("data");
  if (data_it == body.end())
    return vault_error::invalid(std::string{texts::kv2_no_data});
  if (const auto* m = std::get_if<std::map<std::string, std::string>>(&data_it->second))
    out = *m;
  else if (!std::holds_alternative<std::monostate>(data_it->second))
    return vault_error::invalid(texts::not_modelled("a \"data\" field that is not a map"));
  return std::nullopt;
}

} // namespace

outcome<api_response> versioned_store::write_data(const std::string& key, const data_map& body,
                                                  sim_time now, std::int64_t epoch,
                                                  storage_change& change) {
  std::map<std::string, std::string> values;
  if (auto bad = data_strings(body, values))
    return *bad;
  auto found = meta_.find(key);
  key_metadata fresh;
  if (auto refused = check_cas(body, found == meta_.end() ? fresh : found->second))
    return *refused;
  return add_version(key, std::move(values), now, epoch, change);
}

// pathDataPatch: an existing, live latest version, patched as a JSON merge patch (the CLI's
// key=value strings replace or add keys), written as a new version.
outcome<api_response> versioned_store::patch_data(const std::string& key, const data_map& body,
                                                  sim_time now, std::int64_t epoch,
                                                  storage_change& change) {
  std::map<std::string, std::string> patch;
  if (auto bad = data_strings(body, patch))
    return *bad;
  auto found = meta_.find(key);
  if (found == meta_.end()) // RespondWithStatusCode(nil, req, 404): a 404 with no body
    return vault_error{404, {}};
  if (auto refused = check_cas(body, found->second))
    return *refused;
  const key_metadata& meta = found->second;
  auto vm = meta.versions.find(meta.current_version);
  if (vm == meta.versions.end())
    return vault_error{404, {}};
  if (deleted_by(vm->second, now) || vm->second.destroyed) // the version's fields, with a 404
    return not_found_with(version_fields(meta.current_version, vm->second, meta, epoch));
  auto values = data_.at(key).at(meta.current_version);
  for (const auto& [k, v] : patch)
    values[k] = v;
  return add_version(key, std::move(values), now, epoch, change);
}

// What a write and a patch share: AddVersion, the new version's data, cleanupOldVersions.
api_response versioned_store::add_version(const std::string& key,
                                          std::map<std::string, std::string> values, sim_time now,
                                          std::int64_t epoch, storage_change& change) {
  key_metadata& meta = meta_[key];
  // AddVersion: the new version, the creation times, and the sliding window of max_versions.
  version_meta v;
  v.created = now;
  v.deletion = deletion_for(meta, now);
  meta.current_version++;
  meta.versions[meta.current_version] = v;
  meta.updated = now;
  if (!meta.created)
    meta.created = now;
  data_[key][meta.current_version] = std::move(values);
  change.version_put.emplace_back(key, meta.current_version);
  change.metadata_put.push_back(key);
  const auto max = effective_max(meta.max_versions, config_.max_versions);
  if (meta.current_version - meta.oldest_version >= max) {
    const std::uint64_t to_delete = meta.current_version - max;
    for (auto i = meta.oldest_version; i < to_delete + 1; ++i)
      meta.versions.erase(i);
    meta.oldest_version = to_delete + 1;
    // cleanupOldVersions: every stored version from to_delete down, oldest first.
    std::vector<std::uint64_t> gone;
    auto& stored = data_[key];
    for (auto i = to_delete; i > 0 && stored.count(i) > 0; --i)
      gone.push_back(i);
    for (auto i = gone.rbegin(); i != gone.rend(); ++i) {
      stored.erase(*i);
      change.version_deleted.emplace_back(key, *i);
    }
  }
  api_response r;
  r.data = version_fields(meta.current_version, meta.versions[meta.current_version], meta, epoch);
  return r;
}

outcome<api_response> versioned_store::read_data(const std::string& key, const request& req,
                                                 sim_time now, std::int64_t epoch) const {
  const key_metadata* meta = metadata(key);
  if (meta == nullptr)
    return vault_error{404, {}};
  std::uint64_t n = meta->current_version;
  if (auto v = req.params.find("version"); v != req.params.end())
    if (auto asked = weak_int(field_value{v->second}); asked && *asked > 0)
      n = static_cast<std::uint64_t>(*asked);
  auto vm = meta->versions.find(n);
  if (vm == meta->versions.end())
    return vault_error{404, {}};
  data_map out{{"data", field_value{}},
               {"metadata", make_object(version_fields(n, vm->second, *meta, epoch))}};
  if (deleted_by(vm->second, now) || vm->second.destroyed)
    return not_found_with(std::move(out));
  data_map secret;
  for (const auto& [k, v] : data_.at(key).at(n))
    secret[k] = v;
  out["data"] = make_object(std::move(secret));
  api_response r;
  r.data = std::move(out);
  return r;
}

outcome<api_response> versioned_store::delete_latest(const std::string& key, sim_time now,
                                                     storage_change& change) {
  auto it = meta_.find(key);
  if (it == meta_.end())
    return no_content();
  auto lv = it->second.versions.find(it->second.current_version);
  if (lv == it->second.versions.end() || lv->second.destroyed || deleted_by(lv->second, now))
    return no_content();
  lv->second.deletion = now;
  change.metadata_put.push_back(key);
  return no_content();
}

outcome<api_response> versioned_store::change_versions(const std::string& verb,
                                                       const std::string& key,
                                                       const data_map& body, sim_time now,
                                                       storage_change& change) {
  auto versions = versions_of(body);
  if (!versions)
    return versions.error();
  if (versions->empty())
    return vault_error::invalid(std::string{
      verb == "destroy/" ? texts::kv2_no_versions_destroy : texts::kv2_no_versions});
  auto it = meta_.find(key);
  if (it == meta_.end())
    return no_content();
  key_metadata& meta = it->second;
  for (auto n : *versions) {
    auto v = meta.versions.find(n);
    if (v == meta.versions.end() || v->second.destroyed)
      continue;
    if (verb == "delete/") {
      if (!deleted_by(v->second, now))
        v->second.deletion = now;
    } else if (verb == "undelete/") {
      v->second.deletion = deletion_for(meta, now);
    } else {
      v->second.destroyed = true;
    }
  }
  change.metadata_put.push_back(key);
  if (verb == "destroy/")
    for (auto n : *versions)
      if (data_[key].erase(n) > 0)
        change.version_deleted.emplace_back(key, n);
  return no_content();
}

outcome<api_response> versioned_store::read_metadata(const std::string& key,
                                                     std::int64_t epoch) const {
  const key_metadata* meta = metadata(key);
  if (meta == nullptr)
    return vault_error{404, {}};
  data_map versions;
  for (const auto& [n, v] : meta->versions)
    versions[std::to_string(n)] = make_object(data_map{{"created_time", stamp(v.created, epoch)},
                                                       {"deletion_time", stamp(v.deletion, epoch)},
                                                       {"destroyed", v.destroyed}});
  api_response r;
  r.data = data_map{
    {"versions", make_object(std::move(versions))},
    {"current_version", static_cast<std::int64_t>(meta->current_version)},
    {"oldest_version", static_cast<std::int64_t>(meta->oldest_version)},
    {"created_time", stamp(meta->created, epoch)},
    {"updated_time", stamp(meta->updated, epoch)},
    {"max_versions", static_cast<std::int64_t>(meta->max_versions)},
    {"cas_required", meta->cas_required},
    {"delete_version_after", go_duration_string(meta->delete_version_after)},
    {"custom_metadata", custom(meta->custom_metadata)},
  };
  return r;
}

outcome<api_response> versioned_store::write_metadata(const std::string& key,
                                                      const data_map& body, sim_time now,
                                                      storage_change& change) {
  if (key.empty())
    return vault_error::invalid(std::string{texts::kv_missing_path});
  auto given = settings_of(body);
  if (!given)
    return given.error();
  const bool cm = body.count("custom_metadata") > 0;
  if (!given->any && !cm) // the fast path: nothing to set, nothing written
    return no_content();
  const auto& max_n = given->max_versions;
  const auto& cas_b = given->cas_required;
  const auto& dva_d = given->delete_version_after;
  if (dva_d && *dva_d < sim_duration::zero())
    return vault_error::invalid(texts::not_modelled("a negative delete_version_after of a key"));
  const std::map<std::string, std::string>* custom_map = string_map(body, "custom_metadata");
  if (cm && !custom_map)
    return vault_error::invalid(texts::not_modelled("a custom_metadata that is not a map"));
  api_response resp;
  resp.status = 204;
  if (cas_b && config_.cas_required && !*cas_b) {
    resp.status = 200;
    resp.warnings.emplace_back(texts::kv2_cas_mandated);
  }
  auto it = meta_.find(key);
  if (it == meta_.end()) {
    key_metadata fresh;
    fresh.created = now;
    fresh.updated = now;
    it = meta_.emplace(key, std::move(fresh)).first;
  }
  key_metadata& meta = it->second;
  if (max_n)
    meta.max_versions = static_cast<std::uint32_t>(*max_n);
  if (cas_b)
    meta.cas_required = *cas_b;
  if (dva_d)
    meta.delete_version_after = *dva_d;
  if (custom_map)
    meta.custom_metadata = *custom_map;
  change.metadata_put.push_back(key);
  return resp;
}

outcome<api_response> versioned_store::delete_metadata(const std::string& key,
                                                       storage_change& change) {
  auto it = meta_.find(key);
  if (it == meta_.end())
    return no_content();
  for (const auto& [n, v] : it->second.versions)
    if (data_[key].erase(n) > 0)
      change.version_deleted.emplace_back(key, n);
  data_.erase(key);
  meta_.erase(it);
  change.metadata_deleted.push_back(key);
  return no_content();
}

outcome<api_response> versioned_store::list_metadata(const std::string& prefix) const {
  // The encrypted key storage lists the key names one level below the prefix.
  if (!prefix.empty() && prefix.back() != '/')
    return vault_error{404, {}};
  auto keys = next_segments(meta_, prefix);
  if (keys.empty())
    return vault_error{404, {}};
  api_response r;
  r.data = data_map{{"keys", keys}};
  return r;
}

outcome<api_response> versioned_store::read_config() const {
  const sim_duration dva = config_.delete_version_after.value_or(sim_duration::zero());
  api_response r;
  r.data = data_map{{"max_versions", static_cast<std::int64_t>(config_.max_versions)},
                    {"cas_required", config_.cas_required},
                    {"delete_version_after", go_duration_string(dva)}};
  return r;
}

outcome<api_response> versioned_store::write_config(const data_map& body,
                                                    storage_change& change) {
  auto given = settings_of(body);
  if (!given)
    return given.error();
  if (!given->any)
    return no_content();
  if (given->max_versions)
    config_.max_versions = static_cast<std::uint32_t>(*given->max_versions);
  if (given->cas_required)
    config_.cas_required = *given->cas_required;
  if (const auto& d = given->delete_version_after)
    // Negative: disabled (stored as -1s); zero: reset.
    config_.delete_version_after = *d < sim_duration::zero() ? std::optional<sim_duration>{secs(-1)}
                                   : *d == sim_duration::zero() ? std::nullopt
                                                                : d;
  change.config_put = true;
  return no_content();
}

} // namespace tokenlab::kv2
