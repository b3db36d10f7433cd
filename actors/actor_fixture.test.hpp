#pragma once
// What an actor's tests share: the deterministic scheduler, a simulation context with its
// trace sink and storage actor, and asking an actor as the runner asks the core.

#include "actors/context.hpp"
#include "actors/storage.hpp"
#include "clock/caf_driver.hpp"

#include <caf/all.hpp>

#include <cstdint>
#include <optional>
#include <utility>

namespace tokenlab::test {

class actor_fixture {
public:
  explicit actor_fixture(std::uint64_t seed, std::int64_t epoch_unix = 0) {
    ctx_.epoch = driver_.epoch();
    ctx_.epoch_unix = epoch_unix;
    ctx_.seed = seed;
    auto& sys = driver_.system();
    tracer_ = sys.spawn(tracer_actor);
    ctx_.tracer = tracer_;
    storage_ = sys.spawn(storage_actor, ctx_);
    ctx_.storage = storage_;
  }

  ~actor_fixture() {
    for (auto* a : {&storage_, &tracer_})
      caf::anon_send_exit(*a, caf::exit_reason::user_shutdown);
    driver_.drain();
  }

  actor_fixture(const actor_fixture&) = delete;
  actor_fixture& operator=(const actor_fixture&) = delete;

  /// Sends a request, runs the simulation until it is answered, returns the answer.
  template <class T, class... Ts>
  std::optional<T> ask(const caf::actor& dest, Ts&&... xs) {
    caf::scoped_actor self{driver_.system()};
    auto h = self->request(dest, caf::infinite, std::forward<Ts>(xs)...);
    driver_.drain();
    std::optional<T> out;
    h.receive([&](T& x) { out = std::move(x); }, [&](caf::error&) {});
    return out;
  }

  sim_driver driver_;
  sim_context ctx_;
  caf::actor tracer_;
  caf::actor storage_;
};

} // namespace tokenlab::test
