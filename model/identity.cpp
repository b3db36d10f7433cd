#include "model/identity.hpp"

#include "clock/calendar.hpp"
#include "model/texts.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace tokenlab {

namespace {

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool same_name(const std::string& a, const std::string& b) {
  return lower(a) == lower(b);
}

vault_error error_response(std::string_view text) {
  return vault_error::invalid(std::string{text});
}

api_response no_content() {
  api_response r;
  r.status = 204;
  return r;
}

// strutil.RemoveDuplicates(items, false): trimmed, empties dropped, sorted, unique.
std::vector<std::string> remove_duplicates(const std::vector<std::string>& items) {
  std::set<std::string> unique;
  for (const auto& item : items) {
    auto b = item.find_first_not_of(" \t\n\r");
    if (b == std::string::npos)
      continue;
    auto e = item.find_last_not_of(" \t\n\r");
    unique.insert(item.substr(b, e - b + 1));
  }
  return {unique.begin(), unique.end()};
}

field_value optional_map(const std::optional<std::map<std::string, std::string>>& m) {
  return m ? field_value{*m} : field_value{};
}

const std::string* field(const field_map& fields, const char* name) {
  auto it = fields.find(name);
  return it == fields.end() ? nullptr : &it->second;
}

// The segment after `prefix` ("entity/id/") when `path` is exactly one more segment.
std::optional<std::string> tail(const std::string& path, std::string_view prefix) {
  if (path.compare(0, prefix.size(), prefix) != 0 || path.size() == prefix.size())
    return std::nullopt;
  return path.substr(prefix.size());
}

const field_schema entity_schema{{"id", field_kind::string},
                                 {"name", field_kind::string},
                                 {"metadata", field_kind::kv_pairs},
                                 {"policies", field_kind::comma_string_slice},
                                 {"disabled", field_kind::boolean}};
const field_schema alias_schema{
  {"id", field_kind::string},           {"entity_id", field_kind::string},
  {"canonical_id", field_kind::string}, {"mount_accessor", field_kind::string},
  {"name", field_kind::string},         {"custom_metadata", field_kind::kv_pairs}};
const field_schema lookup_schema{{"id", field_kind::string},
                                 {"name", field_kind::string},
                                 {"alias_id", field_kind::string},
                                 {"alias_name", field_kind::string},
                                 {"alias_mount_accessor", field_kind::string}};

// A login's alias is unchanged when the method gave the metadata it holds (none: empty).
bool same_metadata(const entity_alias& a, const std::map<std::string, std::string>& metadata) {
  return a.metadata ? *a.metadata == metadata : metadata.empty();
}

} // namespace

std::string entity_bucket(const std::string& entity_id) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(entity_id.data(), entity_id.size(), digest, &size, EVP_md5(), nullptr);
  return "packer/buckets/" + std::to_string(static_cast<int>(digest[0]));
}

identity_store::identity_store(std::uint64_t seed)
  : ids_(seed, id_stream::identity) {}

void identity_store::add_mount(identity_mount m) {
  remove_mount(m.path);
  mounts_.push_back(std::move(m));
}

void identity_store::remove_mount(const std::string& path) {
  mounts_.erase(std::remove_if(mounts_.begin(), mounts_.end(),
                               [&](const identity_mount& m) { return m.path == path; }),
                mounts_.end());
}

const identity_mount* identity_store::mount_at(const std::string& path) const {
  for (const auto& m : mounts_)
    if (m.path == path)
      return &m;
  return nullptr;
}

identity_entity& identity_store::new_entity(sim_time now) {
  identity_entity e;
  e.id = ids_.uuid();
  // generateName: "entity_" and 4 random bytes in hex (drawn again on a clash).
  do {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(ids_.next() & 0xFFFFFFFFu));
    e.name = std::string{"entity_"} + hex;
  } while (find_by_name(e.name));
  e.creation_time = now;
  e.last_update_time = now;
  auto id = e.id;
  return entities_.emplace(id, std::move(e)).first->second;
}

