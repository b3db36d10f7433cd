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

const std::string& auth_block::client_token() const {
  return shows_token_id && token ? token->id : given_token;
}

const std::string& auth_block::accessor() const {
  return (token ? *token : no_token()).accessor;
}

const std::vector<std::string>& auth_block::token_policies() const {
  return (token ? *token : no_token()).policies;
}

const std::map<std::string, std::string>& auth_block::metadata() const {
  return (token ? *token : no_token()).meta;
}

const std::string& auth_block::entity_id() const {
  return (token ? *token : no_token()).entity_id;
}

token_entry& auth_block::own_token() {
  auto mine = token ? std::make_shared<token_entry>(*token) : std::make_shared<token_entry>();
  token = mine;
  sanitized_token_policies = false; // whoever sets them says nothing of them
  if (shows_token_id)               // the client token stays what it was, whatever the ID becomes
    set_client_token(mine->id);
  return *mine;
}

} // namespace tokenlab
