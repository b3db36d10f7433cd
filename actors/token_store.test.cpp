// The token store authenticates from its own snapshot of each token's entry, which the
// token's actor replaces at every change (actors/token_store.hpp). These tests hold a token
// in the middle of its revocation, which a scenario cannot: every step runs to its end.

#include "actors/token_store.hpp"
#include "actors/messages.hpp"
#include "actors/sim.test.hpp"

#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace tokenlab;

namespace {

// A lease registry whose leases never finish their revocation: the token that holds one
// stays revoking.
caf::behavior stuck_registry(caf::event_based_actor* self) {
  return {
    [=](revoke_atom, const std::string&, trace_cause) {
      return self->make_response_promise<bool>();
    },
  };
}

// A lease registry that revokes every lease at once.
caf::behavior prompt_registry(caf::event_based_actor*) {
  return {
    [=](revoke_atom, const std::string&, trace_cause) { return true; },
  };
}

// The core as the store sees it for a request it gives back: answers 202 with the request's
// token in a warning (and whether it is still counted), so that a test can tell who answered.
request_router::behavior_type fake_router() {
  return {
    [](request_atom, endpoint_atom, vault_request& req) -> api_outcome {
      api_response r;
      r.status = 202;
      r.warnings.push_back("given back: " + req.token.str() + (req.counted ? " counted" : ""));
      return r;
    },
  };
}

// The context a fleet's components get while it runs: events counted, not traced.
sim_context counting(sim_context ctx, std::shared_ptr<trace_counter> counter) {
  counter->on = true;
  ctx.counter = std::move(counter);
  return ctx;
}

class store_fixture {
public:
  /// With `counter`, the store runs as while a fleet counts: what it makes is counted there.
  explicit store_fixture(std::shared_ptr<trace_counter> counter = nullptr)
    : store_(sim_.driver().system().spawn(
        token_store_actor, counter ? counting(sim_.ctx(), counter) : sim_.ctx(), system_config{}))
    , registry_(sim_.driver().system().spawn(stuck_registry))
    , prompt_(sim_.driver().system().spawn(prompt_registry)) {}

