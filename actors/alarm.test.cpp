#include "actors/alarm.hpp"
#include "actors/context.hpp"
#include "actors/messages.hpp"
#include "clock/caf_driver.hpp"

#include <catch2/catch.hpp>

#include <caf/all.hpp>

#include <chrono>
#include <initializer_list>
#include <tuple>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

using namespace tokenlab;
using namespace std::chrono_literals;

namespace {

using arm_atom = caf::atom_constant<caf::atom("t_arm")>;
using cancel_atom = caf::atom_constant<caf::atom("t_cancel")>;
using quit_atom = caf::atom_constant<caf::atom("t_quit")>;

/// What reached a timed actor: its name, the timer's number, and the instant it saw.
struct delivery {
  std::string who;
  std::uint64_t number;
  sim_time at;
  bool operator==(const delivery& o) const {
    return who == o.who && number == o.number && at == o.at;
  }
};

std::ostream& operator<<(std::ostream& os, const delivery& d) {
  return os << d.who << " #" << d.number << " at t+" << millis(d.at) << "ms";
}

using log_ptr = std::shared_ptr<std::vector<delivery>>;

struct timed_state {
  sim_context ctx;
  expiry_timer timer;
};

// An actor with one expiry timer, as a token's or a lease's: it arms, re-arms, cancels on
// request and logs each timer that reaches it.
caf::behavior timed_actor(caf::stateful_actor<timed_state>* self, sim_context ctx, std::string name,
                          log_ptr log) {
  self->state.ctx = std::move(ctx);
  return {
    [=](arm_atom, std::int64_t delay_ms, std::uint64_t number) {
      self->state.timer.arm(self, self->state.ctx, sim_duration{delay_ms}, number);
    },
    [=](cancel_atom) { self->state.timer.cancel(); },
    [=](quit_atom) { self->quit(); },
    [=](expire_atom, std::uint64_t number) {
      log->push_back({name, number, sim_now(self, self->state.ctx)});
    },
  };
}

class alarm_fixture {
public:
  alarm_fixture() {
    ctx_.epoch = driver_.epoch();
    alarm_ = start_alarm(driver_.system(), ctx_);
  }

  ~alarm_fixture() {
    for (auto& a : actors_)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(alarm_, caf::exit_reason::user_shutdown);
    driver_.drain();
  }

  caf::actor spawn(const std::string& name) {
    actors_.push_back(driver_.system().spawn(timed_actor, ctx_, name, log));
    return actors_.back();
  }

  /// One timed actor for each name, in order.
  std::vector<caf::actor> spawn_each(std::initializer_list<const char*> names) {
    std::vector<caf::actor> out;
    for (const char* name : names)
      out.push_back(spawn(name));
    return out;
  }

  /// An actor only the caller holds.
  caf::actor spawn_unheld(const std::string& name) {
    return driver_.system().spawn(timed_actor, ctx_, name, log);
  }

  void arm(const caf::actor& a, std::int64_t delay_ms, std::uint64_t number) {
    caf::anon_send(a, arm_atom::value, delay_ms, number);
    driver_.drain();
  }

  void tell(const caf::actor& a, caf::atom_value what) {
    caf::anon_send(a, caf::make_message(what));
    driver_.drain();
  }

  void advance_to(sim_time t) { driver_.advance_to(t); }

  const alarm_table& table() const { return *ctx_.alarms; }

  /// Nothing is left: no timer in the table, no wake-up in CAF's clock, and up to `until`
  /// none reaches an actor.
  void check_nothing_left(sim_time until) {
    CHECK(table().armed() == 0);
    CHECK(table().queued() == 0);
    CHECK(clock_entries() == 0);
    advance_to(until);
    CHECK(log->empty());
  }

  std::size_t clock_entries() {
    return dynamic_cast<caf::detail::test_actor_clock&>(driver_.system().clock())
      .schedule()
      .size();
  }

  log_ptr log = std::make_shared<std::vector<delivery>>();

private:
  sim_driver driver_;
  sim_context ctx_;
  alarm_clock alarm_;
  std::vector<caf::actor> actors_;
};

sim_time at(sim_duration d) {
  return sim_time{d};
}

} // namespace

