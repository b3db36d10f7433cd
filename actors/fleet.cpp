#include "actors/fleet.hpp"

#include "model/batch_token.hpp"

#include <caf/mailbox_element.hpp>
#include <caf/message_id.hpp>

#include <functional>

namespace tokenlab {

void slot_token::assign(std::string_view s) {
  // Its own characters, which making its key again would free first, are copied out.
  const std::less<const char*> before;
  if (key_ && !s.empty() && !before(s.data(), key_->data()) &&
      before(s.data(), key_->data() + key_->size()))
    return assign(std::string{s});
  batch_ = is_batch_token_string(s);
  key_.emplace(s);
}

namespace {

using self_ptr = fleet::stateful_pointer<fleet_state>;

void start_container(self_ptr self, std::uint32_t i);

// Gives the earliest pending event's instant the wake-up, unless one comes at or before it.
void schedule_wake_up(self_ptr self) {
  auto& st = self->state;
  if (st.due.empty())
    return;
  const auto at = st.due.top().at;
  st.wake_up.schedule(*st.clock, at, caf::actor_cast<caf::strong_actor_ptr>(self), [at] {
    return caf::make_mailbox_element(nullptr, caf::make_message_id(), {}, fleet_atom::value, at);
  });
}

// Arms the slot's next event: its next tick strictly before its exit, else its exit;
// nothing at or after the horizon.
void arm(self_ptr self, std::uint32_t i, sim_time next) {
  auto& st = self->state;
  if (next >= st.horizon || next > sim_end)
    return;
  const auto at = self->clock().now() + (next - sim_now(self, st.ctx));
  st.due.push(pending_event::make(at.time_since_epoch().count(), st.armed++, i));
  schedule_wake_up(self);
}

void arm_after(self_ptr self, std::uint32_t i, sim_time now) {
  auto& st = self->state;
  const auto& slot = st.slots[i];
  // Ticks sit on the container's grid: start + k * tick.
  auto k = (now - slot.start) / st.params.tick + 1;
  auto tick = slot.start + k * st.params.tick;
  arm(self, i, tick < slot.exit ? tick : slot.exit);
}

// Books a request of slot i on its node: served there, or forwarded to the active node
// because it writes storage (the active node serves what it gets).
void book(self_ptr self, std::uint32_t i, bool writes) {
  auto& st = self->state;
  if (st.params.nodes.empty())
    return;
  const auto& node = st.params.nodes[i % st.params.nodes.size()];
  auto& w = st.counts.work[node];
  ++(writes && node != "active" ? w.second : w.first);
}

// A request of the fleet's: counted, so its answer shows no request ID (the core's stream,
// whose IDs a scenario shows, is the same with or without a fleet), and the token store may
// answer the fleet's logins, renewals and revocations itself (docs/decisions.md).
vault_request request(std::string_view token, decltype(vault_request::op) op) {
  vault_request r;
  r.token = token;
  r.op = std::move(op);
  r.counted = true;
  return r;
}

// Logs the slot's container in and reads its secret; then arms its next event.
void login(self_ptr self, std::uint32_t i) {
  auto& st = self->state;
  const auto& p = st.params;
  auto mount = p.login.substr(0, p.login.find('/', 5) + 1);
  auto req = request("", login_request{mount, p.login, p.login_fields});
  self->request(st.core, caf::infinite, request_atom::value, std::move(req))
    .then(
      [=](api_outcome& out) {
        auto& s = self->state;
        auto now = sim_now(self, s.ctx);
        auto& slot = s.slots[i];
        if (!out || !out->auth) {
          ++s.counts.errors;
          slot.token.clear();
          return arm_after(self, i, now);
        }
        ++s.counts.logins;
        slot.token.assign(out->auth->client_token());
        book(self, i, !slot.token.batch()); // a batch token writes nothing
        slot.expire = now + secs(out->auth->lease_duration);
        if (s.params.read.empty())
          return arm_after(self, i, now);
        auto read = request(slot.token.view(), logical_read_request{s.params.read});
        self->request(s.core, caf::infinite, request_atom::value, std::move(read))
          .then(
            [=](api_outcome& secret) {
              if (!secret)
                ++self->state.counts.errors;
              else
                book(self, i, !secret->lease_id.empty()); // a lease is written
              arm_after(self, i, sim_now(self, self->state.ctx));
            },
            [=](caf::error&) { ++self->state.counts.errors; });
      },
      [=](caf::error&) { ++self->state.counts.errors; });
}

void relogin(self_ptr self, std::uint32_t i) {
  ++self->state.counts.relogins;
  login(self, i);
}

// A tick: a token past its expiry means logging in again; otherwise renew it (if the
// fleet renews) by its increment.
void tick(self_ptr self, std::uint32_t i, sim_time now) {
  auto& st = self->state;
  ++st.counts.ticks;
  auto& slot = st.slots[i];
  if (slot.token.empty() || slot.expire <= now)
    return relogin(self, i);
  if (!st.params.renew)
    return arm_after(self, i, now);
  token_renew_request renew;
  renew.by = token_selector::self;
  renew.increment = *st.params.renew;
  auto req = request(slot.token.view(), renew);
  self->request(st.core, caf::infinite, request_atom::value, std::move(req))
    .then(
      [=](api_outcome& out) {
        auto& s = self->state;
        auto at = sim_now(self, s.ctx);
        if (!out || !out->auth || out->auth->lease_duration <= 0) {
          ++s.counts.failed_renewals;
          return relogin(self, i);
        }
        ++s.counts.renewals;
        book(self, i, true);
        auto ttl = secs(out->auth->lease_duration);
        if (ttl < *s.params.renew)
          ++s.counts.capped_renewals;
        s.slots[i].expire = at + ttl;
        arm_after(self, i, at);
      },
      [=](caf::error&) { ++self->state.counts.errors; });
}

// An exit: a token still live is revoked; then the next container starts in the slot.
void exit_container(self_ptr self, std::uint32_t i, sim_time now) {
  auto& st = self->state;
  ++st.counts.exits;
  auto& slot = st.slots[i];
  // A batch token cannot be revoked (Vault refuses): the client just drops it.
  if (slot.token.empty() || slot.expire <= now || slot.token.batch())
    return start_container(self, i);
  ++st.counts.revocations;
  token_revoke_request revoke;
  revoke.by = token_selector::self;
  auto req = request(slot.token.view(), revoke);
  self->request(st.core, caf::infinite, request_atom::value, std::move(req))
    .then(
      [=](api_outcome&) {
        book(self, i, true);
        start_container(self, i);
      },
      [=](caf::error&) { ++self->state.counts.errors; });
}

void start_container(self_ptr self, std::uint32_t i) {
  auto& st = self->state;
  auto now = sim_now(self, st.ctx);
  ++st.counts.starts;
  auto& slot = st.slots[i];
  slot.start = now;
  slot.exit = now + st.streams[i].lifetime(st.params.lifetime);
  slot.token.clear();
  login(self, i);
}

// A slot's event: its first container starts, it exits, or it ticks.
void slot_event(self_ptr self, std::uint32_t i) {
  auto& s = self->state;
  auto& slot = s.slots[i];
  auto now = sim_now(self, s.ctx);
  if (!slot.started())
    return start_container(self, i);
  if (now >= slot.exit)
    return exit_container(self, i, now);
  tick(self, i, now);
}

} // namespace

fleet::behavior_type fleet_actor(fleet::stateful_pointer<fleet_state> self, fleet_params params,
                                 sim_context ctx, vault_core core) {
  auto& st = self->state;
  // Throws std::bad_cast off the testing scheduler, whose clock the wake-ups use.
  st.clock = &dynamic_cast<caf::detail::test_actor_clock&>(self->clock());
  st.params = std::move(params);
  st.ctx = std::move(ctx);
  st.core = std::move(core);
  const auto n = static_cast<std::size_t>(st.params.clients);
  st.slots = std::vector<fleet_slot>(n); // a slot's token is made in place, never moved
  st.streams.reserve(n);
  const auto begin = sim_now(self, st.ctx);
  st.horizon = begin + st.params.until;
  for (std::size_t i = 0; i < n; ++i) {
    st.streams.emplace_back(st.ctx.seed, i);
    arm(self, static_cast<std::uint32_t>(i), begin + st.streams[i].arrival(st.params.arrival));
  }
  return {
    [=](fleet_atom) { return self->state.counts; },
    [=](fleet_atom, wake_up_call::rep at) {
      auto& s = self->state;
      s.wake_up.arrived(at);
      while (!s.due.empty() && s.due.top().at <= at)
        slot_event(self, s.due.pop().place());
      schedule_wake_up(self);
    },
  };
}

} // namespace tokenlab
