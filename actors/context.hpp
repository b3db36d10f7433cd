#pragma once
// What every simulated component shares: the epoch of virtual time and the handles of the
// trace sink and the storage backend. Passed by value at spawn; no globals, so many
// simulations can run side by side.

#include "actors/protocols.hpp"
#include "clock/caf_driver.hpp"
#include "model/github.hpp"
#include "model/trace.hpp"
#include "model/trace_tally.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tokenlab {

class alarm_table;

/// Counting instead of tracing: while a fleet runs there are too many events to send each
/// to the trace sink, so components add them to this tally where they happen. One
/// simulation runs on one thread (the testing scheduler), so no lock is needed.
struct trace_counter {
  bool on = false;
  trace_tally tally;
};

struct sim_context {
  sim_epoch epoch;
  std::int64_t epoch_unix = 0; ///< calendar instant of t=0, for Vault's timestamps
  std::uint64_t seed = 1;
  /// The seed of the barrier keyring (batch tokens); unset: `seed`. A performance-
  /// replication secondary shares its primary's keyring, not its IDs.
  std::optional<std::uint64_t> barrier_seed;
  trace_sink tracer;
  storage_backend storage;
  alarm_clock alarm; ///< delivers expiry timers (actors/alarm.hpp); none: actors time themselves
  std::shared_ptr<alarm_table> alarms; ///< the timers the alarm delivers (start_alarm)
  std::string salt_key; ///< the storage salt (Vault's sys/token/salt), from the seed
  std::shared_ptr<trace_counter> counter; ///< shared by every component of one simulation
  /// The outside world the scenario declares: GitHub's organizations, users and teams (the
  /// github auth method asks it). Shared, never changed during a run.
  std::shared_ptr<const github_world> github;
  /// Set in the context of a token or lease made while a fleet counts (object_context, or
  /// its record's flag): that object's events stay counted for as long as it lives, also
  /// once the fleet has ended and the lab traces again (the tally drops those past its
  /// horizon).
  bool counted = false;

  /// True while this component's events are counted, not traced.
  bool counting() const { return counted || (counter && counter->on); }
};

/// The context an object made now keeps for its life: counted when made while a fleet counts.
inline sim_context object_context(const sim_context& ctx) {
  auto out = ctx;
  out.counted = ctx.counting();
  return out;
}

/// One simulation's contexts for the objects it makes (object_context), shared by them all:
/// a token's actor holds a pointer, not a copy of its own (136 bytes and the salt's string).
/// The context they are made from never changes after set-up.
class object_contexts {
public:
  /// The context of an object made now from `ctx`: counted or not, as object_context says.
  const std::shared_ptr<const sim_context>& of(const sim_context& ctx) {
    return of(ctx, ctx.counting());
  }

  /// The context of an object made from `ctx`, counted or not: a record that keeps whether
  /// it was made while a fleet counted (a live token, a lease) gets its context by its flag.
  const std::shared_ptr<const sim_context>& of(const sim_context& ctx, bool counted) {
    auto& slot = made_[counted ? 1 : 0];
    if (!slot) {
      auto made = std::make_shared<sim_context>(ctx);
      made->counted = counted;
      slot = std::move(made);
    }
    return slot;
  }

private:
  std::shared_ptr<const sim_context> made_[2]; ///< traced, counted
};

/// The context of an authority's record (a live token in the token store, a lease in the
/// core's registry): the authority's (`st.ctx`), counted if the record was made while a fleet
/// counted (`r.counted`), from the authority's shared ones (`st.made`).
template <class Authority, class Record>
const std::shared_ptr<const sim_context>& record_context(Authority& st, const Record& r) {
  return st.made.of(st.ctx, r.counted);
}

/// Who waits for the end of a revocation that an authority runs itself, without an actor (a
/// fleet's token or lease: docs/decisions.md, "A fleet's token and lease are revoked by their
/// authority"); nothing while none is under way.
class revocation_waiters {
public:
  /// Joins `waiter` (none: nobody waits, as for an expiry) to the revocation; true when this
  /// starts it, false when one was under way already (it then ends for this waiter too).
  bool join(std::function<void()> waiter) {
    const bool starts = !list_;
    if (starts)
      list_ = std::make_unique<std::vector<std::function<void()>>>();
    if (waiter)
      list_->push_back(std::move(waiter));
    return starts;
  }
  /// A revocation is under way.
  bool active() const { return list_ != nullptr; }
  /// The waiters, to be answered once the record is gone.
  std::vector<std::function<void()>> take() { return std::move(*list_); }

private:
  std::unique_ptr<std::vector<std::function<void()>>> list_;
};

/// Returns the virtual time an actor sees now.
sim_time sim_now(caf::local_actor* self, const sim_context& ctx);

// The functions below take any actor, dynamically typed or typed (`Self` is its
// stateful_actor or typed actor class), as they only send and read the clock.

