#pragma once
// Expiry timers that cost nothing once cancelled.
//
// Every live token and lease has one TTL timer, which its authority (the token store, the
// core's lease registry) re-arms at each renewal and ends with the record. A CAF delayed
// message cannot be cancelled in CAF 0.17, and each one costs a place in CAF's clock and a
// mailbox element, so the simulation's alarm actor keeps the armed timers in a table of its
// own, by instant, and only the earliest instant has a wake-up in CAF's clock:
// * a timer armed for an instant that already has timers joins them; the timers of one
//   instant fire in the order they were armed;
// * a timer armed for an instant before the earliest one moves the wake-up to its instant;
//   when an instant has fired, the next one gets the wake-up;
// * a cancelled timer is gone at once (no message when it would have fired, no reference
//   to its actor kept); if it was the last of the instant with the wake-up, the wake-up
//   moves on to the next instant with a timer;
// * the table holds only weak references, so an actor that ends is freed at once;
// * a handler sees its due instant as now (the driver steps the clock to each due instant).
// Among other messages CAF delivers at the same instant (a fleet's, an auth method's tidy
// timer), the wake-up takes the place it had in CAF's clock when it was scheduled there.
//
// A timer due at once (its instant may be shipped already) is a delayed message to the alarm,
// as all were before: it fires at this instant, so there is nothing to cancel.
//
// Messages of the alarm actor:
//   (expire_atom, int64 due)                  the wake-up of instant `due` (clock ticks):
//                                             (expire_atom, number) to each of its timers
//                                             whose actor still lives
//   (expire_atom, actor_addr who, uint64 n)   a timer due at once: (expire_atom, n) to `who`
//                                             if it still lives

#include "actors/protocols.hpp"
#include "clock/caf_driver.hpp"
#include "clock/pending_events.hpp"
#include "clock/sim_time.hpp"

#include <caf/actor.hpp>
#include <caf/actor_addr.hpp>
#include <caf/actor_clock.hpp>
#include <caf/actor_system.hpp>
#include <caf/behavior.hpp>
#include <caf/event_based_actor.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tokenlab {

struct sim_context;

/// A place for a new item in `places`: one freed before (taken off `free`), else a new one
/// at the end. The alarm's timers and an authority's records are kept so.
template <class T>
std::uint32_t take_place(std::vector<T>& places, std::vector<std::uint32_t>& free) {
  if (free.empty()) {
    places.emplace_back();
    return static_cast<std::uint32_t>(places.size() - 1);
  }
  const auto i = free.back();
  free.pop_back();
  return i;
}

/// The armed expiry timers of one simulation, shared by its actors (one thread: no lock).
class alarm_table {
public:
  /// Names one armed timer; a handle whose timer fired or was cancelled names none.
  struct handle {
    std::uint64_t seq = 0;  ///< the timer's arming number (0: none; never reused)
    std::uint32_t slot = 0; ///< its place in the table
  };

  explicit alarm_table(caf::actor_system& sys);

  /// Arms a timer for `who`, due after now, through `alarm`: `(expire_atom, number)` reaches
  /// `who` at `due`. Off the testing scheduler (nothing to withdraw from) it returns none.
  handle arm(const alarm_clock& alarm, caf::actor_clock::time_point due, caf::actor_addr who,
             std::uint64_t number);

  /// Cancels a timer; nothing if it fired or was cancelled already.
  void cancel(handle h);

  /// The alarm's part of the wake-up of instant `due`: sends each of its timers whose actor
  /// still lives, in arming order.
  void fire(caf::actor_clock::duration_type::rep due);

  /// The alarm has ended: timers are neither kept nor armed any more.
  void close();

  /// Can a timer due at `due` be armed in the table (an instant after the clock's now)?
  bool takes(caf::actor_clock::time_point due) const;

  /// Timers armed and neither fired nor cancelled.
  std::size_t armed() const { return armed_; }
  /// Places the table holds for timers: the armed ones' and cancelled ones' still queued.
  std::size_t queued() const { return due_.size(); }

private:
  using rep = caf::actor_clock::duration_type::rep;
  /// An armed timer, in its slot; a fired or cancelled one's slot is free (`seq` 0) and no
  /// longer holds its actor's reference.
  struct timer {
    std::uint64_t seq = 0;
    rep due = 0;
    caf::actor_addr who;
    std::uint64_t number = 0;
  };
  /// Does a timer's place in the queue (its pending_event's place is its slot) still name it?
  bool live(const pending_event& q) const { return timers_[q.place()].seq == q.seq(); }
  /// Frees a timer's slot.
  void release(std::uint32_t slot);
  /// Takes the cancelled timers off the front of the queue; with more of them queued than
  /// armed ones (and many), takes them all out.
  void prune();
  /// Gives the earliest instant the wake-up, unless one is scheduled at or before it.
  void schedule_next();

