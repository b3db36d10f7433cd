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
  auto key = due.time_since_epoch().count();
  auto seq = next_seq_;
  if (++next_seq_ == 0)
    next_seq_ = 1;
  ++armed_;
  auto [i, fresh] = wake_ups_.try_emplace(key);
  auto& w = i->second;
  ++w.live;
  timer t{seq, std::move(who), number};
  handle h{key, seq, 0};
  if (fresh)
    w.first = std::move(t);
  else {
    w.more.push_back(std::move(t));
    h.slot = static_cast<std::uint32_t>(w.more.size());
  }
  // Before the scheduled instant (which is after now, as this one is): the wake-up moves.
  schedule_next();
  return h;
}

void alarm_table::schedule_next() {
  if (wake_ups_.empty())
    return;
  auto key = wake_ups_.begin()->first;
  auto target = caf::actor_cast<caf::strong_actor_ptr>(alarm_);
  if (!target)
    return; // the alarm has ended
  wake_up_.schedule(*clock_, key, std::move(target), [key] {
    return caf::make_mailbox_element(nullptr, caf::make_message_id(), {}, expire_atom::value, key);
  });
}

void alarm_table::cancel(handle h) {
  if (h.seq == 0)
    return;
  auto i = wake_ups_.find(h.due);
  if (i == wake_ups_.end())
    return; // fired already
  auto& w = i->second;
  auto& t = h.slot == 0 ? w.first : w.more.at(h.slot - 1);
  if (t.seq != h.seq)
    return;
  t = {};
  --w.live;
  --armed_;
  // The instant's last timer takes the instant along, unless it is due (its wake-up maybe
  // shipped); the wake-up, if it was this instant's, moves to the next.
  if (w.live > 0 || h.due <= clock_->now().time_since_epoch().count())
    return;
  wake_ups_.erase(i);
  if (wake_up_.due() == h.due) {
    wake_up_.withdraw(*clock_);
    schedule_next();
  }
}

void alarm_table::fire(caf::actor_clock::duration_type::rep due) {
  wake_up_.arrived(due);
  auto i = wake_ups_.find(due);
  if (i == wake_ups_.end())
    return schedule_next();
  auto w = std::move(i->second);
  wake_ups_.erase(i);
  auto send = [&](const timer& t) {
    if (t.seq == 0)
      return; // cancelled
    --armed_;
    if (auto target = caf::actor_cast<caf::actor>(t.who))
      caf::anon_send(target, expire_atom::value, t.number);
  };
  send(w.first);
  for (const auto& t : w.more)
    send(t);
  schedule_next();
}

void alarm_table::close() {
  closed_ = true;
  wake_ups_.clear();
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
