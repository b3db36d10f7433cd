#pragma once
// A simulation for an actor's unit tests: the deterministic driver and a context with its
// trace sink and storage backend, a request answered as the runner gets it, and what was
// traced and stored. The actor under test is spawned with `ctx()` and must be exited by its
// fixture before this ends.

#include "actors/messages.hpp"
#include "actors/storage.hpp"
#include "clock/caf_driver.hpp"
#include "clock/calendar.hpp"

#include <caf/all.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tokenlab {

class actor_sim {
public:
  explicit actor_sim(std::uint64_t seed, std::int64_t epoch_unix = default_epoch_unix) {
    ctx_.epoch = driver_.epoch();
    ctx_.epoch_unix = epoch_unix;
    ctx_.seed = seed;
    auto& sys = driver_.system();
    ctx_.tracer = sys.spawn(tracer_actor);
    ctx_.storage = sys.spawn(storage_actor, ctx_);
  }

  ~actor_sim() {
    caf::anon_send_exit(ctx_.storage, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(ctx_.tracer, caf::exit_reason::user_shutdown);
    driver_.drain();
  }

  actor_sim(const actor_sim&) = delete;
  actor_sim& operator=(const actor_sim&) = delete;

  sim_driver& driver() { return driver_; }
  const sim_context& ctx() const { return ctx_; }

  /// Sends a request, runs the simulation until it is answered, returns the answer.
  template <class T, class Handle, class... Ts>
  std::optional<T> ask(const Handle& dest, Ts&&... xs) {
    return driver_.ask<T>(dest, std::forward<Ts>(xs)...);
  }

  /// The events traced since the last call.
  std::vector<trace_event> effects() {
    return ask<std::vector<trace_event>>(ctx_.tracer, take_atom::value)
      .value_or(std::vector<trace_event>{});
  }

  /// The storage keys present, sorted.
  std::vector<std::string> stored() {
    return ask<std::vector<std::string>>(ctx_.storage, take_atom::value)
      .value_or(std::vector<std::string>{});
  }

private:
  sim_driver driver_;
  sim_context ctx_;
};

} // namespace tokenlab
