#include "actors/alarm.hpp"

#include "actors/context.hpp"
#include "actors/messages.hpp"

#include <caf/actor_cast.hpp>
#include <caf/mailbox_element.hpp>
#include <caf/message_id.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace tokenlab {

alarm_table::alarm_table(caf::actor_system& sys)
  : clock_(dynamic_cast<caf::detail::test_actor_clock*>(&sys.clock())) {}

bool alarm_table::takes(caf::actor_clock::time_point due) const {
  return clock_ && !closed_ && due > clock_->now();
}

alarm_table::handle alarm_table::arm(const alarm_clock& alarm, caf::actor_clock::time_point due,
                                     caf::actor_addr who, std::uint64_t number) {
  if (!takes(due))
    return {};
  if (!alarm_)
    alarm_ = caf::actor_cast<caf::actor_addr>(alarm);
  const auto slot = take_place(timers_, free_);
  const auto key = due.time_since_epoch().count();
  const auto seq = next_seq_++;
  timers_[slot] = {seq, key, std::move(who), number};
  due_.push(pending_event::make(key, seq, slot));
  ++armed_;
  // Before the scheduled instant (which is after now, as this one is): the wake-up moves.
  schedule_next();
  return {seq, slot};
}

void alarm_table::release(std::uint32_t slot) {
  timers_[slot] = {};
  free_.push_back(slot);
  --armed_;
}

void alarm_table::prune() {
  while (!due_.empty() && !live(due_.top()))
    due_.pop();
  // Cancelled timers deep in the queue wait for their instant; past twice the armed ones,
  // they all go (linear, and paid for by as many cancellations).
  if (due_.size() > 4096 && due_.size() > 2 * armed_)
    due_.keep_only([this](const pending_event& q) { return live(q); });
}

void alarm_table::schedule_next() {
  if (due_.empty())
    return;
  auto key = due_.top().at;
  auto target = caf::actor_cast<caf::strong_actor_ptr>(alarm_);
  if (!target)
    return; // the alarm has ended
  wake_up_.schedule(*clock_, key, std::move(target), [key] {
    return caf::make_mailbox_element(nullptr, caf::make_message_id(), {}, expire_atom::value, key);
  });
}

void alarm_table::cancel(handle h) {
  if (h.seq == 0 || h.slot >= timers_.size() || timers_[h.slot].seq != h.seq)
    return; // fired or cancelled already
  const auto due = timers_[h.slot].due;
  release(h.slot);
  prune();
  // The wake-up's instant has lost its last timer (unless it is due: its wake-up maybe
  // shipped): the wake-up moves on to the next.
  if (wake_up_.due() == due && due > clock_->now().time_since_epoch().count() &&
      (due_.empty() || due_.top().at != due)) {
    wake_up_.withdraw(*clock_);
    schedule_next();
  }
}

void alarm_table::fire(caf::actor_clock::duration_type::rep due) {
  wake_up_.arrived(due);
  while (!due_.empty() && due_.top().at <= due) {
    const auto q = due_.pop();
    if (!live(q))
      continue; // cancelled
    auto who = std::move(timers_[q.place()].who);
    const auto number = timers_[q.place()].number;
    release(q.place());
    if (auto target = caf::actor_cast<caf::actor>(who))
      caf::anon_send(target, expire_atom::value, number);
  }
  prune();
  schedule_next();
}

void alarm_table::close() {
  closed_ = true;
  timers_.clear();
  free_.clear();
  due_.clear();
  wake_up_.forget();
  alarm_ = {};
  armed_ = 0;
}

void expiry_timer::arm(caf::local_actor* self, const sim_context& ctx, sim_duration delay,
                       std::uint64_t number) {
  cancel();
  delay = std::max(delay, sim_duration::zero());
  if (delay > sim_end - sim_now(self, ctx))
    return; // past the end of the lab's time: no step can reach it (clock/sim_time.hpp)
  // Anonymous: the timer's message names its actor itself, and a typed actor may arm one too.
  if (!ctx.alarm)
    return caf::delayed_anon_send(caf::actor_cast<caf::actor>(self), delay, expire_atom::value,
                                  number);
  auto due = self->clock().now() + delay;
  if (!ctx.alarms || !ctx.alarms->takes(due))
    return caf::delayed_anon_send(ctx.alarm, delay, expire_atom::value,
                                  caf::actor_cast<caf::actor_addr>(self), number);
  table_ = ctx.alarms.get();
  handle_ = table_->arm(ctx.alarm, due, caf::actor_cast<caf::actor_addr>(self), number);
}

void expiry_timer::cancel() {
  if (table_)
    table_->cancel(std::exchange(handle_, {}));
}

alarm_clock start_alarm(caf::actor_system& sys, sim_context& ctx) {
  auto table = std::make_shared<alarm_table>(sys);
  ctx.alarms = table;
  ctx.alarm = sys.spawn([table](alarm_clock::pointer self) -> alarm_clock::behavior_type {
    self->attach_functor([table] { table->close(); });
    return {
      [=](expire_atom, caf::actor_clock::duration_type::rep due) { table->fire(due); },
      [=](expire_atom, const caf::actor_addr& who, std::uint64_t number) {
        if (auto target = caf::actor_cast<caf::actor>(who))
          caf::anon_send(target, expire_atom::value, number);
      },
    };
  });
  return ctx.alarm;
}

} // namespace tokenlab