TEST_CASE("alarm: a re-armed timer fires once, at its new instant") {
  alarm_fixture f;
  auto a = f.spawn("a");
  f.arm(a, 30 * 60 * 1000, 1); // due t+30m
  f.advance_to(at(20min));
  f.arm(a, 30 * 60 * 1000, 2); // renewed at t+20m: due t+50m
  CHECK(f.table().armed() == 1);
  CHECK(f.clock_entries() == 1); // the t+30m wake-up is gone from CAF's clock
  f.advance_to(at(2h));
  REQUIRE(*f.log == std::vector<delivery>{{"a", 2, at(50min)}});
  CHECK(f.table().armed() == 0);
  CHECK(f.table().queued() == 0);
}

TEST_CASE("alarm: a cancelled timer never fires, nor does an ended actor's") {
  alarm_fixture f;
  auto a = f.spawn("a");
  auto b = f.spawn("b");
  f.arm(a, 1000, 1);
  f.arm(b, 2000, 1);
  CHECK(f.table().queued() == 2);
  CHECK(f.clock_entries() == 1); // only the earliest instant is in CAF's clock
  f.tell(a, cancel_atom::value);
  f.tell(b, quit_atom::value); // its state, and with it its timer, ends with the actor
  f.check_nothing_left(at(1h));
}

TEST_CASE("alarm: timers due at the same instant fire in the order they were armed") {
  alarm_fixture f;
  auto a = f.spawn("a");
  auto b = f.spawn("b");
  auto c = f.spawn("c");
  f.arm(b, 5000, 7);
  f.arm(c, 9000, 1);
  f.arm(a, 5000, 3);
  f.advance_to(at(2s));
  f.arm(c, 3000, 2); // re-armed to t+5s, after a and b
  CHECK(f.clock_entries() == 1); // one wake-up for the three
  f.advance_to(at(10s));
  REQUIRE(*f.log
          == std::vector<delivery>{{"b", 7, at(5s)}, {"a", 3, at(5s)}, {"c", 2, at(5s)}});
}

TEST_CASE("alarm: cancelling one of an instant's timers leaves the others due") {
  alarm_fixture f;
  auto a = f.spawn("a");
  auto b = f.spawn("b");
  f.arm(a, 5000, 1);
  f.arm(b, 5000, 1);
  f.tell(a, cancel_atom::value);
  CHECK(f.clock_entries() == 1);
  f.advance_to(at(5s));
  REQUIRE(*f.log == std::vector<delivery>{{"b", 1, at(5s)}});
}

TEST_CASE("alarm: an armed timer does not keep its actor alive") {
  alarm_fixture f;
  caf::actor_addr addr;
  {
    auto a = f.spawn_unheld("a");
    f.arm(a, 5000, 1);
    addr = a.address();
  }
  // No handle is left but the table's weak one: the actor is freed, its timer cancelled and
  // the instant's wake-up withdrawn.
  CHECK(!caf::actor_cast<caf::actor>(addr));
  f.check_nothing_left(at(10s));
}

TEST_CASE("alarm: a timer due at once fires at this instant") {
  alarm_fixture f;
  auto a = f.spawn("a");
  f.advance_to(at(2s));
  f.arm(a, 0, 1);
  f.arm(a, -5000, 2); // past: due now too; neither is cancelled (the actor keeps its number)
  f.advance_to(at(2s));
  REQUIRE(*f.log == std::vector<delivery>{{"a", 1, at(2s)}, {"a", 2, at(2s)}});
}

TEST_CASE("alarm: a timer armed after the instant's first was cancelled fires after the rest") {
  alarm_fixture f;
  auto timed = f.spawn_each({"a", "b", "c"});
  const auto& [a, b, c] = std::tie(timed[0], timed[1], timed[2]);
  f.arm(a, 5000, 1);
  f.arm(b, 5000, 1);
  f.tell(a, cancel_atom::value); // the instant's first goes; b stays due
  f.arm(c, 5000, 1);             // armed last: fires last
  CHECK(f.table().armed() == 2);
  CHECK(f.clock_entries() == 1);
  f.advance_to(at(5s));
  REQUIRE(*f.log == std::vector<delivery>{{"b", 1, at(5s)}, {"c", 1, at(5s)}});
}

TEST_CASE("alarm: the last of an instant's timers cancelled takes its wake-up along, in any "
          "order") {
  alarm_fixture f;
  std::vector<caf::actor> timed;
  for (int i = 0; i < 5; ++i) {
    timed.push_back(f.spawn("t" + std::to_string(i)));
    f.arm(timed.back(), 5000, 1);
  }
  for (int i : {3, 0, 4, 1}) {
    f.tell(timed[i], cancel_atom::value);
    CHECK(f.clock_entries() == 1);
  }
  f.tell(timed[2], cancel_atom::value);
  f.check_nothing_left(at(10s));
}