std::optional<fetched_entity> fetch_unchanged(const identity_entity& entity,
                                              const std::string& accessor,
                                              const std::string& alias_name,
                                              const std::map<std::string, std::string>& metadata) {
  for (const auto& a : entity.aliases)
    if (a.mount_accessor == accessor && same_name(a.name, alias_name))
      return same_metadata(a, metadata)
               ? std::optional<fetched_entity>{fetched_entity{entity.id, false, entity.disabled}}
               : std::nullopt;
  return std::nullopt;
}

void alias_index::update(const identity_entity* was, const identity_entity* now) {
  if (was)
    for (const auto& a : was->aliases) {
      auto it = owners_.find({a.mount_accessor, lower(a.name)});
      if (it != owners_.end() && it->second == was->id)
        owners_.erase(it);
    }
  if (now)
    for (const auto& a : now->aliases)
      owners_[{a.mount_accessor, lower(a.name)}] = now->id;
}

const std::string* alias_index::owner(const std::string& accessor,
                                      const std::string& alias_name) const {
  auto it = owners_.find({accessor, lower(alias_name)});
  return it == owners_.end() ? nullptr : &it->second;
}

const entity_alias* identity_store::alias_by_factors(const std::string& accessor,
                                                     const std::string& name,
                                                     const identity_entity** owner) const {
  for (const auto& [id, e] : entities_)
    for (const auto& a : e.aliases)
      if (a.mount_accessor == accessor && same_name(a.name, name)) {
        if (owner)
          *owner = &e;
        return &a;
      }
  return nullptr;
}

outcome<fetched_entity>
identity_store::create_or_fetch(const std::string& mount_path, const std::string& alias_name,
                                const std::map<std::string, std::string>& metadata, sim_time now) {
  if (alias_name.empty())
    return vault_error::internal(std::string{texts::empty_alias_name});
  const auto* mount = mount_at(mount_path);
  if (!mount)
    return vault_error::internal("invalid mount accessor for " + mount_path);
  const identity_entity* owner = nullptr;
  if (const auto* found = alias_by_factors(mount->accessor, alias_name, &owner)) {
    if (same_metadata(*found, metadata))
      return fetched_entity{owner->id, false, owner->disabled};
    // changedAliasIndex: the alias's metadata is updated and the entity stored again.
    auto& e = entities_.at(owner->id);
    for (auto& a : e.aliases)
      if (a.id == found->id) {
        a.metadata = metadata;
        a.last_update_time = now;
      }
    changes_.push_back(
      {e.id, {config_facts::change::alias_updated, e.name, alias_name, mount_path}, false});
    return fetched_entity{e.id, false, e.disabled};
  }
  auto& e = new_entity(now);
  entity_alias a;
  a.id = ids_.uuid();
  a.canonical_id = e.id;
  a.mount_accessor = mount->accessor;
  a.name = alias_name;
  if (!metadata.empty())
    a.metadata = metadata;
  a.creation_time = now;
  a.last_update_time = now;
  e.aliases.push_back(std::move(a));
  changes_.push_back(
    {e.id, {config_facts::change::entity_created, e.name, alias_name, mount_path}, false});
  return fetched_entity{e.id, true, false};
}

std::optional<std::vector<std::string>>
identity_store::policies_of(const std::string& entity_id) const {
  const auto* e = find(entity_id);
  if (!e)
    return std::nullopt;
  return e->policies;
}

const identity_entity* identity_store::find(const std::string& entity_id) const {
  auto it = entities_.find(entity_id);
  return it == entities_.end() ? nullptr : &it->second;
}

const identity_entity* identity_store::find_by_name(const std::string& name) const {
  for (const auto& [id, e] : entities_)
    if (same_name(e.name, name))
      return &e;
  return nullptr;
}

