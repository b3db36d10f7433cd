// Benchmark: revoking a tree of N child tokens. Root creates a parent token P; P creates N
// children (each a token actor with its parent index); then P is revoked, and with it every
// child. Prints the wall time of the creations and of the revocation. Timing is this
// program's business only: the simulation itself runs on virtual time.

#include "actors/alarm.hpp"
#include "actors/core.hpp"
#include "actors/storage.hpp"
#include "actors/token_store.hpp"
#include "clock/caf_driver.hpp"

#include <caf/all.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace tokenlab;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 100000;
  if (n <= 0) {
    std::fprintf(stderr, "usage: tree_revoke [N > 0]\n");
    return 2;
  }
  sim_driver driver;
  auto& sys = driver.system();
  sim_context ctx;
  ctx.epoch = driver.epoch();
  ctx.seed = 1;
  ctx.salt_key = "benchmark-salt";
  ctx.counter = std::make_shared<trace_counter>();
  ctx.counter->on = true; // count, do not keep, the trace of N tokens
  ctx.tracer = sys.spawn(tracer_actor);
  start_alarm(sys, ctx);
  ctx.storage = sys.spawn(storage_actor, ctx);
  system_config config;
  auto store = sys.spawn(token_store_actor, ctx, config);
  auto core = sys.spawn(core_actor, ctx, config, store);
  caf::scoped_actor self{sys};

  auto call = [&](const std::string& token, token_create_request req) {
    vault_request r;
    r.token = token;
    r.op = std::move(req);
    return self->request(core, caf::infinite, request_atom::value, std::move(r));
  };
  std::string root;
  auto h = self->request(core, caf::infinite, entry_atom::value);
  driver.drain();
  h.receive([&](std::string& id) { root = id; }, [](caf::error&) {});

  token_create_request parent_req;
  parent_req.policies = {"root"};
  std::string parent;
  auto p = call(root, parent_req);
  driver.drain();
  p.receive([&](api_outcome& out) { parent = out ? out->auth->client_token() : ""; },
            [](caf::error&) {});

  token_create_request child_req;
  child_req.policies = {"default"};
  const auto t0 = std::chrono::steady_clock::now();
  long created = 0;
  for (long i = 0; i < n; ++i) {
    auto c = call(parent, child_req);
    driver.drain();
    c.receive([&](api_outcome& out) { created += out ? 1 : 0; }, [](caf::error&) {});
  }
  const double create_s = seconds_since(t0);

  token_revoke_request revoke;
  revoke.by = token_selector::token;
  revoke.value = parent;
  vault_request r;
  r.token = root;
  r.op = revoke;
  const auto t1 = std::chrono::steady_clock::now();
  auto rv = self->request(core, caf::infinite, request_atom::value, std::move(r));
  driver.drain();
  rv.receive([](api_outcome&) {}, [](caf::error&) {});
  const double revoke_s = seconds_since(t1);
  const auto revoked = ctx.counter->tally.tokens_revoked;

  std::printf("TREE children=%ld created=%ld create_s=%.3f revoked=%lld revoke_s=%.3f "
              "revoked_per_s=%.0f\n",
              n, created, create_s, static_cast<long long>(revoked), revoke_s,
              revoke_s > 0 ? static_cast<double>(revoked) / revoke_s : 0.0);
  caf::anon_send_exit(core, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(store, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(ctx.alarm, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(ctx.storage, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(ctx.tracer, caf::exit_reason::user_shutdown);
  driver.drain();
  return created == n && revoked == n + 1 ? 0 : 1;
}