TEST_CASE("alarm: only the earliest instant is in CAF's clock, each fires at its own instant") {
  alarm_fixture f;
  auto timed = f.spawn_each({"a", "b", "c"});
  const auto& [a, b, c] = std::tie(timed[0], timed[1], timed[2]);
  for (auto [who, delay] : {std::pair{b, 5000}, {c, 9000}, {a, 2000}})
    f.arm(who, delay, 1); // a's t+2s is earlier than the scheduled t+5s: the wake-up moves
  CHECK(f.table().queued() == 3);
  CHECK(f.clock_entries() == 1);
  f.advance_to(at(3s));
  f.tell(b, cancel_atom::value); // the next instant goes: the wake-up moves on to t+9s
  CHECK(f.clock_entries() == 1);
  f.advance_to(at(10s));
  REQUIRE(*f.log == std::vector<delivery>{{"a", 1, at(2s)}, {"c", 1, at(9s)}});
  f.log->clear();
  f.check_nothing_left(at(20s));
}

TEST_CASE("alarm: a timer re-armed many times keeps few places in the table") {
  alarm_fixture f;
  auto timed = f.spawn_each({"early", "a"});
  const auto& [early, a] = std::tie(timed[0], timed[1]);
  f.arm(early, 1000, 1); // ahead of every instant of a: a's cancelled timers queue behind it
  const std::uint64_t rearms = 10000;
  for (std::uint64_t n = 1; n <= rearms; ++n)
    f.arm(a, 5000 + static_cast<std::int64_t>(n), n);
  CHECK(f.table().armed() == 2);
  CHECK(f.table().queued() <= 4096); // not one place per re-arming
  CHECK(f.clock_entries() == 1);
  f.advance_to(at(20s));
  const auto last = at(sim_duration{5000 + static_cast<std::int64_t>(rearms)});
  REQUIRE(*f.log == std::vector<delivery>{{"early", 1, at(1s)}, {"a", rearms, last}});
  f.log->clear();
  f.check_nothing_left(at(30s));
}

namespace {

// Two records of an authority, with their TTL timers, as the token store or the lease
// registry keeps them; the test reads the timers' numbers.
struct two_records {
  sim_context ctx;
  record_timers<std::string> timers;
  std::string records[2] = {"first", "second"};
  record_timer timer[2];
};

caf::behavior authority(caf::event_based_actor* self, std::shared_ptr<two_records> st,
                        log_ptr log) {
  return {
    [=](arm_atom, std::int64_t delay_ms, std::uint64_t which) {
      st->timers.arm(self, st->ctx, st->records[which], st->timer[which],
                     sim_duration{delay_ms});
    },
    [=](cancel_atom, std::uint64_t which) { st->timers.cancel(st->timer[which]); },
    [=](expire_atom, std::uint64_t number) {
      const auto* r = st->timers.fired(number);
      log->push_back({r ? *r : "nothing", number, sim_now(self, st->ctx)});
    },
  };
}

} // namespace

TEST_CASE("alarm: a record's timer number names it while armed, and nothing once stale") {
  sim_driver driver;
  auto st = std::make_shared<two_records>();
  st->ctx.epoch = driver.epoch();
  auto alarm = start_alarm(driver.system(), st->ctx);
  auto log = std::make_shared<std::vector<delivery>>();
  auto a = driver.system().spawn(authority, st, log);
  auto send = [&](auto... xs) {
    caf::anon_send(a, xs...);
    driver.drain();
  };
  send(arm_atom::value, std::int64_t{5000}, std::uint64_t{0});
  const auto first = st->timer[0].number;
  send(cancel_atom::value, std::uint64_t{0}); // its place is free ...
  send(arm_atom::value, std::int64_t{5000}, std::uint64_t{1});
  const auto second = st->timer[1].number; // ... and taken again, under a new number
  CHECK(first != 0);
  CHECK(second != first);
  CHECK(st->timers.armed() == 1);
  send(expire_atom::value, first); // a stale number, as a timer due at once could bring
  driver.advance_to(at(10s));
  REQUIRE(*log
          == std::vector<delivery>{{"nothing", first, at(0s)}, {"second", second, at(5s)}});
  CHECK(st->timers.armed() == 0);
  send(expire_atom::value, second); // fired already: it names nothing now
  CHECK(log->back().who == "nothing");
  caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(alarm, caf::exit_reason::user_shutdown);
  driver.drain();
}