std::vector<identity_change> identity_store::take_changes() {
  auto out = std::move(changes_);
  changes_.clear();
  return out;
}

// handleEntityUpdateCommon: identity/entity, identity/entity/id/<id>, identity/entity/name/<n>.
outcome<api_response> identity_store::write_entity(const std::string& id_in_path,
                                                   const std::string& name_in_path,
                                                   const field_map& fields, sim_time now) {
  if (auto bad = check_fields(fields, entity_schema, false))
    return *bad;
  std::string id = id_in_path;
  if (id.empty())
    if (const auto* v = field(fields, "id"))
      id = *v;
  std::string name = name_in_path;
  if (name.empty())
    if (const auto* v = field(fields, "name"))
      name = *v;
  identity_entity draft;
  if (!id.empty()) {
    const auto* found = find(id);
    if (!found)
      return error_response(texts::entity_not_found_from_id);
    draft = *found;
  }
  if (!name.empty()) {
    const auto* by_name = find_by_name(name);
    if (by_name && draft.id.empty())
      draft = *by_name;
    else if (by_name && by_name->id != draft.id)
      return error_response(texts::entity_name_in_use);
    draft.name = name;
  }
  if (const auto* v = field(fields, "policies"))
    draft.policies = remove_duplicates(parse_comma_slice(*v));
  if (std::find(draft.policies.begin(), draft.policies.end(), "root") != draft.policies.end())
    return error_response(texts::entity_policies_root);
  if (const auto* v = field(fields, "disabled"))
    draft.disabled = field_bool(*v);
  if (const auto* v = field(fields, "metadata")) { // converted: check_fields passed
    std::string err;
    draft.metadata = parse_kv_pairs(*v, &err).value_or(std::map<std::string, std::string>{});
  }
  const bool created = draft.id.empty();
  if (created) {
    auto& e = new_entity(now);
    if (!draft.name.empty())
      e.name = draft.name;
    draft.id = e.id;
    draft.name = e.name;
    draft.creation_time = now;
  }
  draft.last_update_time = now;
  auto& stored = entities_[draft.id];
  stored = std::move(draft);
  changes_.push_back(
    {stored.id,
     {created ? config_facts::change::entity_created : config_facts::change::entity_updated,
      stored.name,
      {},
      {}},
     false});
  if (!created)
    return no_content();
  api_response r;
  r.data = data_map{{"id", stored.id}, {"name", stored.name}, {"aliases", field_value{}}};
  return r;
}

// handleAliasCreateUpdate and handleAliasCreate: identity/entity-alias.
outcome<api_response> identity_store::write_alias(const field_map& fields, sim_time now) {
  if (auto bad = check_fields(fields, alias_schema, false))
    return *bad;
  auto get = [&](const char* k) {
    const auto* v = field(fields, k);
    return v ? *v : std::string{};
  };
  auto name = get("name");
  auto accessor = get("mount_accessor");
  auto canonical = get("canonical_id");
  if (canonical.empty())
    canonical = get("entity_id");
  std::optional<std::map<std::string, std::string>> custom;
  custom.emplace();
  if (const auto* v = field(fields, "custom_metadata")) { // converted: check_fields passed
    std::string err;
    custom = parse_kv_pairs(*v, &err).value_or(std::map<std::string, std::string>{});
  }
  if (!get("id").empty())
    return vault_error::invalid(texts::not_modelled("updating an entity alias by its id"));
  if (accessor.empty() || name.empty())
    return error_response(texts::alias_id_or_factors);
  auto mount = std::find_if(mounts_.begin(), mounts_.end(),
                            [&](const identity_mount& m) { return m.accessor == accessor; });
  if (mount == mounts_.end())
    return error_response(texts::invalid_mount_accessor(accessor));
  if (const auto* existing = alias_by_factors(accessor, name, nullptr)) {
    // handleAliasUpdate: the same alias again is a no-op; a move or rename is not modelled.
    if ((canonical.empty() || canonical == existing->canonical_id) &&
        custom == existing->custom_metadata.value_or(std::map<std::string, std::string>{}))
      return no_content();
    return vault_error::invalid(texts::not_modelled("updating an entity alias"));
  }
  std::string entity_id;
  if (!canonical.empty()) {
    const auto* e = find(canonical);
    if (!e)
      return error_response(texts::invalid_canonical_id);
    entity_id = e->id;
  } else {
    entity_id = new_entity(now).id;
  }
  auto& e = entities_.at(entity_id);
  for (const auto& a : e.aliases)
    if (a.mount_accessor == accessor)
      return error_response(texts::alias_exists_for_mount);
  entity_alias a;
  a.id = ids_.uuid();
  a.canonical_id = e.id;
  a.mount_accessor = accessor;
  a.name = name;
  a.custom_metadata = std::move(custom);
  a.creation_time = now;
  a.last_update_time = now;
  auto alias_id = a.id;
  e.aliases.push_back(std::move(a));
  e.last_update_time = now;
  changes_.push_back({e.id, {config_facts::change::alias_added, e.name, name, mount->path}, false});
  api_response r;
  r.data = data_map{{"id", alias_id}, {"canonical_id", e.id}};
  return r;
}

