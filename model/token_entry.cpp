#include "model/token_entry.hpp"

#include "model/policy.hpp"

namespace tokenlab {

bool token_entry::is_root() const {
  return is_root_policy_set(policies);
}

namespace {

const token_entry& no_token() {
  static const token_entry none;
  return none;
}

} // namespace

std::string_view auth_block::client_token() const {
  if (shows_token_id && token)
    return token->id;
  return given_token;
}

std::string_view auth_block::accessor() const {
  return (token ? *token : no_token()).accessor;
}

const std::vector<std::string>& auth_block::token_policies() const {
  return (token ? *token : no_token()).policies;
}

const std::map<std::string, std::string>& auth_block::metadata() const {
  return (token ? *token : no_token()).meta;
}

std::string_view auth_block::entity_id() const {
  return (token ? *token : no_token()).origin->entity_id;
}

token_entry& auth_block::own_token() {
  auto mine = token ? std::make_shared<token_entry>(*token) : std::make_shared<token_entry>();
  token = mine;
  sanitized_token_policies = false; // whoever sets them says nothing of them
  if (shows_token_id)               // the client token stays what it was, whatever the ID becomes
    set_client_token(mine->id.str());
  return *mine;
}

} // namespace tokenlab