  ~store_fixture() {
    caf::anon_send_exit(store_, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(registry_, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(prompt_, caf::exit_reason::user_shutdown);
    sim_.driver().drain();
  }

  store_fixture(const store_fixture&) = delete;
  store_fixture& operator=(const store_fixture&) = delete;

  template <class T, class... Ts>
  std::optional<T> ask(Ts&&... xs) {
    return sim_.ask<T>(store_, std::forward<Ts>(xs)...);
  }

  outcome<resolved_token> resolve(const std::string& token) {
    auto r = ask<outcome<resolved_token>>(resolve_atom::value, token_id_string{token}, false);
    REQUIRE(r);
    return std::move(*r);
  }

  resolved_token root() {
    auto id = ask<std::string>(entry_atom::value);
    REQUIRE(id);
    auto r = resolve(*id);
    REQUIRE(r);
    return std::move(*r);
  }

  // A child of root, with a TTL of one hour (and `uses` uses, 0: unlimited; `policies`, none:
  // root's).
  std::string child(std::int64_t uses = 0, std::vector<std::string> policies = {}) {
    token_create_request req;
    req.ttl = std::chrono::hours{1};
    req.num_uses = uses;
    req.policies = std::move(policies);
    auto made = ask<api_outcome>(create_atom::value, root(), true, req,
                                 std::vector<std::string>{"default", "root"});
    REQUIRE(made);
    REQUIRE(*made);
    REQUIRE((*made)->auth);
    CHECK((*made)->auth->sanitized_token_policies);
    return std::string{(*made)->auth->client_token()};
  }

  // A child of root with a lease that never finishes revoking (or, `prompt`, that is revoked
  // at once).
  std::string child_with_stuck_lease(bool prompt = false) {
    auto id = child();
    REQUIRE(resolve(id));
    caf::anon_send(store_, lease_atom::value, id, std::string{"stuck"},
                   prompt ? prompt_ : registry_);
    sim_.driver().drain();
    return id;
  }

  // A token endpoint's request by a presented token, in one message: (handled, answer).
  std::pair<bool, api_outcome> endpoint(const std::string& token, const token_api_request& op) {
    caf::scoped_actor self{sim_.driver().system()};
    auto h = self->request(store_, caf::infinite, endpoint_atom::value, token_id_string{token}, op);
    sim_.driver().drain();
    std::pair<bool, api_outcome> out{false, vault_error::internal("no answer")};
    h.receive(
      [&](bool handled, api_outcome& r) {
        out = {handled, std::move(r)};
      },
      [&](caf::error&) {});
    return out;
  }

  // A request that has its ID, as the core hands it on: the answer its client gets.
  api_outcome handed_on(vault_request req) {
    caf::scoped_actor self{sim_.driver().system()};
    auto h = self->request(store_, caf::infinite, endpoint_atom::value, std::move(req));
    sim_.driver().drain();
    api_outcome out = vault_error::internal("no answer");
    h.receive([&](api_outcome& r) { out = std::move(r); }, [&](caf::error&) {});
    return out;
  }

  // Gives the store a core to give requests back to.
  void route_back_to(const request_router& router) {
    caf::anon_send(store_, endpoint_atom::value, router);
    sim_.driver().drain();
  }

  caf::actor_system& system() { return sim_.driver().system(); }

  // Sends the store an entity as the identity store would publish it.
  void publish(const std::string& id, entity_snapshot entity) {
    caf::anon_send(store_, entity_atom::value, id, std::move(entity));
    sim_.driver().drain();
  }

  // Sends the store the policies as the core would at a change.
  void publish(const policy_store& policies) {
    caf::anon_send(store_, policy_atom::value, policies);
    sim_.driver().drain();
  }

  // The actors running in the simulation.
  std::size_t running() { return sim_.driver().system().registry().running(); }

  // Starts revoking `id` through the store (the revocation then waits for the stuck lease).
  void start_revoking(const std::string& id) {
    token_revoke_request req;
    req.value = id;
    caf::scoped_actor self{sim_.driver().system()};
    self->send(store_, revoke_atom::value, root(), true, req);
    sim_.driver().drain();
  }

private:
  actor_sim sim_{42};
  token_authority store_;
  caf::actor registry_;
  caf::actor prompt_;
};

} // namespace

SCENARIO("a token whose revocation has started no longer authenticates, nor renews") {
  store_fixture f;
  auto id = f.child_with_stuck_lease();
  REQUIRE(f.resolve(id)); // live
  f.start_revoking(id);
  // Still in the store's index (its actor has not finished), but pending revocation.
  auto who = f.resolve(id);
  REQUIRE_FALSE(who);
  CHECK(who.error().status == 403);
  token_renew_request renew;
  renew.by = token_selector::token;
  renew.value = id;
  auto renewed = f.ask<api_outcome>(renew_atom::value, f.root(), renew);
  REQUIRE(renewed);
  REQUIRE_FALSE(*renewed);
  CHECK(renewed->error().message() == "token not found");
  CHECK(f.ask<life_state>(state_atom::value, id) == life_state::valid);
}

SCENARIO("a live token is a record of the store, it is an actor only while it is revoked") {
  store_fixture f;
  auto before = f.running();
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i)
    ids.push_back(f.child());
  auto stuck = f.child_with_stuck_lease();
  // Six live tokens, renewable and usable, and not one actor more.
  for (const auto& id : ids)
    REQUIRE(f.resolve(id));
  CHECK(f.running() == before);
  // Revoked, a token becomes an actor, which revokes its tree: a token with no children and
  // no leases is gone at once, its actor with it.
  token_revoke_request req;
  req.value = ids.front();
  auto revoked = f.ask<api_outcome>(revoke_atom::value, f.root(), true, req);
  REQUIRE(revoked);
  REQUIRE(*revoked);
  CHECK(f.ask<life_state>(state_atom::value, ids.front()) == life_state::revoked);
  CHECK(f.running() == before);
  // One whose lease never finishes revoking keeps its actor, waiting for the lease.
  f.start_revoking(stuck);
  CHECK(f.running() == before + 1);
}

SCENARIO("a fleet's token is revoked by the store itself, with its leases, and no actor") {
  auto counter = std::make_shared<trace_counter>();
  store_fixture f{counter};
  auto before = f.running();
  // Revoked while its lease is not revoked yet: no actor; it no longer authenticates, and
  // it is not gone before its lease is.
  auto stuck = f.child_with_stuck_lease();
  f.start_revoking(stuck);
  CHECK(f.running() == before);
  CHECK_FALSE(f.resolve(stuck));
  CHECK(f.ask<life_state>(state_atom::value, stuck) == life_state::valid);
  CHECK(counter->tally.tokens_revoked == 0);
  // Revoked by ID (as a parent's or a lease's revocation asks): answered once its lease is
  // revoked and it is gone, counted, with a tombstone neither kept nor needed.
  auto prompt = f.child_with_stuck_lease(true);
  CHECK(f.ask<bool>(revoke_atom::value, prompt, trace_cause::request, false) == true);
  CHECK(f.running() == before);
  CHECK(counter->tally.tokens_revoked == 1);
  CHECK(f.ask<life_state>(state_atom::value, prompt) == life_state::unknown);
  CHECK_FALSE(f.resolve(prompt));
  // Asked again, it is gone already.
  CHECK(f.ask<bool>(revoke_atom::value, prompt, trace_cause::request, false) == true);
  CHECK(counter->tally.tokens_revoked == 1);
}

SCENARIO("the store authenticates, checks and answers a token endpoint in one message") {
  store_fixture f;
  auto id = f.child(0, {"default"});
  token_renew_request renew; // renew-self, by the token itself
  renew.increment = std::chrono::minutes{30};
  auto [handled, renewed] = f.endpoint(id, renew);
  CHECK(handled);
  REQUIRE(renewed);
  REQUIRE(renewed->auth);
  CHECK(renewed->auth->lease_duration == 1800);
  // Its record knows its policies sanitized, as every token's are when it is made.
  CHECK(renewed->auth->sanitized_token_policies);
  token_lookup_request lookup; // lookup-self
  auto [looked, found] = f.endpoint(id, lookup);
  CHECK(looked);
  REQUIRE(found);
  REQUIRE(found->data);
  CHECK(std::get<std::string>(found->data->at("id")) == id);

  // An unknown token: what resolving it answers, 403 permission denied.
  auto [unknown_handled, unknown] = f.endpoint("hvs.nosuchtoken00000000000", renew);
  CHECK(unknown_handled);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().status == 403);
  CHECK(unknown.error().message() == "permission denied");

