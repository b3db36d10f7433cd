// The AWS engine through its typed interface (logical_engine): what it answers for the paths
// it serves and for those the lab does not model.

#include "actors/aws_engine.hpp"
#include "actors/sim.test.hpp"
#include "model/texts.hpp"

#include <catch2/catch.hpp>

using namespace tokenlab;

namespace {

class aws_fixture {
public:
  aws_fixture()
    : engine_(sim_.driver().system().spawn(aws_engine_actor, sim_.ctx(), std::string{"aws/"})) {}

  ~aws_fixture() { caf::anon_send_exit(engine_, caf::exit_reason::user_shutdown); }

  aws_fixture(const aws_fixture&) = delete;
  aws_fixture& operator=(const aws_fixture&) = delete;

  template <class T, class... Ts>
  T ask(Ts&&... xs) {
    auto r = sim_.ask<T>(engine_, std::forward<Ts>(xs)...);
    REQUIRE(r);
    return std::move(*r);
  }

  std::vector<trace_event> effects() { return sim_.effects(); }

  actor_sim sim_{7};
  logical_engine engine_;
};

} // namespace

SCENARIO("the AWS engine serves a credential as a leased secret, and lists and deletes nothing") {
  aws_fixture f;
  REQUIRE(f.ask<api_outcome>(
    write_atom::value, logical_write_request{"aws/roles/app",
                                             {{"credential_type", "iam_user"},
                                              {"policy_arns", "arn:aws:iam::aws:policy/x"}}}));
  auto creds = f.ask<outcome<secret_result>>(
    read_atom::value, engine_read{"aws/creds/app", "token", {}, std::chrono::hours{768}});
  REQUIRE(creds);
  CHECK(creds->handle.rfind("vault-token-app-", 0) == 0);
  CHECK(f.ask<life_state>(state_atom::value, creds->handle) == life_state::active);
  CHECK(f.ask<bool>(unsecret_atom::value, creds->handle));
  CHECK(f.ask<life_state>(state_atom::value, creds->handle) == life_state::deleted);
  // The trace says what was made and deleted as facts: the IAM user and its access key.
  std::vector<trace_event> credential_events;
  for (auto& e : f.effects())
    if (e.credential)
      credential_events.push_back(e);
  REQUIRE(credential_events.size() == 2);
  for (const auto& e : credential_events) {
    CHECK(e.subject == creds->handle);
    CHECK(e.credential->what == credential_facts::type::iam_user);
    CHECK(e.credential->access_key == std::get<std::string>(creds->data.at("access_key")));
  }
  CHECK(credential_events[0].kind == trace_kind::credential_created);
  CHECK(credential_events[1].kind == trace_kind::credential_deleted);

  auto listed = f.ask<api_outcome>(list_atom::value, std::string{"aws/roles/"});
  REQUIRE_FALSE(listed);
  CHECK(listed.error().status == 404);
  CHECK(listed.error().message() == texts::unsupported_path);
  auto deleted = f.ask<api_outcome>(delete_path_atom::value, std::string{"aws/roles/app"});
  REQUIRE_FALSE(deleted);
  CHECK(deleted.error().status == 405);
  CHECK(deleted.error().message() == texts::unsupported_path);
  // Disabling the mount has nothing of the engine's to clear.
  CHECK(f.ask<bool>(unmount_atom::value));
}