// pathLookupEntityUpdate: identity/lookup/entity.
outcome<api_response> identity_store::lookup_entity(const field_map& fields,
                                                    std::int64_t epoch_unix) const {
  if (auto bad = check_fields(fields, lookup_schema, false))
    return *bad;
  auto get = [&](const char* k) {
    const auto* v = field(fields, k);
    return v ? *v : std::string{};
  };
  int inputs = 0;
  for (const char* k : {"id", "name", "alias_id", "alias_name", "alias_mount_accessor"})
    inputs += fields.count(k) > 0 ? 1 : 0;
  auto alias_name = get("alias_name");
  auto alias_accessor = get("alias_mount_accessor");
  if (inputs == 0)
    return error_response(texts::lookup_no_parameter);
  if (inputs != 1 && !(inputs == 2 && !alias_name.empty() && !alias_accessor.empty()))
    return error_response(texts::lookup_parameter_conflict);
  if (inputs == 1 && (!alias_name.empty() || !alias_accessor.empty()))
    return error_response(texts::lookup_alias_needs_both);
  const identity_entity* e = nullptr;
  if (auto id = get("id"); !id.empty()) {
    e = find(id);
  } else if (auto name = get("name"); !name.empty()) {
    e = find_by_name(name);
  } else if (auto alias_id = get("alias_id"); !alias_id.empty()) {
    for (const auto& [eid, candidate] : entities_)
      for (const auto& a : candidate.aliases)
        if (a.id == alias_id)
          e = &candidate;
  } else if (!alias_name.empty() && !alias_accessor.empty()) {
    alias_by_factors(alias_accessor, alias_name, &e);
  }
  if (!e)
    return no_content();
  api_response r;
  r.data = entity_data(*e, epoch_unix);
  return r;
}

outcome<api_response> identity_store::write(const std::string& path, const field_map& fields,
                                            sim_time now, std::int64_t epoch_unix) {
  if (path == "entity")
    return write_entity({}, {}, fields, now);
  if (auto id = tail(path, "entity/id/"))
    return write_entity(*id, {}, fields, now);
  if (auto name = tail(path, "entity/name/"))
    return write_entity({}, *name, fields, now);
  if (path == "entity-alias")
    return write_alias(fields, now);
  if (path == "lookup/entity")
    return lookup_entity(fields, epoch_unix);
  return vault_error::invalid(texts::not_modelled("identity/" + path));
}

