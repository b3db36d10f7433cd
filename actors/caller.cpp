#include "actors/caller.hpp"

#include "model/identity.hpp"
#include "model/texts.hpp"

#include <utility>

namespace tokenlab {

void keep_entity(entity_map& entities, const std::string& id, entity_snapshot now) {
  if (now)
    entities[id] = std::move(now);
  else
    entities.erase(id);
}

const entity_snapshot* entity_of(const entity_map& entities, const std::string& id) {
  auto e = entities.find(id);
  return e == entities.end() ? nullptr : &e->second;
}

outcome<resolved_token> with_entity(const entity_map& entities, resolved_token who) {
  if (who.entry->entity_id.empty())
    return who;
  const auto* e = entity_of(entities, who.entry->entity_id);
  if (!e || (*e)->disabled)
    return vault_error::denied(std::string{texts::permission_denied});
  who.entity = *e;
  return who;
}

std::vector<std::string> acl_policies(const resolved_token& who) {
  auto all = who.entry->policies;
  if (who.entity)
    all.insert(all.end(), who.entity->policies.begin(), who.entity->policies.end());
  return all;
}

bool allows(const policy_store& policies, const resolved_token& who, std::string_view path,
            capability c) {
  return acl_allows(*policies.compiled_for_token(who.entry->policies, who.entity), path, c);
}

} // namespace tokenlab