  // The policies the core publishes decide: `default` rewritten to deny renew-self.
  policy_store denying;
  REQUIRE(denying.put("default", "path \"auth/token/renew-self\" { capabilities = [\"deny\"] }\n"
                                 "path \"auth/token/lookup-self\" { capabilities = [\"read\"] }"));
  f.publish(denying);
  auto [denied_handled, refused] = f.endpoint(id, renew);
  CHECK(denied_handled);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().status == 403);
  CHECK(refused.error().message() == "permission denied");
  CHECK(f.endpoint(id, lookup).second.ok()); // still readable

  // Not handled here: a use-limited token (its use is spent first, by the core's way), a batch
  // token, tidy.
  auto limited = f.child(3, {"default"});
  CHECK_FALSE(f.endpoint(limited, lookup).first);
  CHECK_FALSE(f.endpoint("hvb.AAAAAQJ0ZXN0", lookup).first);
  CHECK_FALSE(f.endpoint(id, token_tidy_request{}).first);

  // Revoke-self: handled, the token is gone.
  token_revoke_request revoke;
  revoke.by = token_selector::self;
  f.publish(policy_store{});
  auto [revoke_handled, revoked] = f.endpoint(id, revoke);
  CHECK(revoke_handled);
  REQUIRE(revoked);
  CHECK(revoked->status == 204);
  CHECK(f.ask<life_state>(state_atom::value, id) == life_state::revoked);
}