/// Sends a trace event stamped with the actor's virtual now (while events are counted, it is
/// counted right here). It takes the caller's event by reference: a counted one is read in
/// place, a traced one moved once, into its message.
template <class Self>
void emit(Self* self, const sim_context& ctx, trace_event&& ev) {
  ev.at = sim_now(self, ctx);
  if (ctx.counting())
    return ctx.counter->tally.add(ev);
  self->send(ctx.tracer, std::move(ev));
}

/// An event of `kind` about `subject`: while events are counted, counted from these alone;
/// else built, `fill(trace_event&)` adding its other fields, and sent. A counted run then
/// copies nothing it would only count (the IDs, a TTL decision).
template <class Self, class Fill>
void emit(Self* self, const sim_context& ctx, trace_kind kind, trace_cause cause,
          std::string_view subject, Fill&& fill) {
  const auto now = sim_now(self, ctx);
  if (ctx.counting())
    return ctx.counter->tally.add(now, kind, cause, subject);
  trace_event ev;
  ev.at = now;
  ev.kind = kind;
  ev.cause = cause;
  ev.subject = std::string{subject};
  fill(ev);
  self->send(ctx.tracer, std::move(ev));
}

/// The same for an object a component keeps a record of (an engine's credential): made while
/// a fleet counted (`counted`), its events stay counted.
template <class Self>
void emit(Self* self, const sim_context& ctx, trace_event&& ev, bool counted) {
  if (counted && !ctx.counting()) {
    ev.at = sim_now(self, ctx);
    return ctx.counter->tally.add(ev);
  }
  emit(self, ctx, std::move(ev));
}

/// The expiry (`kind`, token_expired or lease_expired) of `subject`, whose owner is `related`.
template <class Self>
void emit_expired(Self* self, const sim_context& ctx, trace_kind kind, std::string_view subject,
                  std::string_view related = {}) {
  emit(self, ctx, kind, trace_cause::ttl_expired, subject,
       [&](trace_event& ev) { ev.related = related; });
}

/// A record's TTL timer fired: traces the timer's firing and the expiry it is.
template <class Self>
void emit_expiry(Self* self, const sim_context& ctx, trace_kind kind, std::string_view subject,
                 std::string_view related = {}) {
  emit(self, ctx, trace_kind::timer_fired, trace_cause::none, subject, [](trace_event&) {});
  emit_expired(self, ctx, kind, subject, related);
}

/// A storage key; or, made while events are counted, only the prefix it is counted under
/// (storage_key_prefix), when its maker knows that prefix: a key made only to be counted is
/// not made (actors/keys.hpp).
class storage_key {
public:
  storage_key(std::string key)
    : key_(std::move(key)) {}
  storage_key(const char* key)
    : key_(key) {}

  /// Only the prefix of a key (a literal: kept as a view), which storage_key_prefix gives
  /// back unchanged.
  template <std::size_t N>
  static storage_key counted(const char (&prefix)[N]) {
    storage_key k{std::string{}};
    k.prefix_ = std::string_view{prefix, N - 1};
    return k;
  }

  bool counted_only() const { return !prefix_.empty(); }
  /// What the tally groups it by: the prefix, or the key (which the tally cuts to its prefix).
  std::string_view counted_as() const { return counted_only() ? prefix_ : key_; }
  std::string take() && { return std::move(key_); }

private:
  std::string key_;
  std::string_view prefix_;
};

/// A storage operation (`op`, a put or a delete): sent to the storage actor, which traces it;
/// while events are counted, counted right here, by key prefix, and no key is kept. A key
/// made while events were counted is counted (it is only its prefix).
template <class Self, class Atom>
void storage_op(Self* self, const sim_context& ctx, Atom op, storage_key key) {
  if (!key.counted_only() && !ctx.counting())
    return self->send(ctx.storage, op, std::move(key).take());
  ctx.counter->tally.add_storage(std::is_same_v<Atom, put_atom>, sim_now(self, ctx),
                                 key.counted_as());
}

/// Writes (put) or deletes a storage key.
template <class Self>
void storage_put(Self* self, const sim_context& ctx, storage_key key) {
  storage_op(self, ctx, put_atom::value, std::move(key));
}

template <class Self>
void storage_delete(Self* self, const sim_context& ctx, storage_key key) {
  storage_op(self, ctx, delete_atom::value, std::move(key));
}

/// Vault's salted form of an ID in storage keys: "h" + hex(HMAC-SHA256(salt, id)); while
/// events are counted (no key is kept, only its prefix) just "h".
std::string salted(const sim_context& ctx, std::string_view id);

/// The token store's salted form of an ID (TokenStore.SaltID), which its storage keys and the
/// expiration manager's token leases and index use: `salted` for an ID with a dot (`hvs.…`);
/// otherwise hex(SHA1(salt + ID)), 40 hex digits (an accessor, a lease ID, a custom token ID).
std::string token_store_salted(const sim_context& ctx, std::string_view id);

} // namespace tokenlab