  caf::detail::test_actor_clock* clock_; ///< null off the testing scheduler
  caf::actor_addr alarm_;                ///< the alarm actor (weak), once a timer is armed
  /// The timers by slot, and the free slots. A cancellation frees its slot at once and leaves
  /// its place in the queue, which goes when it reaches the front (or by `prune`): it costs
  /// the same with 100,000 timers armed, and touches no other timer.
  std::vector<timer> timers_;
  std::vector<std::uint32_t> free_;
  /// Every armed timer, earliest instant first, each instant's in arming order.
  pending_queue due_;
  /// The wake-up in CAF's clock: the earliest instant's (shipped once its instant is now).
  wake_up_call wake_up_;
  std::uint64_t next_seq_ = 1; ///< never 0
  std::size_t armed_ = 0;
  bool closed_ = false;
};

/// One expiry timer: re-arming cancels the timer armed before, and so does its destruction
/// (it is a member of the record or the actor state it times).
class expiry_timer {
public:
  expiry_timer() = default;
  expiry_timer(const expiry_timer&) = delete;
  expiry_timer& operator=(const expiry_timer&) = delete;
  ~expiry_timer() { cancel(); }

  /// Arms the timer: `(expire_atom, number)` reaches `self` after `delay` (at once if not
  /// positive; never past the end of the lab's time). Without an alarm in `ctx` the timer is
  /// a delayed message, which is not cancelled: the actor ignores a number not its current one.
  void arm(caf::local_actor* self, const sim_context& ctx, sim_duration delay,
           std::uint64_t number);

  void cancel();

private:
  /// The table of the context it was armed with, which outlives it (every record or state
  /// that holds a timer holds that context, or lives in an actor that does).
  alarm_table* table_ = nullptr;
  alarm_table::handle handle_;
};

/// A record's TTL timer (a live token's in the token store, a lease's in the core's registry):
/// while armed, its number names the record in its authority's record_timers.
struct record_timer {
  std::uint64_t number = 0; ///< 0: never armed (a fired or cancelled timer's stays, stale)
  expiry_timer expiry;
};

/// The TTL timers of an authority's records. The alarm delivers `(expire_atom, number)` to the
/// authority, which finds the record by the number. A number is a place in a table and that
/// place's generation, which moves on each time the place is freed, so a stale number names
/// nothing (a place would have to be freed 2^32 times while a message of its old number is on
/// its way to be mistaken): a lookup is an index, not a hash, with 100,000s of records.
template <class Record>
class record_timers {
public:
  /// Arms (again) `timer`, a member of `record`, due after `delay`.
  void arm(caf::local_actor* self, const sim_context& ctx, Record& record, record_timer& timer,
           sim_duration delay) {
    forget(timer);
    timer.number = take(record);
    timer.expiry.arm(self, ctx, delay, timer.number);
  }

  /// Cancels `timer`.
  void cancel(record_timer& timer) {
    forget(timer);
    timer.expiry.cancel();
  }

  /// The record whose timer `number` fired, if that timer was still armed; else null.
  Record* fired(std::uint64_t number) {
    auto* p = place_of(number);
    if (!p)
      return nullptr;
    auto* record = p->record;
    release(*p, number);
    return record;
  }

  /// Forgets `timer`'s number, as its record goes (its expiry_timer cancels itself then).
  void forget(const record_timer& timer) {
    if (auto* p = place_of(timer.number))
      release(*p, timer.number);
  }

  /// Records with an armed timer.
  std::size_t armed() const { return places_.size() - free_.size(); }

private:
  struct place {
    Record* record = nullptr;
    std::uint32_t generation = 1; ///< never 0, so that no number is 0
  };

  static std::uint32_t index_of(std::uint64_t number) { return static_cast<std::uint32_t>(number); }

  place* place_of(std::uint64_t number) {
    const auto i = index_of(number);
    if (i >= places_.size())
      return nullptr;
    auto& p = places_[i];
    return p.record && p.generation == number >> 32 ? &p : nullptr;
  }

  std::uint64_t take(Record& record) {
    const auto i = take_place(places_, free_);
    places_[i].record = &record;
    return std::uint64_t{places_[i].generation} << 32 | i;
  }

  void release(place& p, std::uint64_t number) {
    p.record = nullptr;
    if (++p.generation == 0)
      p.generation = 1;
    free_.push_back(index_of(number));
  }

  std::vector<place> places_;
  std::vector<std::uint32_t> free_;
};

/// Spawns the alarm actor of a simulation and puts it and its table in `ctx`.
alarm_clock start_alarm(caf::actor_system& sys, sim_context& ctx);

} // namespace tokenlab
