#include "actors/caller.hpp"
#include "model/token_entry.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using namespace tokenlab;

namespace {

entity_snapshot entity(std::string id, std::vector<std::string> policies) {
  auto e = std::make_shared<identity_entity>();
  e->id = std::move(id);
  e->policies = std::move(policies);
  return e;
}

// A login's answer for a token of entity `entity_id` with the token policies `policies`.
api_outcome login_answer(const std::string& entity_id, std::vector<std::string> policies) {
  api_response r;
  r.auth = auth_block{};
  auto& t = r.auth->own_token();
  t.origin.change().entity_id = entity_id;
  t.policies = std::move(policies);
  return r;
}

} // namespace

TEST_CASE("the published entities count those that grant policies", "[caller]") {
  entity_map entities;
  CHECK_FALSE(entities.any_grants());
  entities.keep("e1", entity("e1", {}));
  CHECK_FALSE(entities.any_grants());
  entities.keep("e2", entity("e2", {"ops"}));
  CHECK(entities.any_grants());
  entities.keep("e1", entity("e1", {"dev"}));
  entities.keep("e2", entity("e2", {}));
  CHECK(entities.any_grants());
  entities.keep("e1", nullptr); // deleted
  CHECK_FALSE(entities.any_grants());
  CHECK(entities.find("e1") == nullptr);
  REQUIRE(entities.find("e2") != nullptr);
  CHECK((*entities.find("e2"))->id == "e2");
  entities.keep("e3", nullptr); // never published: nothing to forget
  CHECK_FALSE(entities.any_grants());
}

TEST_CASE("an answer shows its entity's policies, and none while no entity grants", "[caller]") {
  entity_map entities;
  entities.keep("e1", entity("e1", {}));
  auto plain = login_answer("e1", {"app", "default"});
  show_answer(entities, plain, "req-1");
  CHECK(plain->request_id == "req-1");
  CHECK(plain->auth->identity_policies.empty());
  CHECK(plain->auth->policies() == std::vector<std::string>{"app", "default"});

  // Another entity grants: the token's own entity still grants nothing...
  entities.keep("e2", entity("e2", {"ops"}));
  auto still = login_answer("e1", {"app", "default"});
  show_answer(entities, still, "req-2");
  CHECK(still->auth->identity_policies.empty());
  CHECK(still->auth->policies() == std::vector<std::string>{"app", "default"});

  // ...and a token of that entity shows its policies.
  auto granted = login_answer("e2", {"app", "default"});
  show_answer(entities, granted, "req-3");
  CHECK(granted->auth->identity_policies == std::vector<std::string>{"ops"});
  CHECK(granted->auth->policies() == std::vector<std::string>{"app", "default", "ops"});

  // Once it grants nothing again, nothing is shown.
  entities.keep("e2", entity("e2", {}));
  auto after = login_answer("e2", {"app", "default"});
  show_answer(entities, after, "req-4");
  CHECK(after->auth->identity_policies.empty());
}

TEST_CASE("an answer whose record knows its policies sanitized shows them unread", "[caller]") {
  entity_map entities;
  entities.keep("e1", entity("e1", {}));
  // Not sanitized (out of order), and not said to be: they are sanitized for the answer.
  auto read = login_answer("e1", {"default", "app"});
  show_answer(entities, read, "req-1");
  CHECK(read->auth->policies() == std::vector<std::string>{"app", "default"});
  // Said to be sanitized (the token store's record): shown as they are, without reading them.
  auto told = login_answer("e1", {"default", "app"});
  told->auth->sanitized_token_policies = true;
  show_answer(entities, told, "req-2");
  CHECK_FALSE(told->auth->all_policies);
  CHECK(told->auth->policies() == std::vector<std::string>{"default", "app"});
  // Setting the token's fields by hand takes that back.
  told->auth->own_token().policies = {"b", "a"};
  CHECK_FALSE(told->auth->sanitized_token_policies);
}
