#include "actors/caller.hpp"

#include "model/identity.hpp"
#include "model/policy.hpp"
#include "model/texts.hpp"

#include <utility>

namespace tokenlab {

namespace {

bool grants(const entity_snapshot& e) {
  return e && !e->policies.empty();
}

} // namespace

void entity_map::keep(const std::string& id, entity_snapshot now) {
  auto was = by_id_.find(id);
  if (was != by_id_.end() && grants(was->second))
    --granting_;
  if (grants(now))
    ++granting_;
  if (!now) {
    if (was != by_id_.end())
      by_id_.erase(was);
  } else if (was != by_id_.end()) {
    was->second = std::move(now);
  } else {
    by_id_.try_emplace(id, std::move(now));
  }
}

const entity_snapshot* entity_map::find(std::string_view id) const {
  auto e = by_id_.find(id);
  return e == by_id_.end() ? nullptr : &e->second;
}

outcome<resolved_token> with_entity(const entity_map& entities, resolved_token who) {
  if (who.entry->origin->entity_id.empty())
    return who;
  const auto* e = entities.find(who.entry->origin->entity_id);
  if (!e || (*e)->disabled)
    return vault_error::denied(std::string{texts::permission_denied});
  who.entity = *e;
  return who;
}

namespace {

// The identity policies of a token response.
void show_auth_identity(const entity_map& entities, api_outcome& r) {
  if (!r || !r->auth)
    return;
  auto& a = *r->auth;
  // An entity that is gone grants nothing (its token's own policies remain), and while no
  // published entity grants, neither does the token's, whichever it is: its ID is then not
  // read (a line of the entry no other part of a renewal's answer reads).
  static const std::vector<std::string> nothing;
  const auto* e =
    entities.any_grants() && !a.entity_id().empty() ? entities.find(a.entity_id()) : nullptr;
  const auto& granted = e ? (*e)->policies : nothing;
  if (granted.empty()) {
    // An entity that grants nothing leaves the token's own policies, which the store keeps
    // sanitized, as they are (a fleet's logins and renewals): its record says so, or they
    // are read.
    if (a.sanitized_token_policies || policies_sanitized(a.token_policies())) {
      a.identity_policies.clear();
      a.all_policies.reset();
      return;
    }
    if (a.entity_id().empty())
      return;
  }
  a.identity_policies = sanitize_policies(granted, false);
  auto all = a.token_policies();
  all.insert(all.end(), granted.begin(), granted.end());
  a.all_policies = sanitize_policies(all, false);
}

} // namespace

void show_answer(const entity_map& entities, api_outcome& r, std::string request_id) {
  show_auth_identity(entities, r);
  if (r)
    r->request_id = std::move(request_id);
}

std::vector<std::string> acl_policies(const resolved_token& who) {
  std::vector<std::string> all = who.entry->policies;
  if (who.entity)
    all.insert(all.end(), who.entity->policies.begin(), who.entity->policies.end());
  return all;
}

bool allows(const policy_store& policies, const resolved_token& who, std::string_view path,
            capability c) {
  return acl_allows(*policies.compiled_for_token(who.entry->policies, who.entity), path, c);
}

} // namespace tokenlab