SCENARIO("a counted request is answered by the store, or given back to the core") {
  store_fixture f;
  auto router = f.system().spawn(fake_router);
  f.route_back_to(router);
  // A login's token whose entity grants a policy, as the identity store publishes it.
  login_auth login;
  login.policies = {"default"};
  login.display_name = "pod";
  login.ttl = std::chrono::hours{1};
  login.entity_id = "0a1b2c3d-0000-4000-8000-00000000e001";
  auto made = f.ask<api_outcome>(login_atom::value, std::string{"auth/userpass/"},
                                 std::string{"auth/userpass/login/pod"}, login);
  REQUIRE(made);
  REQUIRE(*made);
  const auto id = std::string{(*made)->auth->client_token()};
  identity_entity entity;
  entity.id = login.entity_id;
  entity.policies = {"ops"};
  f.publish(entity.id, std::make_shared<const identity_entity>(entity));
  // A counted login: answered as the core would answer it, with no request ID.
  auto logged_in =
    f.ask<api_outcome>(login_atom::value, endpoint_atom::value, std::string{"auth/userpass/"},
                       std::string{"auth/userpass/login/pod"}, login);
  REQUIRE(logged_in);
  REQUIRE(*logged_in);
  CHECK((*logged_in)->request_id.empty());
  REQUIRE((*logged_in)->auth);
  CHECK((*logged_in)->auth->identity_policies == std::vector<std::string>{"ops"});
  CHECK((*logged_in)->auth->policies() == std::vector<std::string>{"default", "ops"});
  CHECK((*logged_in)->auth->client_token() != id);
  // The two logins' tokens share their origin and their policy list: one block each.
  {
    auto first = f.resolve(id);
    auto second = f.resolve(std::string{(*logged_in)->auth->client_token()});
    REQUIRE(first);
    REQUIRE(second);
    const token_origin& origin = first->entry->origin;
    CHECK(origin.display_name == "userpass-pod");
    CHECK(origin.path == "auth/userpass/login/pod");
    CHECK(origin.role.empty());
    CHECK(origin.entity_id == login.entity_id);
    CHECK(&second->entry->origin.get() == &origin);
    CHECK(&second->entry->policies.get() == &first->entry->policies.get());
  }

  // A renew-self: answered here, with the entity's policy shown, as the core shows it on the
  // answers it gives.
  token_renew_request renew;
  renew.increment = std::chrono::minutes{30};
  auto renewed = f.handed_on(vault_request{id, renew, true});
  REQUIRE(renewed);
  CHECK(renewed->status == 200);
  CHECK(renewed->request_id.empty());
  REQUIRE(renewed->auth);
  CHECK(renewed->auth->lease_duration == 1800);
  CHECK(renewed->auth->token_policies() == std::vector<std::string>{"default"});
  CHECK(renewed->auth->identity_policies == std::vector<std::string>{"ops"});
  CHECK(renewed->auth->policies() == std::vector<std::string>{"default", "ops"});
  // An error keeps its status and text.
  auto unknown = f.handed_on(vault_request{"hvs.nosuchtoken00000000000", renew, true});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().status == 403);
  CHECK(unknown.error().message() == "permission denied");

  // Given back, to be answered by the core: a lookup (the core adds its entity's part), a
  // use-limited token's request (its use is spent first), a batch token's.
  auto given_back = [&](const std::string& token, decltype(vault_request::op) op) {
    auto out = f.handed_on(vault_request{token, std::move(op), true});
    REQUIRE(out);
    CHECK(out->status == 202);
    return out->warnings;
  };
  CHECK(given_back(id, token_lookup_request{}) ==
        std::vector<std::string>{"given back: " + id + " counted"});
  auto limited = f.child(3, {"default"});
  CHECK(given_back(limited, renew) ==
        std::vector<std::string>{"given back: " + limited + " counted"});
  CHECK(given_back("hvb.AAAAAQJ0ZXN0", renew) ==
        std::vector<std::string>{"given back: hvb.AAAAAQJ0ZXN0 counted"});

  // A revoke-self: answered here, the token gone.
  token_revoke_request revoke;
  revoke.by = token_selector::self;
  auto revoked = f.handed_on(vault_request{id, revoke, true});
  REQUIRE(revoked);
  CHECK(revoked->status == 204);
  CHECK(revoked->request_id.empty());
  CHECK(f.ask<life_state>(state_atom::value, id) == life_state::revoked);
  caf::anon_send_exit(router, caf::exit_reason::user_shutdown);
}