data_map identity_store::alias_data(const entity_alias& a, std::int64_t epoch_unix) const {
  data_map d;
  d["canonical_id"] = a.canonical_id;
  d["creation_time"] = format_rfc3339(a.creation_time, epoch_unix);
  d["custom_metadata"] = optional_map(a.custom_metadata);
  d["id"] = a.id;
  d["last_update_time"] = format_rfc3339(a.last_update_time, epoch_unix);
  d["local"] = false;
  d["merged_from_canonical_ids"] = field_value{};
  d["metadata"] = optional_map(a.metadata);
  d["mount_accessor"] = a.mount_accessor;
  for (const auto& m : mounts_)
    if (m.accessor == a.mount_accessor) {
      d["mount_path"] = m.path;
      d["mount_type"] = m.type;
    }
  d["name"] = a.name;
  return d;
}

// handleEntityReadCommon.
data_map identity_store::entity_data(const identity_entity& e, std::int64_t epoch_unix) const {
  data_map d;
  std::vector<field_value> aliases;
  for (const auto& a : e.aliases)
    aliases.emplace_back(make_object(alias_data(a, epoch_unix)));
  d["aliases"] = make_list(std::move(aliases));
  d["creation_time"] = format_rfc3339(e.creation_time, epoch_unix);
  d["direct_group_ids"] = std::vector<std::string>{};
  d["disabled"] = e.disabled;
  d["group_ids"] = std::vector<std::string>{};
  d["id"] = e.id;
  d["inherited_group_ids"] = std::vector<std::string>{};
  d["last_update_time"] = format_rfc3339(e.last_update_time, epoch_unix);
  d["merged_entity_ids"] = field_value{};
  d["metadata"] = optional_map(e.metadata);
  d["name"] = e.name;
  d["namespace_id"] = std::string{"root"};
  d["policies"] = remove_duplicates(e.policies);
  return d;
}

outcome<api_response> identity_store::read(const std::string& path, std::int64_t epoch_unix) const {
  const identity_entity* e = nullptr;
  if (auto id = tail(path, "entity/id/")) {
    e = find(*id);
  } else if (auto name = tail(path, "entity/name/")) {
    e = find_by_name(*name);
  } else if (auto alias_id = tail(path, "entity-alias/id/")) {
    for (const auto& [eid, candidate] : entities_)
      for (const auto& a : candidate.aliases)
        if (a.id == *alias_id) {
          auto d = alias_data(a, epoch_unix);
          d["namespace_id"] = std::string{"root"};
          api_response r;
          r.data = std::move(d);
          return r;
        }
    return vault_error{404, {}};
  } else {
    return vault_error::invalid(texts::not_modelled("identity/" + path));
  }
  if (!e)
    return vault_error{404, {}};
  api_response r;
  r.data = entity_data(*e, epoch_unix);
  return r;
}

outcome<api_response> identity_store::list(const std::string& path) const {
  const bool by_id = path == "entity/id" || path == "entity/id/";
  const bool by_name = path == "entity/name" || path == "entity/name/";
  if (!by_id && !by_name)
    return vault_error::invalid(texts::not_modelled("listing identity/" + path));
  std::vector<std::string> keys;
  for (const auto& [id, e] : entities_)
    keys.push_back(by_id ? e.id : e.name);
  if (keys.empty())
    return vault_error{404, {}};
  api_response r;
  r.data = data_map{{"keys", std::move(keys)}};
  return r;
}

outcome<api_response> identity_store::remove(const std::string& path) {
  const identity_entity* e = nullptr;
  if (auto id = tail(path, "entity/id/"))
    e = find(*id);
  else if (auto name = tail(path, "entity/name/"))
    e = find_by_name(*name);
  else
    return vault_error::invalid(texts::not_modelled("deleting identity/" + path));
  if (e) {
    changes_.push_back({e->id, {config_facts::change::entity_deleted, e->name, {}, {}}, true});
    entities_.erase(e->id);
  }
  return no_content();
}

} // namespace tokenlab