SCENARIO("a renewal changes the entry a request holds on a copy, and its own in place") {
  store_fixture f;
  auto id = f.child(0, {"default"}); // one hour
  token_renew_request renew;         // renew-self
  renew.increment = std::chrono::minutes{30};
  // A request in flight holds the entry: the renewal leaves it as it was.
  auto held = f.resolve(id);
  REQUIRE(held);
  const auto* held_entry = held->entry.get();
  const auto hour = held_entry->expire_time;
  REQUIRE(hour);
  REQUIRE(f.endpoint(id, renew).second);
  CHECK(held_entry->expire_time == hour);
  auto renewed = f.resolve(id);
  REQUIRE(renewed);
  CHECK(renewed->entry.get() != held_entry); // a copy replaced it
  REQUIRE(renewed->entry->expire_time);
  CHECK(*hour - *renewed->entry->expire_time == std::chrono::minutes{30});
  // No one else holds it: the next renewal changes the store's entry where it is.
  const auto* own = renewed->entry.get();
  held->entry.reset();
  renewed->entry.reset();
  renew.increment = std::chrono::minutes{10};
  REQUIRE(f.endpoint(id, renew).second);
  auto again = f.resolve(id);
  REQUIRE(again);
  CHECK(again->entry.get() == own);
  CHECK(*hour - *again->entry->expire_time == std::chrono::minutes{50});
}

SCENARIO("the accessor index is built at its first lookup and kept up from then on") {
  accessor_index::records tokens;
  accessor_index index;
  const auto make = [&](const std::string& id, const std::string& accessor) -> auto& {
    auto& t = *tokens.try_emplace(id).first;
    token_entry e;
    e.id = id;
    e.accessor = accessor;
    t.second.entry = std::make_shared<token_entry>(std::move(e));
    index.add(t);
    return t;
  };
  auto& a = make("hvs.a", "acc-a");
  make("hvs.b", "acc-b");
  CHECK_FALSE(index.built());
  // The first lookup indexes the tokens there are.
  REQUIRE(index.find(tokens, "acc-b") != nullptr);
  CHECK(index.find(tokens, "acc-b")->first == "hvs.b");
  CHECK(index.built());
  CHECK(index.find(tokens, "acc-x") == nullptr);
  // From then on a token made or gone changes it at once.
  make("hvs.c", "acc-c");
  CHECK(index.find(tokens, "acc-c")->first == "hvs.c");
  index.remove(a);
  tokens.erase("hvs.a");
  CHECK(index.find(tokens, "acc-a") == nullptr);
  CHECK(index.sorted(tokens) == std::vector<std::string>{"acc-b", "acc-c"});
}
